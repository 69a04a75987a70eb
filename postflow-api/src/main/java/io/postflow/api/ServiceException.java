package io.postflow.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A remote service (Frame.io, Adobe IMS, S3) answered with an error, or could not be reached.
 *
 * <p>Carries everything a support ticket needs: the operation, the HTTP status (0 when no answer
 * came back), the service's request id, its {@code errors[]} details, how many attempts were made
 * and whether trying again could help. The message is built from those fields and never contains
 * a token or a presigned query string.
 */
public class ServiceException extends PostFlowException {
  private static final long serialVersionUID = 1L;

  private final String operation;
  private final int httpStatus;
  private final String requestId;
  private final List<ServiceError> errors;
  private final int attempts;
  private final boolean retryable;

  public ServiceException(
      String operation,
      int httpStatus,
      String requestId,
      List<ServiceError> errors,
      int attempts,
      boolean retryable,
      Throwable cause) {
    super(describe(operation, httpStatus, requestId, errors, attempts, cause), cause);
    this.operation = Objects.requireNonNull(operation, "operation");
    this.httpStatus = httpStatus;
    this.requestId = requestId;
    this.errors = List.copyOf(errors);
    this.attempts = attempts;
    this.retryable = retryable;
  }

  /** What was attempted, e.g. {@code POST /v4/accounts/{account_id}/folders/{folder_id}/folders}. */
  public String operation() {
    return operation;
  }

  /** The HTTP status of the last answer, or 0 when the service could not be reached at all. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The service's request id (for example Frame.io's {@code x-request-id}), when it sent one. */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** The service's own error details, in the order it sent them; empty when it sent none. */
  public List<ServiceError> errors() {
    return errors;
  }

  /** How many attempts were made before giving up (1 when no retry happened). */
  public int attempts() {
    return attempts;
  }

  @Override
  public boolean isRetryable() {
    return retryable;
  }

  private static String describe(
      String operation, int status, String requestId, List<ServiceError> errors, int attempts,
      Throwable cause) {
    StringBuilder message = new StringBuilder(operation);
    message.append(status == 0 ? " failed: no answer" : " failed: HTTP " + status);
    if (status == 0 && cause != null) {
      // Without it, "no answer after 4 attempts" leaves DNS, a firewall and a TLS proxy to guess.
      message.append(" (").append(io.postflow.api.internal.NetworkFailures.describe(cause)).append(')');
    }
    if (!errors.isEmpty()) {
      message.append(" - ");
      for (int i = 0; i < errors.size(); i++) {
        message.append(i == 0 ? "" : "; ").append(errors.get(i));
      }
    }
    if (requestId != null) {
      message.append(" [request id ").append(requestId).append(']');
    }
    if (attempts > 1) {
      message.append(" after ").append(attempts).append(" attempts");
    }
    return message.toString();
  }
}
