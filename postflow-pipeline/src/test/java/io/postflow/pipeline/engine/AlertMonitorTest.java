package io.postflow.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.Notification;
import io.postflow.api.Tunnel;
import io.postflow.api.TunnelEndpoint;
import io.postflow.pipeline.AlertRules;
import io.postflow.testkit.ManualTime;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Each alert rule on a manual clock: fires above its threshold, not below, once per cooldown. */
class AlertMonitorTest {
  private final ManualTime time = ManualTime.startingAt(Instant.parse("2026-03-01T10:00:00Z"));
  private final AtomicLong waiting = new AtomicLong();
  private final AtomicLong heap = new AtomicLong(100L << 20);

  private AlertMonitor monitor(AlertRules.Builder rules) {
    return new AlertMonitor(rules.build(), time.clock(), waiting::get, heap::get);
  }

  private static List<String> rules(List<Notification> alerts) {
    return alerts.stream().map(a -> a.details().get("Rule")).toList();
  }

  @Test
  void errorRate_firesAboveFivePercent_onceAPerCooldown() {
    AlertMonitor monitor = monitor(AlertRules.builder());
    for (int i = 0; i < 100; i++) {
      monitor.apiAttempt("GET /v4/me", i < 5 ? 503 : 200, Duration.ofMillis(100), 1);
    }
    assertThat(monitor.check()).as("5 of 100 is not above 5%").isEmpty();
    monitor.apiAttempt("GET /v4/me", 0, Duration.ofSeconds(1), 2);

    List<Notification> alerts = monitor.check();
    assertThat(rules(alerts)).containsExactly("API error rate");
    assertThat(alerts.get(0).kind()).isEqualTo(Notification.Kind.ALERT);
    assertThat(alerts.get(0).message()).contains("5.9% of Frame.io API calls failed", "(6 of 101)", "above 5.0%");
    assertThat(alerts.get(0).details()).containsEntry("Threshold", "5.0%").containsEntry("Window", "5 min");

    monitor.apiAttempt("GET /v4/me", 500, Duration.ofMillis(1), 1);
    time.advance(Duration.ofMinutes(1));
    assertThat(monitor.check()).as("cooldown").isEmpty();
    time.advance(Duration.ofMinutes(30));
    for (int i = 0; i < 20; i++) {
      monitor.apiAttempt("GET /v4/me", 502, Duration.ofMillis(1), 1);
    }
    assertThat(rules(monitor.check())).as("after the cooldown").containsExactly("API error rate");
  }

  @Test
  void errorRate_needsTheMinimumSamples_andForgetsWhatLeftTheWindow() {
    AlertMonitor monitor = monitor(AlertRules.builder().minSamples(10));
    for (int i = 0; i < 9; i++) {
      monitor.apiAttempt("GET /v4/me", 500, Duration.ofMillis(1), 1);
    }
    assertThat(monitor.check()).isEmpty();
    time.advance(Duration.ofMinutes(6));
    monitor.apiAttempt("GET /v4/me", 500, Duration.ofMillis(1), 1);
    assertThat(monitor.check()).as("the nine are older than the window").isEmpty();
  }

  @Test
  void apiLatency_firesWhenAnEndpointsMeanIsAboveFiveSeconds() {
    AlertMonitor monitor = monitor(AlertRules.builder());
    for (int i = 0; i < 3; i++) {
      monitor.apiAttempt("GET /v4/me", 200, Duration.ofMillis(200), 1);
      monitor.apiAttempt("POST /v4/accounts/{account_id}/folders/{folder_id}/folders", 201, Duration.ofSeconds(5), 1);
    }
    assertThat(monitor.check()).as("5 s is not above 5 s").isEmpty();
    monitor.apiAttempt("POST /v4/accounts/{account_id}/folders/{folder_id}/folders", 201, Duration.ofSeconds(9), 1);

    List<Notification> alerts = monitor.check();
    assertThat(rules(alerts)).containsExactly("API latency");
    assertThat(alerts.get(0).message()).contains("POST /v4/accounts/{account_id}/folders/{folder_id}/folders", "6.0 s");
  }

  @Test
  void uploadFailures_fireAboveTenPercentOfAttempts() {
    AlertMonitor monitor = monitor(AlertRules.builder());
    for (int i = 0; i < 9; i++) {
      monitor.deliveryEnded("delivered", 1000, Duration.ofSeconds(1));
    }
    monitor.deliveryEnded("retried", 1000, null);
    monitor.deliveryEnded("quarantined", 1000, null); // a name problem, not an upload failure
    assertThat(monitor.check()).as("1 of 10").isEmpty();
    monitor.deliveryEnded("failed", 1000, null);

    assertThat(rules(monitor.check())).containsExactly("upload failures");
  }

