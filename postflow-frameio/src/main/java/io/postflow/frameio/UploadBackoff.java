package io.postflow.frameio;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The waits between retries of one part PUT: the client's {@link Backoff} for a {@link
 * RetryPolicy}, as for a network failure (the base delay doubled per retry, capped, plus jitter).
 * Presigned part PUTs go to S3, not to the Frame.io API, so the policy's 5xx and 429 floors (which
 * are Frame.io's rules) are not applied here; the official SDK waits 1 s, 2 s, 4 s between part
 * attempts and so does the default.
 */
final class UploadBackoff {
  /** The default for part PUTs: 4 attempts, 1 s doubling to at most 8 s. */
  static final RetryPolicy PART_DEFAULT = RetryPolicy.builder()
      .maxAttempts(4)
      .baseDelay(Duration.ofSeconds(1))
      .maxDelay(Duration.ofSeconds(8))
      .jitter(0.2)
      .build();

  private final RetryPolicy policy;
  private final Backoff backoff;

  UploadBackoff(RetryPolicy policy) {
    this.policy = policy;
    this.backoff = new Backoff(policy, () -> ThreadLocalRandom.current().nextDouble());
  }

  int maxAttempts() {
    return policy.maxAttempts();
  }

  /** The wait before attempt {@code failedAttempts + 1}, {@code failedAttempts >= 1}. */
  Duration delayAfter(int failedAttempts) {
    return backoff.delay(Backoff.Reason.NETWORK, failedAttempts, 0, null);
  }
}
