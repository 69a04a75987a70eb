package io.postflow.notify;

import io.postflow.api.PostFlowException;
import java.time.Duration;
import java.util.Optional;

/**
 * A chat or webhook channel did not take a notification. The message names the channel and the
 * status it answered, never the webhook's URL (its path is the secret that lets anyone post).
 */
public final class NotifierException extends PostFlowException {
  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final boolean retryable;
  private final transient Duration retryAfter;

  NotifierException(String message, int httpStatus, boolean retryable, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.retryable = retryable;
    this.retryAfter = retryAfter;
  }

  /** The HTTP status the channel answered; 0 when it did not answer. */
  public int httpStatus() {
    return httpStatus;
  }

  /** How long the channel asked to wait before trying again (a 429's {@code retry_after}). */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** True for no answer, 429 and 5xx; false for a refusal that repeating will not change (400, 401, 404). */
  @Override
  public boolean isRetryable() {
    return retryable;
  }
}
