package io.postflow.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.Sleeper;
import io.postflow.api.TunnelEndpoint;
import io.postflow.api.TunnelException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Tunnel.awaitEndpoint}: waiting out a restart, and failing at once when waiting cannot help. */
class AwaitEndpointTest {
  private static final Duration OPEN = Duration.ofSeconds(30);
  @TempDir Path dir;
  private FakeAgents fakes;
  private HttpFileExposer exposer;
  private CloudflareQuickTunnel tunnel;
  /** Holds the supervisor in its restart back-off until the test opens the gate. */
  private final CountDownLatch backingOff = new CountDownLatch(1);
  private final CountDownLatch gate = new CountDownLatch(1);
  private final Sleeper gatedSleeper = duration -> {
    backingOff.countDown();
    gate.await();
  };

  @BeforeEach
  void start() {
    fakes = new FakeAgents(dir);
    exposer = HttpFileExposer.builder().build();
  }

  @AfterEach
  void stop() {
    gate.countDown();
    if (tunnel != null) {
      tunnel.close();
    }
    exposer.close();
  }

  private CloudflareQuickTunnel.Builder quick(int maxRestarts) throws IOException {
    return CloudflareQuickTunnel.builder().binary(fakes.script("cloudflared", "cloudflared", Map.of()))
        .scheme("http").sleeper(gatedSleeper).restartPolicy(RestartPolicy.builder().maxRestarts(maxRestarts).build());
  }

  @Test
  void awaitEndpoint_whileTheProcessRestarts_timesOutRetryably_thenReturnsTheNewEndpoint() throws Exception {
    tunnel = quick(3).build();
    TunnelEndpoint first = tunnel.open(exposer.localPort(), OPEN);
    assertThat(tunnel.awaitEndpoint(Duration.ZERO)).isEqualTo(first);

    tunnel.supervisor().currentProcess().orElseThrow().destroyForcibly();
    assertThat(backingOff.await(30, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(() -> tunnel.awaitEndpoint(Duration.ofMillis(100)))
        .isInstanceOfSatisfying(TunnelException.class, e -> {
          assertThat(e.isRetryable()).isTrue();
          assertThat(e.getMessage()).contains("restarting (restart 1 of 3)").contains("PT0.1S");
        });

    CompletableFuture<TunnelEndpoint> waiting = CompletableFuture.supplyAsync(() -> tunnel.awaitEndpoint(OPEN));
    gate.countDown();
    TunnelEndpoint second = waiting.get(30, TimeUnit.SECONDS);
    assertThat(second.publicUrl()).isNotEqualTo(first.publicUrl());
    assertThat(tunnel.endpoint()).contains(second);
  }

  @Test
  void awaitEndpoint_whenNeverOpened_orClosed_failsAtOnce_notRetryable() throws Exception {
    tunnel = quick(3).build();
    assertThatThrownBy(() -> tunnel.awaitEndpoint(OPEN))
        .isInstanceOfSatisfying(TunnelException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("not open");

    tunnel.open(exposer.localPort(), OPEN);
    tunnel.close();
    long start = System.nanoTime();
    assertThatThrownBy(() -> tunnel.awaitEndpoint(OPEN))
        .isInstanceOfSatisfying(TunnelException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("closed");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void awaitEndpoint_whenTheTunnelGivesUp_wakesTheWaiter_withANonRetryableFailure() throws Exception {
    tunnel = quick(0).build();
    tunnel.open(exposer.localPort(), OPEN);
    CompletableFuture<TunnelEndpoint> waiting = new CompletableFuture<>();
    tunnel.supervisor().currentProcess().orElseThrow().destroyForcibly();
    assertThat(FakeAgents.eventually(Duration.ofSeconds(30), () -> tunnel.endpoint().isEmpty())).isTrue();
    Thread waiter = new Thread(() -> {
      try {
        waiting.complete(tunnel.awaitEndpoint(OPEN));
      } catch (RuntimeException e) {
        waiting.completeExceptionally(e);
      }
    });
    waiter.start();

    assertThatThrownBy(() -> waiting.get(30, TimeUnit.SECONDS)).cause()
        .isInstanceOfSatisfying(TunnelException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("gave up after 0 restarts");
    assertThat(tunnel.supervisor().hasFailed()).isTrue();
  }

  @Test
  void awaitEndpoint_ofAStaticUrl_isTheUrl_andFailsAtOnceWhenNotOpen() {
    StaticUrlTunnel fixed = StaticUrlTunnel.builder().publicUrl(URI.create("https://pull.studio.example"))
        .probeOnOpen(false).build();
    assertThatThrownBy(() -> fixed.awaitEndpoint(OPEN))
        .isInstanceOfSatisfying(TunnelException.class, e -> assertThat(e.isRetryable()).isFalse());

    TunnelEndpoint opened = fixed.open(exposer.localPort(), OPEN);
    assertThat(fixed.awaitEndpoint(Duration.ZERO)).isEqualTo(opened);
    fixed.close();
    assertThatThrownBy(() -> fixed.awaitEndpoint(OPEN)).isInstanceOf(TunnelException.class);
  }
}
