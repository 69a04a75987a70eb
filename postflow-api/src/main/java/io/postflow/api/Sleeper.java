package io.postflow.api;

import java.time.Duration;

/**
 * Waits. PostFlow sleeps through this seam wherever it backs off, paces or polls, so tests
 * can replace it (together with a {@link java.time.Clock}) and run retry logic instantly, like
 * google-http-java-client's {@code Sleeper}.
 *
 * <p><b>Contract.</b> Implementations are thread-safe, block the calling thread for about
 * {@code duration} (never noticeably less) and throw {@link InterruptedException} when the thread
 * is interrupted, without swallowing the interrupt.
 */
@FunctionalInterface
public interface Sleeper {

  /** Blocks for {@code duration}; returns at once for zero or negative durations. */
  void sleep(Duration duration) throws InterruptedException;

  /** The real thing: {@link Thread#sleep(long, int)}. */
  static Sleeper system() {
    return duration -> {
      if (duration.isNegative() || duration.isZero()) {
        return;
      }
      Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    };
  }
}
