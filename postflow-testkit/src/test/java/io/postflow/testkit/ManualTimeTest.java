package io.postflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualTimeTest {
  private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void sleep_movesTheClockByItsDuration_returnsAtOnce_andIsRecorded() throws Exception {
    ManualTime time = ManualTime.startingAt(START);
    long realStart = System.nanoTime();

    time.sleeper().sleep(Duration.ofMinutes(10));
    time.sleeper().sleep(Duration.ofSeconds(30));

    assertThat(Duration.ofNanos(System.nanoTime() - realStart)).isLessThan(Duration.ofSeconds(5));
    assertThat(time.now()).isEqualTo(START.plus(Duration.ofMinutes(10)).plusSeconds(30));
    assertThat(time.clock().instant()).isEqualTo(time.now());
    assertThat(time.sleeps()).containsExactly(Duration.ofMinutes(10), Duration.ofSeconds(30));
    assertThat(time.totalSlept()).isEqualTo(Duration.ofSeconds(630));
  }

  @Test
  void advance_movesTheClockWithoutASleep_andZeroOrNegativeSleepsDoNothing() throws Exception {
    ManualTime time = ManualTime.startingAt(START);

    time.advance(Duration.ofHours(1));
    time.sleeper().sleep(Duration.ZERO);
    time.sleeper().sleep(Duration.ofSeconds(-5));

    assertThat(time.now()).isEqualTo(START.plus(Duration.ofHours(1)));
    assertThat(time.sleeps()).isEmpty();
    assertThatThrownBy(() -> time.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sleep_ofAnInterruptedThread_throws_andTheClockStays() {
    ManualTime time = ManualTime.startingAt(START);
    Thread.currentThread().interrupt();

    assertThatThrownBy(() -> time.sleeper().sleep(Duration.ofSeconds(1)))
        .isInstanceOf(InterruptedException.class);
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(time.now()).isEqualTo(START);
  }

  @Test
  void sleeps_fromManyThreadsAtOnce_allAddUp() throws Exception {
    ManualTime time = ManualTime.startingAt(START);
    Sleeper sleeper = time.sleeper();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      threads.add(new Thread(() -> {
        for (int j = 0; j < 2_000; j++) {
          try {
            sleeper.sleep(Duration.ofMillis(5));
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          }
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }

    assertThat(time.now()).isEqualTo(START.plusSeconds(40));
    assertThat(time.sleeps()).hasSize(8_000);
  }

  @Test
  void clock_isAManualClockThatCanStillBeSet() {
    ManualTime time = ManualTime.startingAt(START);
    time.clock().set(START.minusSeconds(60));
    assertThat(time.now()).isEqualTo(START.minusSeconds(60));
    assertThat(time).hasToString("ManualTime[2026-03-01T09:59:00Z, 0 sleeps]");
  }
}
