package io.postflow.frameio;

import java.time.Duration;

/**
 * One endpoint's pacing: a leaky bucket of {@code capacity} requests that drains at
 * {@code capacity / window}. A request that would overflow it is given a wait instead, so a busy
 * pipeline arrives at the service just under its limit rather than collecting 429s.
 *
 * <p>One slot of the bucket is kept free as a margin for jitter. The service's own view ({@code x-ratelimit-remaining}) can only make the bucket fuller, never
 * emptier: requests of ours still in flight are not yet counted there. Thread-safe; all times are
 * nanoseconds from the caller's clock so tests can drive it.
 */
final class LeakyBucket {
  private double capacity;
  private double drainPerNano;
  private double level;
  private long updatedAt;

  LeakyBucket(int limit, Duration window, long now) {
    reconfigure(limit, window);
    this.updatedAt = now;
  }

  /** Books one request and returns how long it must wait first (zero when there is room). */
  synchronized Duration reserve(long now) {
    drain(now);
    // one slot is kept spare: requests paced exactly at the limit can still arrive bunched up by
    // network jitter, and the service's bucket would then refuse the early one
    double usable = capacity > 1 ? capacity - 1 : capacity;
    double overflow = level + 1 - usable;
    level += 1;
    if (overflow <= 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) Math.ceil(overflow / drainPerNano));
  }

  /** Takes the service's figures into account: limit and window replace ours, remaining raises the level. */
  synchronized void observe(int limit, Duration window, int remaining, long now) {
    drain(now);
    if (limit > 0 && window != null && !window.isZero() && !window.isNegative()) {
      reconfigure(limit, window);
    }
    if (remaining >= 0) {
      level = Math.max(level, capacity - remaining);
    }
  }

  /** After a 429 the bucket is full, whatever we believed. */
  synchronized void fill(long now) {
    drain(now);
    level = Math.max(level, capacity);
  }

  synchronized double level(long now) {
    drain(now);
    return level;
  }

  synchronized double capacity() {
    return capacity;
  }

  private void reconfigure(int limit, Duration window) {
    this.capacity = limit;
    this.drainPerNano = limit / (double) window.toNanos();
  }

  private void drain(long now) {
    long elapsed = now - updatedAt;
    if (elapsed > 0) {
      level = Math.max(0, level - elapsed * drainPerNano);
      updatedAt = now;
    }
  }
}
