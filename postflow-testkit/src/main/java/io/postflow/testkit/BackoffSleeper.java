package io.postflow.testkit;

import java.time.Duration;

/**
 * Waits between attempts. Production code passes {@link #REAL}; tests pass a recorder so retry
 * schedules are asserted without waiting (google-http's {@code Sleeper}).
 */
@FunctionalInterface
interface BackoffSleeper {
  /** Sleeps on the calling thread; {@link Thread#sleep(long)} semantics for interrupts. */
  BackoffSleeper REAL = d -> Thread.sleep(d.toMillis());

  /**
   * Blocks for {@code d}.
   *
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration d) throws InterruptedException;
}
