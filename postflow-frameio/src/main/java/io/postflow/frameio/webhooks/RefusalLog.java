package io.postflow.frameio.webhooks;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Counts every refused request and logs only a few of them: anyone who can reach the receiver can
 * send requests that are refused, and a WARN line for each (2,000 in under a second in a review)
 * would fill the disk and bury the lines that matter. Per interval, the first {@code burst}
 * refusals are logged one by one; the rest are counted, and one summary line with their number is
 * written when the next interval begins (at the next refusal after it) or at {@link #flush()}.
 * Thread-safe.
 */
final class RefusalLog {
  static final int BURST = 5;
  static final Duration INTERVAL = Duration.ofMinutes(1);

  private final Logger log;
  private final int burst;
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final AtomicLong total = new AtomicLong();
  // Guarded by "this".
  private long windowStart;
  private int loggedInWindow;
  private long unlogged;

  RefusalLog(Logger log) {
    this(log, BURST, INTERVAL, System::nanoTime);
  }

  RefusalLog(Logger log, int burst, Duration interval, LongSupplier nanoTime) {
    this.log = log;
    this.burst = burst;
    this.intervalNanos = interval.toNanos();
    this.nanoTime = nanoTime;
    this.windowStart = nanoTime.getAsLong();
  }

  /** Counts one refusal and logs it at WARN unless this interval's burst is used up. */
  void refused(Object client, String reason) {
    long count = total.incrementAndGet();
    long summary;
    boolean logThis;
    boolean lastOfBurst;
    synchronized (this) {
      long now = nanoTime.getAsLong();
      summary = 0;
      if (now - windowStart >= intervalNanos) {
        summary = unlogged;
        unlogged = 0;
        loggedInWindow = 0;
        windowStart = now;
      }
      logThis = loggedInWindow < burst;
      if (logThis) {
        loggedInWindow++;
      } else {
        unlogged++;
      }
      lastOfBurst = logThis && loggedInWindow == burst;
    }
    writeSummary(summary, count - 1);
    if (logThis) {
      log.warn("Refused a request from {}: {}{}", client, reason, lastOfBurst
          ? " (further refusals in the next " + describe(intervalNanos)
              + " are counted, not logged one by one)" : "");
    }
  }

  /** Writes the summary of refusals not logged yet, if there are any. */
  void flush() {
    long summary;
    synchronized (this) {
      summary = unlogged;
      unlogged = 0;
    }
    writeSummary(summary, total.get());
  }

  /** Every refusal counted since this log was created. */
  long total() {
    return total.get();
  }

  private void writeSummary(long unloggedCount, long totalSoFar) {
    if (unloggedCount > 0) {
      log.warn("Refused {} more requests without logging each ({} refused since start)",
          unloggedCount, totalSoFar);
    }
  }

  private static String describe(long nanos) {
    Duration duration = Duration.ofNanos(nanos);
    return duration.toSeconds() >= 60 && duration.toSecondsPart() == 0
        ? duration.toMinutes() + " min" : duration.toMillis() + " ms";
  }
}