  @Test
  void cacheHitRate_firesBelowSeventyPercent() {
    AlertMonitor monitor = monitor(AlertRules.builder());
    for (int i = 0; i < 20; i++) {
      monitor.folderLookup(i < 14);
    }
    assertThat(monitor.check()).as("70% is not below 70%").isEmpty();
    monitor.folderLookup(false);

    List<Notification> alerts = monitor.check();
    assertThat(rules(alerts)).containsExactly("structure cache hit rate");
    assertThat(alerts.get(0).details()).containsEntry("Value", "66.7%");
  }

  @Test
  void heap_firesAbove500Mb() {
    AlertMonitor monitor = monitor(AlertRules.builder());
    heap.set(500L << 20);
    assertThat(monitor.check()).isEmpty();
    heap.set(501L << 20);
    assertThat(rules(monitor.check())).containsExactly("heap in use");
  }

  @Test
  void aQueueThatDoesNotMove_firesAfterTheStall_andAnEmptyQueueNever() {
    AlertMonitor monitor = monitor(AlertRules.builder().queueStall(Duration.ofMinutes(10)));
    time.advance(Duration.ofMinutes(30));
    assertThat(monitor.check()).as("nothing waiting").isEmpty();
    waiting.set(4);
    time.advance(Duration.ofMinutes(9));
    monitor.progressed();
    time.advance(Duration.ofMinutes(9));
    assertThat(monitor.check()).as("it moved 9 minutes ago").isEmpty();
    time.advance(Duration.ofMinutes(1));

    List<Notification> alerts = monitor.check();
    assertThat(rules(alerts)).containsExactly("queue not moving");
    assertThat(alerts.get(0).message()).isEqualTo("4 deliveries are waiting and nothing has moved for 10 min");
  }

  @Test
  void aTunnelThatKeepsRestarting_firesAtThreeRestartsInTheWindow() {
    AtomicReference<Instant> opened = new AtomicReference<>(time.now());
    Tunnel tunnel = new FakeTunnel(opened);
    AlertMonitor monitor = monitor(AlertRules.builder());
    monitor.watchTunnel(tunnel);
    for (int restart = 1; restart <= 3; restart++) {
      time.advance(Duration.ofMinutes(1));
      opened.set(time.now());
      monitor.watchTunnel(tunnel);
      monitor.watchTunnel(tunnel); // looking twice at the same endpoint is not a restart
      if (restart < 3) {
        assertThat(monitor.check()).isEmpty();
      }
    }
    List<Notification> alerts = monitor.check();
    assertThat(rules(alerts)).containsExactly("tunnel restarts");
    assertThat(alerts.get(0).message()).contains("cloudflared tunnel restarted 3 times");
  }

  @Test
  void aTokenThatCannotBeRefreshed_firesAtOnce() {
    AlertMonitor monitor = monitor(AlertRules.builder());
    monitor.error("service_5xx");
    assertThat(monitor.check()).isEmpty();
    monitor.error("authentication");

    List<Notification> alerts = monitor.check();
    assertThat(rules(alerts)).containsExactly("token refresh");
    assertThat(alerts.get(0).message()).contains("sign in again");
  }

  @Test
  void aThresholdOfZero_turnsItsRuleOff() {
    AlertMonitor monitor = monitor(AlertRules.builder().errorRate(0).heapBytes(0).tokenRefresh(false));
    heap.set(10L << 30);
    for (int i = 0; i < 50; i++) {
      monitor.apiAttempt("GET /v4/me", 500, Duration.ofMillis(1), 1);
    }
    monitor.error("authentication");
    assertThat(monitor.check()).isEmpty();
  }

  private record FakeTunnel(AtomicReference<Instant> opened) implements Tunnel {
    @Override
    public TunnelEndpoint open(int localPort, Duration timeout) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<TunnelEndpoint> endpoint() {
      return Optional.of(TunnelEndpoint.builder().publicUrl(URI.create("https://x.trycloudflare.com"))
          .localPort(8080).provider("cloudflared").openedAt(opened.get()).build());
    }

    @Override
    public boolean isHealthy() {
      return true;
    }

    @Override
    public void close() {}
  }
}
