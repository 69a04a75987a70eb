package io.postflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualClockTest {
  private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void at_readsTheStartInstantInUtc_untilMoved() {
    ManualClock clock = ManualClock.at(START);

    assertThat(clock.instant()).isEqualTo(START);
    assertThat(clock.millis()).isEqualTo(START.toEpochMilli());
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void advanceAndSet_moveTheClock_backwardOnlyThroughSet() {
    ManualClock clock = ManualClock.at(START);

    clock.advance(Duration.ofSeconds(90));
    assertThat(clock.instant()).isEqualTo(START.plusSeconds(90));
    clock.set(START.minusSeconds(5));
    assertThat(clock.instant()).isEqualTo(START.minusSeconds(5));
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d must not be negative");
    assertThatThrownBy(() -> ManualClock.at(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("start");
  }

  @Test
  void withZone_returnsALiveViewSharingTheInstant() {
    ManualClock clock = ManualClock.at(START);
    ZoneId paris = ZoneId.of("Europe/Paris");

    Clock view = clock.withZone(paris);
    clock.advance(Duration.ofHours(2));

    assertThat(view.getZone()).isEqualTo(paris);
    assertThat(view.instant()).isEqualTo(START.plus(Duration.ofHours(2)));
    assertThat(ZonedDateTime.now(view).getHour()).isEqualTo(13);
    assertThat(view.withZone(ZoneOffset.UTC)).isSameAs(clock);
    assertThat(view.withZone(ZoneId.of("Asia/Tokyo")).instant()).isEqualTo(clock.instant());
  }

  @Test
  void advance_fromManyThreadsAtOnce_losesNoStep() throws Exception {
    ManualClock clock = ManualClock.at(START);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      threads.add(new Thread(() -> {
        for (int j = 0; j < 10_000; j++) {
          clock.advance(Duration.ofMillis(1));
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }

    assertThat(clock.instant()).isEqualTo(START.plusSeconds(40));
  }
}
