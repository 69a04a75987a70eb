package io.postflow.frameio;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client-side pacing per endpoint, seeded with Frame.io's documented limits and corrected by the
 * {@code x-ratelimit-limit}, {@code x-ratelimit-remaining} and {@code x-ratelimit-window}
 * (milliseconds) headers every answer carries. Thread-safe.
 */
final class RequestPacer {
  private static final Logger LOG = LoggerFactory.getLogger(RequestPacer.class);

  private final Clock clock;
  private final boolean enabled;
  private final ConcurrentMap<Endpoint, LeakyBucket> buckets = new ConcurrentHashMap<>();

  RequestPacer(Clock clock, boolean enabled) {
    this.clock = clock;
    this.enabled = enabled;
  }

  /** Books a request on {@code endpoint}; returns the wait before sending it. */
  Duration reserve(Endpoint endpoint) {
    if (!enabled) {
      return Duration.ZERO;
    }
    LeakyBucket bucket = bucketOrNull(endpoint, true);
    return bucket == null ? Duration.ZERO : bucket.reserve(now());
  }

  /** Learns from an answer's rate-limit headers; unparsable values are ignored (and logged). */
  void observe(Endpoint endpoint, HttpHeaders headers) {
    if (!enabled) {
      return;
    }
    OptionalLong limit = number(headers, "x-ratelimit-limit");
    OptionalLong window = number(headers, "x-ratelimit-window");
    OptionalLong remaining = number(headers, "x-ratelimit-remaining");
    if (limit.isEmpty() && remaining.isEmpty()) {
      return;
    }
    if (limit.isPresent() && window.isPresent() && limit.getAsLong() > 0 && window.getAsLong() > 0) {
      Duration windowDuration = Duration.ofMillis(window.getAsLong());
      buckets
          .computeIfAbsent(endpoint, e -> new LeakyBucket((int) limit.getAsLong(), windowDuration, now()))
          .observe((int) limit.getAsLong(), windowDuration, (int) remaining.orElse(-1), now());
      return;
    }
    LeakyBucket bucket = bucketOrNull(endpoint, false);
    if (bucket != null) {
      bucket.observe(0, null, (int) remaining.orElse(-1), now());
    }
  }

  /** A 429 came back: the service's bucket is full, so ours is too. */
  void rateLimited(Endpoint endpoint) {
    LeakyBucket bucket = bucketOrNull(endpoint, true);
    if (enabled && bucket != null) {
      bucket.fill(now());
    }
  }

  private LeakyBucket bucketOrNull(Endpoint endpoint, boolean seed) {
    LeakyBucket bucket = buckets.get(endpoint);
    if (bucket != null || !seed) {
      return bucket;
    }
    return buckets.computeIfAbsent(
        endpoint, e -> new LeakyBucket(e.documentedLimit(), e.documentedWindow(), now()));
  }

  private long now() {
    java.time.Instant instant = clock.instant();
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  private static OptionalLong number(HttpHeaders headers, String name) {
    return headers.firstValue(name).map(value -> {
      try {
        return OptionalLong.of(Long.parseLong(value.trim()));
      } catch (NumberFormatException e) {
        LOG.debug("ignoring header {}: not a number", name);
        return OptionalLong.empty();
      }
    }).orElse(OptionalLong.empty());
  }
}
