package io.postflow.testkit;

import io.postflow.api.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A clock and a sleeper that go together, for PostFlow's {@code clock(..)} and {@code sleeper(..)}
 * settings: a {@code sleep(d)}, by any thread, moves the clock forward by {@code d} and returns at
 * once. Retry back-offs, pacing, polls and timeouts then run instantly and always the same way,
 * and {@link #sleeps()} says what was waited.
 *
 * <pre>{@code
 * ManualTime time = ManualTime.startingAt(Instant.parse("2026-01-05T10:00:00Z"));
 * FrameioClient client = FrameioClient.builder().authenticator(authenticator)
 *     .clock(time.clock()).sleeper(time.sleeper()).build();
 * // ... a call that meets two 503s ...
 * assertThat(time.sleeps()).hasSize(2);
 * }</pre>
 *
 * <p>Thread-safe: concurrent sleeps and {@link #advance} calls all add up, none is lost. The clock
 * only moves through them; it is a {@link ManualClock}, so {@link ManualClock#set} works too. A
 * sleep of zero or a negative duration returns at once and is not recorded. A thread that is
 * interrupted when it calls {@code sleep} gets an {@link InterruptedException} (its flag cleared,
 * as {@link Thread#sleep} does) and the clock does not move.
 */
public final class ManualTime {
  private final ManualClock clock;
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final Sleeper sleeper = this::sleep;

  private ManualTime(ManualClock clock) {
    this.clock = clock;
  }

  /**
   * Time that reads {@code start} until something sleeps or it is advanced.
   *
   * @throws NullPointerException if {@code start} is null
   */
  public static ManualTime startingAt(Instant start) {
    return new ManualTime(ManualClock.at(Objects.requireNonNull(start, "start")));
  }

  /** The clock, in UTC; give it to the same component as {@link #sleeper()}. */
  public ManualClock clock() {
    return clock;
  }

  /** The sleeper: each sleep moves {@link #clock()} forward by its duration and returns at once. */
  public Sleeper sleeper() {
    return sleeper;
  }

  /** The instant the clock reads now. */
  public Instant now() {
    return clock.instant();
  }

  /**
   * Moves the clock forward by {@code d} without recording a sleep, as time passing outside the
   * code under test would.
   *
   * @throws IllegalArgumentException if {@code d} is negative
   */
  public void advance(Duration d) {
    clock.advance(d);
  }

  /** Every positive duration slept so far, in the order the sleeps began; a snapshot. */
  public List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  /** The sum of {@link #sleeps()}. */
  public Duration totalSlept() {
    return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
  }

  private void sleep(Duration duration) throws InterruptedException {
    Objects.requireNonNull(duration, "duration");
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before sleeping " + duration);
    }
    if (duration.isNegative() || duration.isZero()) {
      return;
    }
    sleeps.add(duration);
    clock.advance(duration);
  }

  /** {@code ManualTime[<instant>, <n> sleeps]}, for test failure messages. */
  @Override
  public String toString() {
    return "ManualTime[" + clock.instant() + ", " + sleeps.size() + " sleeps]";
  }
}
