package io.postflow.frameio;

import io.postflow.api.ServiceError;
import io.postflow.api.ServiceException;
import java.util.List;

/**
 * Frame.io answered 404: the account, folder, file or webhook does not exist or was deleted (or the
 * user may not see it). Callers that cache ids catch this to forget them, as the structure manager
 * does. Never retryable.
 */
public final class ResourceNotFoundException extends ServiceException {
  private static final long serialVersionUID = 1L;

  /** See {@link ServiceException#ServiceException}; the status is always 404. */
  public ResourceNotFoundException(
      String operation, String requestId, List<ServiceError> errors, int attempts) {
    super(operation, 404, requestId, errors, attempts, false, null);
  }
}
