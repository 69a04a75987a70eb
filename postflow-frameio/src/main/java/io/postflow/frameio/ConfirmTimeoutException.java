package io.postflow.frameio;

import io.postflow.api.UploadException;

/**
 * Confirmation ran out of time. The remote file is left in place (its bytes may well be there and
 * the service merely slow), so the id stays in the exception. Users see an {@link UploadException}.
 */
final class ConfirmTimeoutException extends UploadException {
  private static final long serialVersionUID = 1L;

  ConfirmTimeoutException(String fileName, String fileId, String message) {
    super(fileName, fileId, message, true, null);
  }
}
