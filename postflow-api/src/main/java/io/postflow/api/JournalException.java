package io.postflow.api;

/**
 * The delivery journal cannot be opened, read or written: a corrupt or unreadable file, a schema
 * from a newer PostFlow, a database that refuses. The message names the journal (its file or its
 * database, never its credentials). A journal is never reset silently to get past this.
 */
public class JournalException extends PostFlowException {
  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  public JournalException(String message, Throwable cause, boolean retryable) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** True for a failure that may pass (a busy or unreachable database), false for a broken journal. */
  @Override
  public boolean isRetryable() {
    return retryable;
  }
}
