package io.postflow.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Bytes uploaded per time slot over a sliding window (by default 60 slots of 10 s: the last ten
 * minutes), for the throughput chart. Fixed memory: a ring of slot totals, each reset when the
 * clock comes round to it again. Thread-safe.
 */
final class Throughput {
  private final Clock clock;
  private final long slotMillis;
  private final long[] bytes;
  /** The slot number (time / slot length) each cell of {@link #bytes} holds. */
  private final long[] slotOf;
  private long total;

  Throughput(Clock clock, Duration slot, int slots) {
    this.clock = clock;
    this.slotMillis = slot.toMillis();
    this.bytes = new long[slots];
    this.slotOf = new long[slots];
    java.util.Arrays.fill(slotOf, Long.MIN_VALUE);
  }

  synchronized void add(long delta) {
    if (delta <= 0) {
      return;
    }
    long slot = clock.millis() / slotMillis;
    int cell = (int) Math.floorMod(slot, (long) bytes.length);
    if (slotOf[cell] != slot) {
      slotOf[cell] = slot;
      bytes[cell] = 0;
    }
    bytes[cell] += delta;
    total += delta;
  }

  /** Bytes counted since the start. */
  synchronized long total() {
    return total;
  }

  /** One slot of the window: when it began and the bytes per second uploaded during it. */
  record Point(Instant start, long bytesPerSecond) {}

  /** The window, oldest slot first, the current (partial) slot last; slots with nothing are 0. */
  synchronized Point[] window() {
    long now = clock.millis() / slotMillis;
    Point[] points = new Point[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      long slot = now - bytes.length + 1 + i;
      int cell = (int) Math.floorMod(slot, (long) bytes.length);
      long inSlot = slotOf[cell] == slot ? bytes[cell] : 0;
      points[i] = new Point(Instant.ofEpochMilli(slot * slotMillis), inSlot * 1000 / slotMillis);
    }
    return points;
  }
}
