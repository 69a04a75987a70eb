package io.postflow.testkit;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Leaky buckets keyed per account user and operation, drained continuously at {@code limit / window}
 * on the sandbox clock (so a {@code ManualClock} drives refills). Thread-safe.
 */
final class RateLimiter {
  /** The answer for one call: whether it may proceed and the header values to send. */
  record Decision(boolean allowed, int limit, int remaining, long windowMillis) {}

  private final Clock clock;
  private final Map<String, double[]> buckets = new HashMap<>(); // key -> {level, lastMillis}

  RateLimiter(Clock clock) {
    this.clock = clock;
  }

  /** Takes one call from the bucket of {@code key} if there is room; {@code limit} sizes it. */
  Decision acquire(String key, RateLimit limit) {
    return acquire(key, limit, true);
  }

  /**
   * Counts one call in the bucket of {@code key}. When {@code enforce} is false the call is always
   * allowed, but still counted (the bucket never fills past the limit), so the remaining figure in
   * the headers is what the service would report.
   */
  synchronized Decision acquire(String key, RateLimit limit, boolean enforce) {
    long now = clock.millis();
    long windowMillis = limit.window().toMillis();
    double[] bucket = buckets.computeIfAbsent(key, k -> new double[] {0, now});
    double leaked = (now - bucket[1]) * (double) limit.limit() / windowMillis;
    bucket[0] = Math.max(0, bucket[0] - Math.max(0, leaked));
    bucket[1] = Math.max(bucket[1], now);
    if (bucket[0] + 1 > limit.limit() + 1e-9) {
      return new Decision(!enforce, limit.limit(), 0, windowMillis);
    }
    bucket[0] += 1;
    int remaining = (int) Math.floor(limit.limit() - bucket[0] + 1e-9);
    return new Decision(true, limit.limit(), Math.max(0, remaining), windowMillis);
  }

  /** The header values for a call that was not counted (for example one refused before routing). */
  synchronized Decision peek(String key, RateLimit limit) {
    double[] bucket = buckets.get(key);
    double leaked = bucket == null ? 0 : (clock.millis() - bucket[1]) * (double) limit.limit() / limit.window().toMillis();
    double level = bucket == null ? 0 : Math.max(0, bucket[0] - Math.max(0, leaked));
    int remaining = (int) Math.floor(limit.limit() - level + 1e-9);
    return new Decision(true, limit.limit(), Math.max(0, remaining), limit.window().toMillis());
  }
}
