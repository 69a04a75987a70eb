package io.postflow.frameio;

import io.postflow.api.ConfigurationException;
import java.time.Duration;
import org.immutables.value.Value;

/**
 * How the {@link FrameioClient} retries: capped exponential back-off with jitter, a longer floor for
 * server errors (Frame.io's guide asks for at least 30 s after a 5xx) and a doubling wait from one
 * second after each 429.
 *
 * <p>Only failures that may go away are retried: connection failures, timeouts, 408, 429 and 5xx.
 * Idempotent calls (GET, PUT, DELETE, the move PATCH) are retried as they are; a POST that creates
 * something is retried only when it certainly did not reach the service (connection refused, 429)
 * or after checking that it did not happen. Immutable and thread-safe.
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.builder().maxAttempts(5).minServerErrorDelay(Duration.ofSeconds(45)).build();
 * }</pre>
 */
@Value.Immutable
public abstract class RetryPolicy {

  /** Attempts per call, the first included; 1 means never retry. Default 4. */
  @Value.Default
  public int maxAttempts() {
    return 4;
  }

  /** The first back-off; doubled per further attempt. Default 1 s. */
  @Value.Default
  public Duration baseDelay() {
    return Duration.ofSeconds(1);
  }

  /** The cap on the exponential back-off (not on the 5xx floor). Default 60 s. */
  @Value.Default
  public Duration maxDelay() {
    return Duration.ofSeconds(60);
  }

  /**
   * The share of each delay that is randomised, 0 to 1: a delay {@code d} becomes a value in
   * {@code [d, d * (1 + jitter)]}, so waits never fall under the computed floor. Default 0.2.
   */
  @Value.Default
  public double jitter() {
    return 0.2;
  }

  /** The least wait after a 5xx answer. Default 30 s, as Frame.io's guide asks. */
  @Value.Default
  public Duration minServerErrorDelay() {
    return Duration.ofSeconds(30);
  }

  /** The first wait after a 429 (doubled per further 429 in the same call). Default 1 s. */
  @Value.Default
  public Duration minRateLimitDelay() {
    return Duration.ofSeconds(1);
  }

  /** The defaults described on each setting. */
  public static RetryPolicy ofDefaults() {
    return builder().build();
  }

  /** A policy that never retries (one attempt). */
  public static RetryPolicy none() {
    return builder().maxAttempts(1).build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  void check() {
    if (maxAttempts() < 1 || maxAttempts() > 100) {
      throw new ConfigurationException(
          "'maxAttempts' must be between 1 and 100, was " + maxAttempts());
    }
    requirePositive("baseDelay", baseDelay());
    requirePositive("maxDelay", maxDelay());
    if (baseDelay().compareTo(maxDelay()) > 0) {
      throw new ConfigurationException("'baseDelay' cannot be greater than 'maxDelay'");
    }
    if (!(jitter() >= 0 && jitter() <= 1)) {
      throw new ConfigurationException("'jitter' must be between 0 and 1, was " + jitter());
    }
    if (minServerErrorDelay().isNegative()) {
      throw new ConfigurationException("'minServerErrorDelay' must not be negative");
    }
    if (minRateLimitDelay().isNegative()) {
      throw new ConfigurationException("'minRateLimitDelay' must not be negative");
    }
  }

  private static void requirePositive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new ConfigurationException("'" + name + "' must be positive, was " + value);
    }
  }

  /** Builds a {@link RetryPolicy}; {@code build()} names the setting it rejects. */
  public static final class Builder extends ImmutableRetryPolicy.Builder {}
}
