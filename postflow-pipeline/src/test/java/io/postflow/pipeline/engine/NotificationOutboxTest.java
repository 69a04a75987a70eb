package io.postflow.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.Notification;
import io.postflow.api.Notifier;
import io.postflow.testkit.ManualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** A channel's queue and thread, the window timed on a manual clock. */
class NotificationOutboxTest {
  private final ManualTime time = ManualTime.startingAt(Instant.parse("2026-03-01T10:00:00Z"));
  private final List<List<Notification>> told = new CopyOnWriteArrayList<>();
  private final List<List<Notification>> settled = new CopyOnWriteArrayList<>();

  private NotificationOutbox outbox(Notifier notifier, Duration window, int capacity) {
    NotifySettings settings = new NotifySettings(List.of(), window, capacity, Duration.ofSeconds(5),
        Duration.ofMinutes(5), Duration.ofSeconds(5), time.sleeper(), Optional.empty());
    NotificationOutbox outbox = new NotificationOutbox(new NotificationChannel("test", notifier, Set.of()),
        settings, time.clock(), settled::add);
    outbox.start();
    return outbox;
  }

  private static Notification alert(int i) {
    return Notification.builder().kind(Notification.Kind.ALERT).message("alert " + i).build();
  }

  @Test
  void aBurstWithinTheWindow_isToldOnce_whenTheWindowHasPassed() throws Exception {
    try (NotificationOutbox outbox = outbox(new Recording(), Duration.ofSeconds(60), 100)) {
      for (int i = 0; i < 30; i++) {
        assertThat(outbox.offer(alert(i))).isTrue();
        time.advance(Duration.ofSeconds(1));
      }
      assertThat(told).as("the window is still open").isEmpty();
      time.advance(Duration.ofSeconds(30));
      await(() -> told.size() == 1);
      assertThat(told.get(0)).hasSize(30);
      assertThat(settled).hasSize(1);
    }
  }

  @Test
  void aFailingChannel_isTriedAgainWithBackOff_andTheQueueWaitsMeanwhile() throws Exception {
    AtomicInteger failures = new AtomicInteger(3);
    Notifier flaky = burst -> {
      if (failures.getAndDecrement() > 0) {
        throw new IllegalStateException("502");
      }
      told.add(List.of(burst));
    };
    try (NotificationOutbox outbox = outbox(flaky, Duration.ZERO, 100)) {
      outbox.offer(alert(1));
      await(() -> told.size() == 1);
      assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20));
    }
  }

  @Test
  void aRefusalThatCannotPass_isGivenUpWithoutRetrying() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Notifier refusing = n -> {
      calls.incrementAndGet();
      throw new io.postflow.api.PostFlowException("404 Unknown Webhook");
    };
    try (NotificationOutbox outbox = outbox(refusing, Duration.ZERO, 100)) {
      outbox.offer(alert(1));
      await(() -> settled.size() == 1);
      assertThat(calls).hasValue(1);
      assertThat(time.sleeps()).isEmpty();
    }
  }

  @Test
  void aFullQueue_dropsTheNewcomer() {
    try (NotificationOutbox outbox = outbox(new Recording(), Duration.ofHours(1), 2)) {
      assertThat(outbox.offer(alert(1))).isTrue();
      assertThat(outbox.offer(alert(2))).isTrue();
      assertThat(outbox.offer(alert(3))).isFalse();
      assertThat(outbox.depth()).isLessThanOrEqualTo(2);
    }
    assertThat(told).as("closing tells what it holds without waiting out the window")
        .flatMap(b -> b).extracting(Notification::message).containsExactly("alert 1", "alert 2");
  }

  private final class Recording implements Notifier {
    @Override
    public void notify(Notification notification) {
      notifyAll(List.of(notification));
    }

    @Override
    public void notifyAll(List<Notification> burst) {
      told.add(List.copyOf(burst));
    }
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
      Thread.sleep(5);
    }
  }
}
