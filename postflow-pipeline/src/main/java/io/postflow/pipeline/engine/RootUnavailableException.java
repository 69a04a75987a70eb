package io.postflow.pipeline.engine;

/**
 * The delivery's watched folder is missing or empty (the filespace is unmounted or offline), so
 * its file cannot be read now. The run ends and the delivery waits, counting no attempt.
 */
final class RootUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RootUnavailableException(String message) {
    super(message, null, false, false);
  }
}
