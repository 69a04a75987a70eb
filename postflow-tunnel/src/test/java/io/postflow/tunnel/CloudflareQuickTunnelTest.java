package io.postflow.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.ConfigurationException;
import io.postflow.api.Exposure;
import io.postflow.api.TunnelEndpoint;
import io.postflow.api.TunnelException;
import io.postflow.testkit.ManualTime;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quick tunnel and the shared supervisor, against a fake cloudflared. */
class CloudflareQuickTunnelTest {
  private static final Duration OPEN = Duration.ofSeconds(30);
  @TempDir Path dir;
  private FakeAgents fakes;
  private HttpFileExposer exposer;
  private Exposure exposure;
  /** Restart back-offs are recorded and take no time: the builders' public clock and sleeper. */
  private final ManualTime time = ManualTime.startingAt(Instant.parse("2026-03-01T10:00:00Z"));
  private CloudflareQuickTunnel tunnel;

  @BeforeEach
  void start() throws IOException {
    fakes = new FakeAgents(dir);
    exposer = HttpFileExposer.builder().build();
    Path file = Files.writeString(dir.resolve("clip.mov"), "frames ".repeat(1000));
    exposure = exposer.expose(file);
  }

  @AfterEach
  void stop() {
    if (tunnel != null) {
      tunnel.close();
    }
    exposer.close();
  }

  private CloudflareQuickTunnel.Builder quick(Map<String, String> env) throws IOException {
    return CloudflareQuickTunnel.builder().binary(fakes.script("cloudflared", "cloudflared", env)).scheme("http")
        .clock(time.clock()).sleeper(time.sleeper()).restartPolicy(RestartPolicy.builder().maxRestarts(3).build());
  }

  @Test
  void open_waitsForReadyThenProbesTheUrl_andSpawnsWithExplicitFlags() throws Exception {
    tunnel = quick(Map.of("FAKE_READY_AFTER_MS", "700")).build();
    TunnelEndpoint endpoint = tunnel.open(exposer.localPort(), OPEN);

    assertThat(endpoint.provider()).isEqualTo("cloudflared");
    assertThat(endpoint.openedAt()).isEqualTo(time.now());
    assertThat(endpoint.localPort()).isEqualTo(exposer.localPort());
    assertThat(tunnel.endpoint()).contains(endpoint);
    RawHttp.Response r = RawHttp.once(endpoint.publicUrl().getPort(), "GET",
        endpoint.publicUrlFor(exposure.url()).getRawPath());
    assertThat(r.status).isEqualTo(200);
    assertThat(r.body).hasSize(7000);
    List<String> args = fakes.args(1);
    assertThat(args).containsSubsequence("tunnel", "--no-autoupdate", "--metrics");
    assertThat(args).containsSubsequence("--protocol", "http2", "--url", "http://127.0.0.1:" + exposer.localPort());
    assertThat(args.get(args.indexOf("--metrics") + 1)).matches("127\\.0\\.0\\.1:\\d+");
    assertThat(tunnel.isHealthy()).isTrue();
  }

  @Test
  void open_whenQuickTunnelEndpointIsMissing_readsTheBannerOnStderr() throws Exception {
    List<URI> probed = new CopyOnWriteArrayList<>();
    tunnel = quick(Map.of("FAKE_NO_QUICKTUNNEL", "1")).probe(u -> probed.add(u)).build();
    TunnelEndpoint endpoint = tunnel.open(exposer.localPort(), OPEN);
    assertThat(endpoint.publicUrl()).isEqualTo(URI.create("https://fake-tunnel-1.trycloudflare.com"));
    assertThat(probed).contains(endpoint.publicUrl());
  }

  @Test
  void open_whenRateLimited_failsRetryablyWithTheOutput_andDoesNotRespawn() throws Exception {
    tunnel = quick(Map.of("FAKE_RATE_LIMIT_STARTS", "1")).build();
    assertThatThrownBy(() -> tunnel.open(exposer.localPort(), OPEN))
        .isInstanceOfSatisfying(TunnelException.class, e -> {
          assertThat(e.isRetryable()).isTrue();
          assertThat(e.getMessage()).contains("rate limited");
          assertThat(String.join("\n", e.lastOutput())).contains("error code: 1015");
        });
    assertThat(fakes.starts()).isEqualTo(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void processDeath_isRestartedAfterBackoff_withANewUrl() throws Exception {
    tunnel = quick(Map.of()).build();
    TunnelEndpoint first = tunnel.open(exposer.localPort(), OPEN);
    tunnel.supervisor().currentProcess().orElseThrow().destroyForcibly();

    assertThat(FakeAgents.eventually(Duration.ofSeconds(30),
        () -> tunnel.endpoint().filter(e -> !e.equals(first)).isPresent())).isTrue();
    assertThat(tunnel.endpoint().orElseThrow().publicUrl()).isNotEqualTo(first.publicUrl());
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1));
    assertThat(tunnel.supervisor().restarts()).isEqualTo(1);
    assertThat(fakes.starts()).isEqualTo(2);
    assertThat(tunnel.isHealthy()).isTrue();
  }

