package io.postflow.lucidlink;

import io.postflow.api.PostFlowException;

/**
 * LucidLink could not be reached or did not do what was asked: the CLI is missing, failed, timed
 * out, or printed something that cannot be understood; or no filespace was found. The message
 * names the command and carries the last lines of its output, enough for a support ticket.
 */
public class LucidLinkException extends PostFlowException {
  private static final long serialVersionUID = 1L;

  /** @param message what failed, naming the command or the place looked at */
  public LucidLinkException(String message) {
    super(message);
  }

  /**
   * @param message what failed
   * @param cause the underlying failure
   */
  public LucidLinkException(String message, Throwable cause) {
    super(message, cause);
  }
}
