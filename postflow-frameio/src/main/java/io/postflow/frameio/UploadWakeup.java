package io.postflow.frameio;

import io.postflow.api.Sleeper;
import java.time.Duration;

/**
 * The one place an upload waits (between part retries, between status polls). A wait ends early
 * when the upload is cancelled, so cancel never has to wait out a back-off, or when a webhook says
 * the file moved on, so confirmation does not wait for the next poll.
 *
 * <p>With a {@link Sleeper} given (tests), waits go through it and only the cancel flag is honoured
 * between them. Thread-safe.
 */
final class UploadWakeup {
  private final Sleeper sleeper;
  private boolean cancelled;
  private boolean signalled;

  /** @param sleeper the sleeper to use, or null for real, wakeable monitor waits */
  UploadWakeup(Sleeper sleeper) {
    this.sleeper = sleeper;
  }

  /** Waits {@code delay}, less when woken. Returns at once when cancelled. */
  void pause(Duration delay) throws InterruptedException {
    if (sleeper != null) {
      synchronized (this) {
        if (cancelled) {
          return;
        }
        signalled = false;
      }
      sleeper.sleep(delay);
      return;
    }
    long deadline = System.nanoTime() + delay.toNanos();
    synchronized (this) {
      while (!cancelled && !signalled) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        wait(left / 1_000_000, (int) (left % 1_000_000));
      }
      signalled = false;
    }
  }

  /** Ends the current (or next) wait once. */
  synchronized void signal() {
    signalled = true;
    notifyAll();
  }

  /** Ends every wait from now on. */
  synchronized void cancel() {
    cancelled = true;
    notifyAll();
  }

  synchronized boolean isCancelled() {
    return cancelled;
  }
}
