package io.postflow.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What Discord told us about its limits for one webhook: the route's bucket
 * ({@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset-After}) and the global limit (a 429
 * with {@code "global": true} or {@code X-RateLimit-Global}). Sending waits until both allow it,
 * so a burst stays under the limit instead of collecting 429s. Guarded by the notifier's lock.
 */
final class DiscordRateLimits {
  private Instant bucketOpensAt = Instant.MIN;
  private Instant globalOpensAt = Instant.MIN;

  /** How long to wait before the next request may go. */
  Duration waitBeforeSending(Instant now) {
    Instant opens = bucketOpensAt.isAfter(globalOpensAt) ? bucketOpensAt : globalOpensAt;
    return opens.isAfter(now) ? Duration.between(now, opens) : Duration.ZERO;
  }

  /** Reads the bucket headers of any answer. */
  void observe(HttpHeaders headers, Instant now) {
    Optional<String> remaining = headers.firstValue("x-ratelimit-remaining");
    Optional<Duration> resetAfter = seconds(headers.firstValue("x-ratelimit-reset-after").orElse(null));
    if (remaining.isPresent() && resetAfter.isPresent() && remaining.get().trim().equals("0")) {
      bucketOpensAt = later(bucketOpensAt, now.plus(resetAfter.get()));
    }
  }

  /**
   * Reads a 429: {@code retry_after} from the body (seconds, with a fraction), else the
   * {@code Retry-After} header, else the bucket's reset; global when the body or headers say so.
   *
   * @return how long Discord asked to wait
   */
  Duration rateLimited(HttpHeaders headers, JsonNode body, Instant now) {
    Duration wait = seconds(body.path("retry_after").asText(null))
        .or(() -> seconds(headers.firstValue("retry-after").orElse(null)))
        .or(() -> seconds(headers.firstValue("x-ratelimit-reset-after").orElse(null)))
        .orElse(Duration.ofSeconds(1));
    boolean global = body.path("global").asBoolean(false)
        || headers.firstValue("x-ratelimit-global").map("true"::equalsIgnoreCase).orElse(false)
        || headers.firstValue("x-ratelimit-scope").map("global"::equalsIgnoreCase).orElse(false);
    if (global) {
      globalOpensAt = later(globalOpensAt, now.plus(wait));
    } else {
      bucketOpensAt = later(bucketOpensAt, now.plus(wait));
    }
    return wait;
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /** "1.337" seconds; empty for a missing, malformed or negative value. */
  static Optional<Duration> seconds(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      double seconds = Double.parseDouble(text.trim());
      if (!(seconds >= 0) || seconds > 86_400) {
        return Optional.empty();
      }
      return Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