  @Test
  void processDeath_ofAWrapperScript_alsoStopsTheAgentItLeftBehind() throws Exception {
    // binary(..) may be a wrapper script that runs the agent as its child rather than exec'ing it.
    // When the wrapper dies, the agent is re-parented and no longer a descendant; before the fix
    // it kept running (holding the old tunnel) next to the restarted one, and outlived the JVM.
    Path agent = fakes.script("cloudflared-real", "cloudflared", Map.of());
    Path wrapper = dir.resolve("cloudflared");
    Files.writeString(wrapper, "#!/bin/sh\n'" + agent + "' \"$@\"\n");
    Files.setPosixFilePermissions(wrapper, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    tunnel = CloudflareQuickTunnel.builder().binary(wrapper).scheme("http").sleeper(time.sleeper())
        .restartPolicy(RestartPolicy.builder().maxRestarts(3).build()).build();
    tunnel.open(exposer.localPort(), OPEN);
    long firstAgent = fakes.pids().get(0);
    try {
      tunnel.supervisor().currentProcess().orElseThrow().destroyForcibly(); // the wrapper only
      assertThat(FakeAgents.eventually(Duration.ofSeconds(30),
          () -> tunnel.supervisor().restarts() == 1 && tunnel.endpoint().isPresent())).isTrue();
      assertThat(FakeAgents.eventually(Duration.ofSeconds(10), () -> !FakeAgents.alive(firstAgent)))
          .as("the first agent is stopped").isTrue();
    } finally {
      ProcessHandle.of(firstAgent).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void restart_whenTheProviderRateLimits_waitsTheRateLimitBackoffInsteadOfRespawning() throws Exception {
    tunnel = quick(Map.of("FAKE_RATE_LIMIT_STARTS", "2")).build();
    tunnel.open(exposer.localPort(), OPEN);
    tunnel.supervisor().currentProcess().orElseThrow().destroyForcibly();

    assertThat(FakeAgents.eventually(Duration.ofSeconds(30), () -> tunnel.endpoint().isPresent()
        && tunnel.supervisor().restarts() == 2)).isTrue();
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(120));
    assertThat(fakes.starts()).isEqualTo(3);
  }

  @Test
  void processDeath_whoseRateLimitLineArrivesAfterTheExit_stillWaitsTheRateLimitBackoff() throws Exception {
    // The 1015 line reaches the pipe 400 ms after the process is gone. Before the fix the monitor
    // read the kept lines as soon as waitFor returned, missed it, and respawned after 1 s.
    tunnel = quick(Map.of("FAKE_DIE_RATE_LIMITED_AFTER_MS", "1000")).build();
    tunnel.open(exposer.localPort(), OPEN);

    assertThat(FakeAgents.eventually(Duration.ofSeconds(30), () -> tunnel.endpoint().isPresent()
        && tunnel.supervisor().restarts() == 1)).isTrue();
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(120));
    assertThat(fakes.starts()).isEqualTo(2);
  }

  @Test
  void restarts_areBounded_thenTheTunnelFailsForGood() throws Exception {
    assertFailsForGoodAfterThreeRestarts(Map.of("FAKE_EXIT_STARTS", "2,3,4,5"));
    assertThat(tunnel.endpoint()).isEmpty();
    assertThat(tunnel.isHealthy()).isFalse();
  }

  /** Opens, kills the process, and sees every restart of a max of 3 fail (1, 2, 4 s apart). */
  private void assertFailsForGoodAfterThreeRestarts(Map<String, String> env) throws Exception {
    tunnel = quick(env).build();
    tunnel.open(exposer.localPort(), OPEN);
    tunnel.supervisor().currentProcess().orElseThrow().destroyForcibly();

    assertThat(FakeAgents.eventually(Duration.ofSeconds(60), () -> tunnel.supervisor().hasFailed())).isTrue();
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    assertThat(fakes.starts()).isEqualTo(4);
  }

  @Test
  void open_whenTheAgentReportsAnUnusableUrl_failsWithATunnelExceptionAndLeavesNoProcess() throws Exception {
    tunnel = quick(Map.of("FAKE_BAD_HOSTNAME_STARTS", "1")).build();
    assertThatThrownBy(() -> tunnel.open(exposer.localPort(), OPEN))
        .isInstanceOfSatisfying(TunnelException.class, e -> assertThat(e.isRetryable()).isTrue());
    assertThat(FakeAgents.alive(fakes.pids().get(0))).isFalse();
  }

  @Test
  void restart_whenTheAgentReportsAnUnusableUrl_countsAsAFailedStart_andTheSupervisorCarriesOn() throws Exception {
    // Before the fix the IllegalArgumentException from the URL ended the monitor thread: no more
    // restarts, yet the tunnel never said it had failed, and endpoint() stayed empty for good.
    assertFailsForGoodAfterThreeRestarts(Map.of("FAKE_BAD_HOSTNAME_STARTS", "2,3,4"));
    for (long pid : fakes.pids()) {
      assertThat(FakeAgents.alive(pid)).as("pid %d", pid).isFalse();
    }
  }

  @Test
  void agentThatStopsReportingReady_isRestartedByTheHealthCheck() throws Exception {
    tunnel = quick(Map.of("FAKE_UNREADY_AFTER_MS", "1500"))
        .restartPolicy(RestartPolicy.builder().healthCheckInterval(Duration.ofMillis(200)).build()).build();
    tunnel.open(exposer.localPort(), OPEN);
    assertThat(FakeAgents.eventually(Duration.ofSeconds(30), () -> tunnel.supervisor().restarts() == 1
        && tunnel.endpoint().isPresent())).isTrue();
    assertThat(FakeAgents.alive(fakes.pids().get(0))).isFalse();
  }

  @Test
  void open_whenThePublicUrlNeverAnswers_timesOutRetryably_andLeavesNoProcess() throws Exception {
    tunnel = quick(Map.of("FAKE_NO_FORWARD", "1")).build();
    // Long enough for the fake agent's JVM to start and print its URL on a busy machine (the
    // message then names the URL that did not answer); the URL never answers, so this is spent.
    assertThatThrownBy(() -> tunnel.open(exposer.localPort(), Duration.ofSeconds(10)))
        .isInstanceOfSatisfying(TunnelException.class, e -> {
          assertThat(e.isRetryable()).isTrue();
          assertThat(e.getMessage()).contains("not ready in time").contains("did not answer");
        });
    assertThat(FakeAgents.alive(fakes.pids().get(0))).isFalse();
  }

  @Test
  void close_stopsTheProcessAndClearsTheEndpoint() throws Exception {
    tunnel = quick(Map.of()).build();
    tunnel.open(exposer.localPort(), OPEN);
    long pid = fakes.pids().get(0);
    assertThat(FakeAgents.alive(pid)).isTrue();
    tunnel.close();
    assertThat(FakeAgents.alive(pid)).isFalse();
    assertThat(tunnel.endpoint()).isEmpty();
    assertThatThrownBy(() -> tunnel.open(exposer.localPort(), OPEN)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void close_whenTheProcessIgnoresSigterm_killsItAfterTheGracePeriod() throws Exception {
    tunnel = quick(Map.of("FAKE_IGNORE_TERM", "1"))
        .restartPolicy(RestartPolicy.builder().stopGrace(Duration.ofMillis(700)).build()).build();
    tunnel.open(exposer.localPort(), OPEN);
    long pid = fakes.pids().get(0);
    long start = System.nanoTime();
    tunnel.close();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
    assertThat(FakeAgents.alive(pid)).isFalse();
  }

  @Test
  void binary_isFoundOnPath_andItsAbsenceNamesItAndTheSearchedPath() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path script = fakes.script("cloudflared", "cloudflared", Map.of());
    Files.move(script, bin.resolve("cloudflared"));
    assertThat(BinaryLocator.locate("cloudflared", null, "hint", "/nonexistent:" + bin))
        .isEqualTo(bin.resolve("cloudflared"));
    assertThatThrownBy(() -> BinaryLocator.locate("ngrok", null, "install ngrok from X", "/nonexistent:" + bin))
        .isInstanceOf(TunnelException.class).hasMessageContaining("'ngrok' was not found on PATH")
        .hasMessageContaining("install ngrok from X");
  }

  @Test
  void missingBinary_isAClearErrorNamingItAndHowToInstallIt() {
    tunnel = CloudflareQuickTunnel.builder().binary(dir.resolve("nowhere/cloudflared")).build();
    assertThatThrownBy(() -> tunnel.open(exposer.localPort(), OPEN))
        .isInstanceOf(TunnelException.class)
        .hasMessageContaining("'cloudflared'").hasMessageContaining("install cloudflared from https://");
  }

  @Test
  void builder_rejectsAnUnknownProtocol() {
    assertThatThrownBy(() -> CloudflareQuickTunnel.builder().protocol("udp").build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'protocol'");
  }
}
