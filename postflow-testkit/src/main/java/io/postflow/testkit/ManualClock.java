package io.postflow.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that only moves when told to: tests drive token expiry, retry back-off and
 * settle windows with it instead of sleeping.
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));
 * // ... hand the clock to the sandbox or to PostFlow ...
 * clock.advance(Duration.ofHours(25)); // every 24 h access token is now expired
 * }</pre>
 *
 * <p>Thread-safe: any thread may read or move the clock; every reader sees the latest value. The
 * zone is UTC. {@link #withZone(ZoneId)} returns a view in another zone that shares this clock's
 * instant, so moving this clock moves the view too.
 */
public final class ManualClock extends Clock {
  private final AtomicReference<Instant> now;

  private ManualClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /**
   * Creates a clock that reads {@code start} until it is moved.
   *
   * @throws NullPointerException if {@code start} is null
   */
  public static ManualClock at(Instant start) {
    return new ManualClock(Objects.requireNonNull(start, "start"));
  }

  /**
   * Moves the clock forward by {@code d}. Concurrent calls add up: none is lost.
   *
   * @throws NullPointerException if {@code d} is null
   * @throws IllegalArgumentException if {@code d} is negative (use {@link #set(Instant)} to go
   *     back)
   */
  public void advance(Duration d) {
    Objects.requireNonNull(d, "d");
    if (d.isNegative()) {
      throw new IllegalArgumentException("advance(d): d must not be negative, was " + d);
    }
    now.updateAndGet(t -> t.plus(d));
  }

  /**
   * Sets the clock to {@code t}, forward or backward.
   *
   * @throws NullPointerException if {@code t} is null
   */
  public void set(Instant t) {
    now.set(Objects.requireNonNull(t, "t"));
  }

  /** The instant last set or advanced to; never moves on its own. */
  @Override
  public Instant instant() {
    return now.get();
  }

  /** Always UTC; use {@link #withZone(ZoneId)} for a view in another zone. */
  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /**
   * Returns a clock in {@code zone} that reads this clock's instant (a live view, not a copy).
   *
   * @throws NullPointerException if {@code zone} is null
   */
  @Override
  public Clock withZone(ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    return ZoneOffset.UTC.equals(zone) ? this : new View(this, zone);
  }

  /** {@code ManualClock[<instant>]}, for test failure messages. */
  @Override
  public String toString() {
    return "ManualClock[" + now.get() + "]";
  }

  /** A zoned window onto a ManualClock; it never holds an instant of its own. */
  private static final class View extends Clock {
    private final ManualClock base;
    private final ZoneId zone;

    View(ManualClock base, ZoneId zone) {
      this.base = base;
      this.zone = zone;
    }

    @Override
    public Instant instant() {
      return base.instant();
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
      return base.withZone(newZone);
    }

    @Override
    public String toString() {
      return "ManualClock[" + base.instant() + ", " + zone + "]";
    }
  }
}
