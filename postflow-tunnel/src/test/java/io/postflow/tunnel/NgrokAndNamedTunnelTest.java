package io.postflow.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.ConfigurationException;
import io.postflow.api.TunnelEndpoint;
import io.postflow.api.TunnelException;
import io.postflow.testkit.ManualTime;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ngrok, the Cloudflare named tunnel and the static URL, against fakes and a local exposer. */
class NgrokAndNamedTunnelTest {
  private static final Duration OPEN = Duration.ofSeconds(30);
  @TempDir Path dir;
  private FakeAgents fakes;
  private HttpFileExposer exposer;
  private AutoCloseable tunnel;

  @BeforeEach
  void start() {
    fakes = new FakeAgents(dir);
    exposer = HttpFileExposer.builder().build();
  }

  @AfterEach
  void stop() throws Exception {
    if (tunnel != null) {
      tunnel.close();
    }
    exposer.close();
  }

  /**
   * A port chosen for the agent before it starts, because the configured API port is what the
   * test is about: the small window in which another process could take it is accepted here.
   */
  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void ngrok_readsTheUrlFromApiEndpointsOnAConfiguredApiPort_andKeepsTheTokenOffTheCommandLine() throws Exception {
    int apiPort = freePort();
    NgrokTunnel ngrok = NgrokTunnel.builder()
        .binary(fakes.script("ngrok", "ngrok", Map.of("FAKE_NGROK_API_PORT", String.valueOf(apiPort))))
        .apiPort(apiPort).authtoken("secret-authtoken-123").build();
    tunnel = ngrok;
    TunnelEndpoint endpoint = ngrok.open(exposer.localPort(), OPEN);
    assertThat(endpoint.provider()).isEqualTo("ngrok");
    assertThat(endpoint.publicUrl().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
    assertThat(endpoint.publicUrl().getPort()).isNotEqualTo(exposer.localPort());
    assertThat(RawHttp.once(endpoint.publicUrl().getPort(), "GET", "/").status).isEqualTo(404); // our exposer answered
    assertThat(fakes.args(1)).containsExactly("http", "127.0.0.1:" + exposer.localPort(), "--log", "stdout",
        "--log-format", "json");
    assertThat(fakes.file("env-1")).isEqualTo("NGROK_AUTHTOKEN=secret-authtoken-123");
    assertThat(ngrok.toString()).doesNotContain("secret");
    assertThat(ngrok.isHealthy()).isTrue();
  }

  @Test
  void ngrok_fallsBackToApiTunnels() throws Exception {
    // The configured API port is wrong on purpose (it hangs up on every request); the agent's
    // log says where its API really is (a port it chose itself).
    try (ClosingPort wrong = new ClosingPort()) {
      NgrokTunnel ngrok = NgrokTunnel.builder().binary(fakes.script("ngrok", "ngrok",
          Map.of("FAKE_NGROK_NO_ENDPOINTS", "1"))).apiPort(wrong.port()).build();
      tunnel = ngrok;
      TunnelEndpoint endpoint = ngrok.open(exposer.localPort(), OPEN);
      assertThat(RawHttp.once(endpoint.publicUrl().getPort(), "GET", "/").status).isEqualTo(404);
    }
  }

  @Test
  void namedTunnel_writesIngressForTheLocalPort_andRunsTheNamedTunnel() throws Exception {
    Path credentials = Files.writeString(dir.resolve("creds.json"), "{\"TunnelSecret\":\"x\"}");
    CloudflareNamedTunnel named = CloudflareNamedTunnel.builder().binary(fakes.script("cloudflared", "cloudflared",
        Map.of())).tunnel("postflow").hostname("pull.studio.example").credentialsFile(credentials)
        .probe(u -> true).build();
    tunnel = named;
    TunnelEndpoint endpoint = named.open(exposer.localPort(), OPEN);
    assertThat(endpoint.publicUrl()).isEqualTo(URI.create("https://pull.studio.example"));
    List<String> args = fakes.args(1);
    assertThat(args).containsSubsequence("tunnel", "--no-autoupdate", "--metrics");
    assertThat(args).containsSubsequence("--config").endsWith("run", "postflow");
    assertThat(fakes.file("config-1"))
        .contains("tunnel: postflow")
        .contains("credentials-file: " + credentials.toAbsolutePath())
        .contains("  - hostname: pull.studio.example\n    service: http://127.0.0.1:" + exposer.localPort())
        .endsWith("  - service: http_status:404\n");
    Path config = Path.of(args.get(args.indexOf("--config") + 1));
    named.close();
    assertThat(config).doesNotExist();
  }

  @Test
  void namedTunnel_builderNamesTheMissingSetting() {
    assertThatThrownBy(() -> CloudflareNamedTunnel.builder().hostname("h").build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'tunnel'");
    assertThatThrownBy(() -> CloudflareNamedTunnel.builder().tunnel("t").hostname("h")
        .credentialsFile(dir.resolve("missing.json")).build()).hasMessageContaining("'credentialsFile'");
  }

  @Test
  void staticUrl_isReturnedOnceItAnswers_andTimesOutOtherwise() throws Exception {
    URI url = URI.create("http://127.0.0.1:" + exposer.localPort());
    StaticUrlTunnel ok = StaticUrlTunnel.builder().publicUrl(url).build();
    assertThat(ok.open(exposer.localPort(), OPEN).publicUrl()).isEqualTo(url);
    assertThat(ok.isHealthy()).isTrue();
    ok.close();
    assertThat(ok.endpoint()).isEmpty();

    // A minute of checks every 500 ms, on manual time: instant, and exactly 120 waits.
    ManualTime time = ManualTime.startingAt(Instant.parse("2026-03-01T10:00:00Z"));
    try (ClosingPort nothing = new ClosingPort()) {
      StaticUrlTunnel dead = StaticUrlTunnel.builder()
          .publicUrl(URI.create("http://127.0.0.1:" + nothing.port()))
          .clock(time.clock()).sleeper(time.sleeper()).build();
      assertThatThrownBy(() -> dead.open(exposer.localPort(), Duration.ofMinutes(1)))
          .isInstanceOf(TunnelException.class).hasMessageContaining("did not answer within PT1M");
    }
    assertThat(time.sleeps()).hasSize(120).containsOnly(Duration.ofMillis(500));
    assertThatThrownBy(() -> StaticUrlTunnel.builder().publicUrl(URI.create("https://x.example/path?q=1")).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'publicUrl'");
  }
}
