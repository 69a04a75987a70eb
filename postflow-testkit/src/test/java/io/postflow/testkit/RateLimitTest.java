package io.postflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimitTest {
  private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-05T10:00:00Z"));
  private FrameioSandbox sandbox;

  @AfterEach
  void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  void createFolder_fourthCallInASecond_is429_andTheBucketLeaksOnTheSandboxClock() {
    sandbox = FrameioSandbox.builder().clock(clock).start();
    SandboxHttp http = new SandboxHttp(sandbox);
    String path = http.account() + "/folders/" + sandbox.rootFolderId() + "/folders";
    for (int remaining = 2; remaining >= 0; remaining--) {
      HttpResponse<String> r = http.post(path, "{\"data\":{\"name\":\"x\"}}");
      assertThat(r.statusCode()).isEqualTo(201);
      assertHeaders(r, 3, remaining, 1000);
    }
    HttpResponse<String> limited = http.post(path, "{\"data\":{\"name\":\"x\"}}");
    assertThat(limited.statusCode()).isEqualTo(429);
    assertHeaders(limited, 3, 0, 1000);
    assertThat(SandboxHttp.json(limited).get("errors").get(0).get("detail").asText()).contains("folders.create");

    clock.advance(Duration.ofMillis(340)); // 3 per 1000 ms leak: one call's worth
    assertThat(http.post(path, "{\"data\":{\"name\":\"x\"}}").statusCode()).isEqualTo(201);
    assertThat(http.post(path, "{\"data\":{\"name\":\"x\"}}").statusCode()).isEqualTo(429);
    assertThat(sandbox.inspect().tree().children()).hasSize(4);
  }

  @Test
  void buckets_arePerOperationAndPerAccountUser_soASecondTokenOfTheSameUserShares() {
    sandbox = FrameioSandbox.builder().clock(clock).start();
    SandboxHttp http = new SandboxHttp(sandbox);
    String path = http.account() + "/folders/" + sandbox.rootFolderId() + "/folders";
    for (int i = 0; i < 3; i++) {
      http.post(path, "{\"data\":{\"name\":\"x\"}}");
    }
    assertThat(http.post(path, "{\"data\":{\"name\":\"x\"}}").statusCode()).isEqualTo(429);
    HttpResponse<String> me = http.get("/v4/me");
    assertThat(me.statusCode()).isEqualTo(200);
    assertHeaders(me, 100, 99, 60_000);
    SandboxHttp other = new SandboxHttp(sandbox); // another token, the same account user
    HttpResponse<String> shared = other.post(path, "{\"data\":{\"name\":\"x\"}}");
    assertThat(shared.statusCode()).isEqualTo(429);
    assertHeaders(shared, 3, 0, 1000);
    assertHeaders(other.get("/v4/me"), 100, 98, 60_000);
  }

  @Test
  void documentedLimits_areTheDefaults() {
    sandbox = FrameioSandbox.builder().clock(clock).start();
    SandboxHttp http = new SandboxHttp(sandbox);
    var upload = http.localUpload(sandbox.rootFolderId(), "a.mov", 1);
    String file = http.account() + "/files/" + upload.get("id").asText();
    assertHeaders(http.get(file), 10, 9, 1000);
    assertHeaders(http.get(file + "/status"), 5, 4, 1000);
    assertHeaders(http.get(http.account() + "/folders/" + sandbox.rootFolderId() + "/children"), 100, 99, 60_000);
    assertHeaders(http.get(http.account() + "/folders/" + sandbox.rootFolderId() + "/files"), 5, 4, 1000);
  }

  @Test
  void rateLimitsOff_neverRefuse_butTheHeadersStayTruthful() {
    sandbox = FrameioSandbox.builder().clock(clock).rateLimits(false).start();
    SandboxHttp http = new SandboxHttp(sandbox);
    String path = http.account() + "/folders/" + sandbox.rootFolderId() + "/folders";
    for (int i = 0; i < 10; i++) {
      HttpResponse<String> r = http.post(path, "{\"data\":{\"name\":\"x\"}}");
      assertThat(r.statusCode()).isEqualTo(201);
      assertHeaders(r, 3, Math.max(0, 2 - i), 1000); // what Frame.io would report; only the 429 is left out
    }
    clock.advance(Duration.ofSeconds(1)); // the bucket leaks as it would with limits on
    assertHeaders(http.post(path, "{\"data\":{\"name\":\"x\"}}"), 3, 2, 1000);
  }

  @Test
  void override_replacesTheDocumentedLimit() {
    sandbox = FrameioSandbox.builder().clock(clock).rateLimit("users.show", 1, Duration.ofSeconds(10)).start();
    SandboxHttp http = new SandboxHttp(sandbox);
    assertThat(http.get("/v4/me").statusCode()).isEqualTo(200);
    HttpResponse<String> second = http.get("/v4/me");
    assertThat(second.statusCode()).isEqualTo(429);
    assertHeaders(second, 1, 0, 10_000);
    clock.advance(Duration.ofSeconds(10));
    assertThat(http.get("/v4/me").statusCode()).isEqualTo(200);
  }

  @Test
  void override_ofUnknownOperation_failsAtStartNamingIt() {
    assertThatThrownBy(() -> FrameioSandbox.builder().rateLimit("files.teleport", 1, Duration.ofSeconds(1)).start())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("files.teleport");
    assertThatThrownBy(() -> FrameioSandbox.builder().rateLimit("files.show", 0, Duration.ofSeconds(1)).start())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("rateLimit(files.show)");
  }

  @Test
  void token_expiringOnTheSandboxClock_gets401() {
    sandbox = FrameioSandbox.builder().clock(clock).start();
    SandboxHttp http = new SandboxHttp(sandbox);
    http.token = sandbox.issueAccessToken(Duration.ofMinutes(5));
    assertThat(http.get("/v4/me").statusCode()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    HttpResponse<String> expired = http.get("/v4/me");
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(expired.headers().firstValue("x-ratelimit-limit")).isPresent();
  }

  @Test
  void builder_rejectsBadSettings_namingEach() {
    assertThatThrownBy(() -> FrameioSandbox.builder().transcodeDelay(Duration.ofSeconds(-1)).maxPartBytes(0)
        .pageSizes(50, 10, 500).threads(0).start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("transcodeDelay").hasMessageContaining("maxPartBytes")
        .hasMessageContaining("pageSizes").hasMessageContaining("threads");
  }

  private static void assertHeaders(HttpResponse<String> r, int limit, int remaining, long window) {
    assertThat(r.headers().firstValue("x-ratelimit-limit")).contains(Integer.toString(limit));
    assertThat(r.headers().firstValue("x-ratelimit-remaining")).contains(Integer.toString(remaining));
    assertThat(r.headers().firstValue("x-ratelimit-window")).contains(Long.toString(window));
  }
}
