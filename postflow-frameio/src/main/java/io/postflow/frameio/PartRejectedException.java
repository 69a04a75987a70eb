package io.postflow.frameio;

import io.postflow.frameio.internal.Redaction;

/**
 * A part could not be sent, after the retries that made sense. Internal: the session turns it into
 * an {@link io.postflow.api.UploadException}, or starts over when {@link #urlRejected()}.
 */
final class PartRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final String errorCode;
  private final int attempts;
  private final boolean retryable;

  PartRejectedException(PartPlan part, int totalParts, int httpStatus, String errorCode,
      int attempts, boolean retryable, Throwable cause) {
    super(describe(part, totalParts, httpStatus, errorCode, attempts, cause), cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
    this.attempts = attempts;
    this.retryable = retryable;
  }

  /** The last HTTP status, 0 when no answer came. */
  int httpStatus() {
    return httpStatus;
  }

  /** S3's {@code <Code>}, e.g. {@code SignatureDoesNotMatch}; null when none was sent. */
  String errorCode() {
    return errorCode;
  }

  int attempts() {
    return attempts;
  }

  boolean retryable() {
    return retryable;
  }

  /**
   * Whether the presigned URL itself was refused (403: expired or signature mismatch) after the
   * retries: new URLs, from a new placeholder, are the only way on.
   */
  boolean urlRejected() {
    return httpStatus == 403;
  }

  private static String describe(PartPlan part, int totalParts, int status, String code,
      int attempts, Throwable cause) {
    StringBuilder text = new StringBuilder("part ").append(part.index() + 1).append(" of ")
        .append(totalParts).append(" (").append(part.size()).append(" bytes at offset ")
        .append(part.offset()).append(") failed: ");
    if (status == 0) {
      text.append("no answer").append(cause == null ? "" : " (" + Redaction.text(cause.toString()) + ")");
    } else {
      text.append("HTTP ").append(status).append(code == null ? "" : " " + code);
    }
    return text.append(" after ").append(attempts).append(attempts == 1 ? " attempt" : " attempts")
        .toString();
  }
}
