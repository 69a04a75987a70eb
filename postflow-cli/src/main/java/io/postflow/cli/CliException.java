package io.postflow.cli;

/**
 * A failure a command reports in its own words, with its exit status and, where there is one,
 * what to do about it. Thrown before any side effect wherever the check allows.
 */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;
  private final String remedy;

  CliException(int exitCode, String message, String remedy) {
    super(message);
    this.exitCode = exitCode;
    this.remedy = remedy;
  }

  static CliException usage(String message) {
    return new CliException(ExitCodes.USAGE, message, null);
  }

  static CliException failed(String message) {
    return new CliException(ExitCodes.FAILED, message, null);
  }

  int exitCode() {
    return exitCode;
  }

  /** What the user can do, or null. */
  String remedy() {
    return remedy;
  }
}
