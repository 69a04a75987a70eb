package io.postflow.cli;

/**
 * The exit status of every {@code postflow} command, the same for all of them so scripts can rely
 * on it (docs/cli.md lists them).
 */
final class ExitCodes {
  /** Done; for {@code doctor}, nothing to fix. */
  static final int OK = 0;
  /** The command ran and the answer is no: an upload failed, a name does not match, a check failed. */
  static final int FAILED = 1;
  /** Wrong arguments or options: nothing was done. */
  static final int USAGE = 2;
  /** The configuration or the credentials are missing or wrong: nothing was done. */
  static final int CONFIGURATION = 3;
  /**
   * Something needed is unavailable: Frame.io unreachable, the sandbox's port taken, the journal
   * held by another agent when {@code run} starts. (The journal commands work beside a running
   * agent.)
   */
  static final int UNAVAILABLE = 4;
  /** Stopped by Ctrl-C or SIGTERM before the end (128 + SIGINT, as shells report it). */
  static final int INTERRUPTED = 130;

  private ExitCodes() {}
}
