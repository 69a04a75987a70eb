package io.postflow.testkit;

import java.time.Duration;

/**
 * A documented Frame.io limit: {@code limit} calls per {@code window}, per user and operation.
 *
 * @param limit calls allowed per window, at least 1
 * @param window the window, at least one millisecond
 */
record RateLimit(int limit, Duration window) {
  static final RateLimit THREE_PER_SECOND = perSecond(3);
  static final RateLimit FIVE_PER_SECOND = perSecond(5);
  static final RateLimit TEN_PER_SECOND = perSecond(10);
  static final RateLimit HUNDRED_PER_MINUTE = perMinute(100);
  static final RateLimit SIXTY_PER_MINUTE = perMinute(60);
  static final RateLimit TEN_PER_MINUTE = perMinute(10);

  RateLimit {
    if (limit < 1) {
      throw new IllegalArgumentException("rate limit must be at least 1, was " + limit);
    }
    if (window.toMillis() < 1) {
      throw new IllegalArgumentException("rate limit window must be at least 1 ms, was " + window);
    }
  }

  static RateLimit perSecond(int limit) {
    return new RateLimit(limit, Duration.ofSeconds(1));
  }

  static RateLimit perMinute(int limit) {
    return new RateLimit(limit, Duration.ofMinutes(1));
  }
}
