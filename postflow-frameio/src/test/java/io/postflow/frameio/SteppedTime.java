package io.postflow.frameio;

import io.postflow.api.Sleeper;
import io.postflow.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Simulated time for code that sleeps on several threads at once. {@code ManualTime} would add
 * concurrent sleeps up (ten threads each pausing 1 s move its clock 10 s) and let every thread run
 * on at once; here each sleep blocks until the test {@linkplain #run runs} the clock to its wake-up
 * time. The clock moves only when every thread of the code under test is asleep or finished, to
 * the earliest wake-up, and lets that one sleeper go: what happens at each instant is decided by
 * the code under test alone, whatever the machine's load.
 */
final class SteppedTime {
  private final ManualClock clock;
  private final Object lock = new Object();
  private final List<Sleep> asleep = new ArrayList<>(); // guarded by lock
  private final List<Duration> sleeps = new ArrayList<>(); // guarded by lock
  private long order; // guarded by lock

  private static final class Sleep {
    final Instant wake;
    final long order;
    boolean released;

    Sleep(Instant wake, long order) {
      this.wake = wake;
      this.order = order;
    }
  }

  SteppedTime(Instant start) {
    this.clock = ManualClock.at(start);
  }

  ManualClock clock() {
    return clock;
  }

  Sleeper sleeper() {
    return this::sleep;
  }

  /** Every positive sleep, in the order they began. */
  List<Duration> sleeps() {
    synchronized (lock) {
      return List.copyOf(sleeps);
    }
  }

  /**
   * Moves time on until {@code finished} of the code under test's {@code threads} threads are
   * finished: whenever each of the others is asleep, sets the clock to the earliest wake-up and
   * wakes that sleeper.
   *
   * @throws AssertionError when the threads are neither all asleep nor finished for {@code patience}
   *     of real time (a thread stuck elsewhere)
   */
  void run(int threads, IntSupplier finished, Duration patience) throws InterruptedException {
    synchronized (lock) {
      while (true) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (finished.getAsInt() + waiting() < threads) {
          if (System.nanoTime() - deadline > 0) {
            throw new AssertionError(finished.getAsInt() + " of " + threads + " threads finished and "
                + waiting() + " asleep after " + patience + ": the others are stuck");
          }
          lock.wait(5); // finishing is not signalled here: look again soon
        }
        if (finished.getAsInt() >= threads) {
          return;
        }
        Sleep next = asleep.stream().filter(s -> !s.released)
            .min(Comparator.<Sleep, Instant>comparing(s -> s.wake).thenComparingLong(s -> s.order))
            .orElseThrow();
        if (next.wake.isAfter(clock.instant())) {
          clock.set(next.wake);
        }
        next.released = true;
        lock.notifyAll();
      }
    }
  }

  private int waiting() {
    return (int) asleep.stream().filter(s -> !s.released).count();
  }

  private void sleep(Duration duration) throws InterruptedException {
    if (duration.isNegative() || duration.isZero()) {
      return;
    }
    synchronized (lock) {
      Sleep sleep = new Sleep(clock.instant().plus(duration), order++);
      sleeps.add(duration);
      asleep.add(sleep);
      lock.notifyAll();
      try {
        while (!sleep.released) {
          lock.wait();
        }
      } finally {
        asleep.remove(sleep);
      }
    }
  }
}
