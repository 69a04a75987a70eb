package io.postflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.postflow.api.ConfigurationException;
import io.postflow.pipeline.PostFlow;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's HTTP side: access, binding, JSON, metrics and lifecycle, on a pipeline that is not started. */
class DashboardServerTest {
  private static final String TOKEN = "correct-horse-battery-staple";

  @TempDir
  Path work;
  private TestPipeline env;
  private PostFlow postflow;

  @BeforeEach
  void setUp() throws Exception {
    env = new TestPipeline(work);
    postflow = env.builder().build();
  }

  @AfterEach
  void tearDown() {
    postflow.close();
    env.close();
  }

  @Test
  void byDefault_boundToLoopbackOnAFreePort() {
    try (Dashboard dashboard = Dashboard.builder().postflow(postflow).build()) {
      URI url = dashboard.start();
      assertThat(url.getHost()).isEqualTo(InetAddress.getLoopbackAddress().getHostAddress());
      assertThat(url.getPort()).isPositive();
      assertThat(dashboard.signInUrl()).isEqualTo(url);
    }
  }

  @Test
  void build_refusesANetworkAddressWithoutToken_aShortToken_andABadPort() throws Exception {
    InetAddress any = InetAddress.getByName("0.0.0.0");
    assertThatThrownBy(() -> Dashboard.builder().postflow(postflow).bindAddress(any).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("bindAddress 0.0.0.0").hasMessageContaining("accessToken");
    assertThatThrownBy(() -> Dashboard.builder().postflow(postflow).accessToken("short").build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("at least 16");
    assertThatThrownBy(() -> Dashboard.builder().postflow(postflow).port(70000).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("port");
    assertThatThrownBy(() -> Dashboard.builder().build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("postflow is required");
  }

  @Test
  void aPortInUse_failsWithTheAddressAndWhatToDo() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Dashboard dashboard = Dashboard.builder().postflow(postflow).port(taken.getLocalPort()).build()) {
      assertThatThrownBy(dashboard::start).isInstanceOf(ConfigurationException.class)
          .hasMessageContaining(":" + taken.getLocalPort()).hasMessageContaining("choose another port");
    }
  }

  @Test
  void aForeignHostName_isRefused_soDnsRebindingCannotReachIt() throws Exception {
    try (Dashboard dashboard = Dashboard.builder().postflow(postflow).build()) {
      URI url = dashboard.start();
      String foreign = Http.raw(url, "GET /api/summary HTTP/1.1\r\nHost: attacker.example:" + url.getPort()
          + "\r\nConnection: close\r\n\r\n");
      assertThat(foreign).startsWith("HTTP/1.1 403").contains("localhost");
      String local = Http.raw(url, "GET /api/summary HTTP/1.1\r\nHost: localhost:" + url.getPort()
          + "\r\nConnection: close\r\n\r\n");
      assertThat(local).startsWith("HTTP/1.1 200");
    }
  }

  @Test
  void withAccessToken_everyPathIsRefusedWithoutIt_orWithAWrongOne() throws Exception {
    try (Dashboard dashboard = Dashboard.builder().postflow(postflow).accessToken(TOKEN).build()) {
      URI url = dashboard.start();
      for (String path : new String[] {"", "api/snapshot", "events", "metrics", "assets/app.js"}) {
        HttpResponse<String> refused = Http.get(url.resolve(path));
        assertThat(refused.statusCode()).as(path).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"postflow-dashboard\"");
        assertThat(refused.body()).doesNotContain(TOKEN);
      }
      assertThat(Http.get(url.resolve("api/summary"), "Authorization", "Bearer " + TOKEN + "x").statusCode()).isEqualTo(401);
      assertThat(Http.get(url.resolve("api/summary?token=wrong-token-wrong-token")).statusCode()).isEqualTo(401);
      assertThat(Http.get(url.resolve("api/summary"), "Cookie", AccessGate.COOKIE + "=" + TOKEN).statusCode())
          .as("the cookie holds a session value, not the token").isEqualTo(401);
      assertThat(dashboard.toString()).doesNotContain(TOKEN);
    }
  }

  @Test
  void withAccessToken_aBearerHeaderPasses_andTheSignInUrlIsSwappedForACookieAndARedirectWithoutIt() throws Exception {
    try (Dashboard dashboard = Dashboard.builder().postflow(postflow).accessToken(TOKEN).build()) {
      URI url = dashboard.start();
      assertThat(Http.get(url.resolve("api/summary"), "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(200);

      URI signIn = dashboard.signInUrl();
      assertThat(signIn.getQuery()).isEqualTo("token=" + TOKEN);
      HttpResponse<String> first = Http.get(URI.create(url + "api/summary?token=" + TOKEN + "&x=1"));
      assertThat(first.statusCode()).isEqualTo(303);
      assertThat(first.headers().firstValue("Location")).contains("/api/summary?x=1");
      String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
      assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").doesNotContain(TOKEN);

      HttpResponse<String> after = Http.get(url.resolve("api/summary"), "Cookie", cookie.substring(0, cookie.indexOf(';')));
      assertThat(after.statusCode()).isEqualTo(200);
      assertThat(Json.MAPPER.readTree(after.body()).path("running").asBoolean(true)).isFalse();
    }
  }

  @Test
  void snapshot_hasEverySection_withTheShotsOfEachSceneByStatusAndStage() throws Exception {
    try (Dashboard dashboard = Dashboard.builder().postflow(postflow).build()) {
      URI url = dashboard.start();
      HttpResponse<String> response = Http.get(url.resolve("api/snapshot"));
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
      assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
      JsonNode snapshot = Json.MAPPER.readTree(response.body());
      assertThat(snapshot.fieldNames()).toIterable().containsExactlyElementsOf(Snapshot.SECTIONS);

      JsonNode scenes = snapshot.get("scenes");
      assertThat(scenes).hasSize(2);
      assertThat(scenes.get(0).path("name").asText()).isEqualTo("PHARE - NUIT");
      assertThat(scenes.get(0).path("byStatus").path("pending").asInt()).isEqualTo(2);
      assertThat(scenes.get(0).path("byStage").path("source").asInt()).isEqualTo(2);
      assertThat(scenes.get(1).path("shots").get(0).path("nomenclature").asText()).isEqualTo("KRAK_00003");
      assertThat(snapshot.get("summary").path("shots").asInt()).isEqualTo(3);
      assertThat(snapshot.get("throughput").path("points")).hasSize(60);

      HttpResponse<String> one = Http.get(url.resolve("api/quarantine"));
      assertThat(one.statusCode()).isEqualTo(200);
      assertThat(one.body()).isEqualTo("[]");
      HttpResponse<String> unknown = Http.get(url.resolve("api/nothing"));
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(Json.MAPPER.readTree(unknown.body()).path("error").asText()).contains("no section 'nothing'").contains("uploads");
    }
  }

  @Test
  void thePage_comesFromTheJar_withAPolicyThatAllowsNoOtherOrigin() throws Exception {
    try (Dashboard dashboard = Dashboard.builder().postflow(postflow).build()) {
      URI url = dashboard.start();
      HttpResponse<String> page = Http.get(url);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<title>PostFlow dashboard</title>").doesNotContain("http://", "https://");
      assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
          assertThat(csp).contains("default-src 'self'").contains("script-src 'self'").doesNotContain("unsafe"));
      HttpResponse<String> script = Http.get(url.resolve("assets/app.js"));
      assertThat(script.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
      assertThat(script.body()).contains("EventSource").doesNotContain("innerHTML");
      assertThat(Http.get(url.resolve("assets/../../etc/passwd")).statusCode()).isEqualTo(404);
      assertThat(Http.get(url.resolve("nothing-here")).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void onlyReads_otherMethodsAreRefused() throws Exception {
    try (Dashboard dashboard = Dashboard.builder().postflow(postflow).build()) {
      URI url = dashboard.start();
      String post = Http.raw(url, "POST /api/snapshot HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n"
          + "Connection: close\r\n\r\n");
      assertThat(post).startsWith("HTTP/1.1 405").contains("Allow: GET, HEAD");
    }
  }

  @Test
  void metrics_inPrometheusFormat_whenTheRegistryIsThere_andA404WithTheFixWhenTurnedOff() throws Exception {
    assertThat(Metrics.registryPresent()).as("micrometer-registry-prometheus is on the test class path").isTrue();
    try (Dashboard dashboard = Dashboard.builder().postflow(postflow).build()) {
      HttpResponse<String> metrics = Http.get(dashboard.start().resolve("metrics"));
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
      assertThat(metrics.body()).contains("postflow_deliveries{state=\"delivered\"} 0")
          .contains("postflow_uploads_in_flight 0").contains("postflow_uploaded_bytes_total 0");
    }
    try (Dashboard dashboard = Dashboard.builder().postflow(postflow).metrics(false).build()) {
      HttpResponse<String> none = Http.get(dashboard.start().resolve("metrics"));
      assertThat(none.statusCode()).isEqualTo(404);
      assertThat(none.body()).contains("micrometer-registry-prometheus");
    }
  }

  @Test
  void lifecycle_startOnce_closeFreesThePortAndIsIdempotent() throws Exception {
    Dashboard dashboard = Dashboard.builder().postflow(postflow).heartbeat(Duration.ofSeconds(1)).build();
    assertThatThrownBy(dashboard::url).isInstanceOf(IllegalStateException.class).hasMessageContaining("not started");
    URI url = dashboard.start();
    assertThatThrownBy(dashboard::start).isInstanceOf(IllegalStateException.class);
    try (Http.EventReader events = new Http.EventReader(url.resolve("events"))) {
      events.until(": connected");
      dashboard.close();
      assertThat(events.until("<end>")).isNotNull();
    }
    dashboard.close();
    try (ServerSocket again = new ServerSocket(url.getPort(), 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(url.getPort());
    }
    assertThatThrownBy(dashboard::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }
}
