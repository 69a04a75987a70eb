package io.postflow.api;

import java.util.List;

/**
 * A tunnel or file exposer could not be started, became unhealthy, or its binary is missing. Holds
 * the last lines the tunnel process printed, which is usually where the reason is.
 */
public class TunnelException extends PostFlowException {
  private static final long serialVersionUID = 1L;

  private final List<String> lastOutput;
  private final boolean retryable;

  public TunnelException(String message, List<String> lastOutput, boolean retryable, Throwable cause) {
    super(withOutput(message, lastOutput), cause);
    this.lastOutput = List.copyOf(lastOutput);
    this.retryable = retryable;
  }

  /** The last lines the process wrote to stdout and stderr, oldest first; may be empty. */
  public List<String> lastOutput() {
    return lastOutput;
  }

  @Override
  public boolean isRetryable() {
    return retryable;
  }

  private static String withOutput(String message, List<String> lines) {
    if (lines.isEmpty()) {
      return message;
    }
    return message + System.lineSeparator() + "last output:" + System.lineSeparator() + "  "
        + String.join(System.lineSeparator() + "  ", lines);
  }
}
