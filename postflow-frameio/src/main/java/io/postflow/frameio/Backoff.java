package io.postflow.frameio;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The waits a {@link RetryPolicy} prescribes. Jitter only lengthens a wait, so the floors (30 s
 * after a 5xx, 1 s doubling after a 429, a {@code Retry-After} the service sent) always hold.
 */
final class Backoff {
  /** Why an attempt failed, as far as the wait is concerned. */
  enum Reason { NETWORK, SERVER_ERROR, RATE_LIMITED }

  private final RetryPolicy policy;
  private final DoubleSupplier random;

  Backoff(RetryPolicy policy, DoubleSupplier random) {
    this.policy = policy;
    this.random = random;
  }

  /**
   * The wait after failed attempt number {@code attempt} (1-based); {@code rateLimitedCount} is
   * how many 429s this call has had so far, {@code retryAfter} what the service asked for (or null).
   */
  Duration delay(Reason reason, int attempt, int rateLimitedCount, Duration retryAfter) {
    Duration wait = exponential(policy.baseDelay(), attempt, policy.maxDelay());
    if (reason == Reason.SERVER_ERROR) {
      wait = max(wait, policy.minServerErrorDelay());
    } else if (reason == Reason.RATE_LIMITED) {
      Duration doubling = exponential(policy.minRateLimitDelay(), rateLimitedCount,
          max(policy.maxDelay(), policy.minRateLimitDelay()));
      wait = max(wait, doubling);
    }
    if (retryAfter != null) {
      wait = max(wait, retryAfter);
    }
    double factor = 1 + policy.jitter() * Math.min(1, Math.max(0, random.getAsDouble()));
    return Duration.ofNanos((long) (wait.toNanos() * factor));
  }

  private static Duration exponential(Duration base, int step, Duration cap) {
    if (base.isZero()) {
      return Duration.ZERO;
    }
    int shift = Math.min(Math.max(step - 1, 0), 30);
    long nanos = base.toNanos();
    long scaled = nanos > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : nanos << shift;
    return scaled >= cap.toNanos() ? cap : Duration.ofNanos(scaled);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
