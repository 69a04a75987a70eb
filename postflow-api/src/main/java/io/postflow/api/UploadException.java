package io.postflow.api;

import java.util.Optional;

/**
 * An upload could not be completed: the file changed on disk while it was sent, the service
 * reported {@code upload_failed}, parts were rejected for good, or confirmation timed out. Nothing
 * half-uploaded is left behind as a success: the message says what state the remote file is in.
 */
public class UploadException extends PostFlowException {
  private static final long serialVersionUID = 1L;

  private final String fileName;
  private final String remoteFileId;
  private final boolean retryable;

  public UploadException(
      String fileName, String remoteFileId, String message, boolean retryable, Throwable cause) {
    super(fileName + ": " + message, cause);
    this.fileName = fileName;
    this.remoteFileId = remoteFileId;
    this.retryable = retryable;
  }

  /** The name of the file that was being uploaded. */
  public String fileName() {
    return fileName;
  }

  /** The id of the remote file placeholder, when one had been created and was not deleted. */
  public Optional<String> remoteFileId() {
    return Optional.ofNullable(remoteFileId);
  }

  @Override
  public boolean isRetryable() {
    return retryable;
  }
}
