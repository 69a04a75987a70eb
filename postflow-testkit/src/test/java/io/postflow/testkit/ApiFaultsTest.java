package io.postflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The /v4 faults a client must survive, driven by raw HTTP. */
class ApiFaultsTest extends SandboxTestSupport {
  private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-05T10:00:00Z"));

  @Override
  FrameioSandbox.Builder configure(FrameioSandbox.Builder builder) {
    return builder.clock(clock);
  }

  private String children() {
    return http.account() + "/folders/" + sandbox.rootFolderId() + "/children";
  }

  @Test
  void failApiCalls_answersTheNextNWithTheStatus_beforeAnyWorkIsDone() {
    sandbox.faults().failApiCalls(2, 503);
    String create = http.account() + "/folders/" + sandbox.rootFolderId() + "/folders";
    HttpResponse<String> first = http.post(create, "{\"data\":{\"name\":\"a\"}}");
    assertThat(first.statusCode()).isEqualTo(503);
    assertThat(SandboxHttp.json(first).get("errors").get(0).get("detail").asText()).contains("folders.create");
    assertThat(first.headers().firstValue("x-request-id")).isPresent();
    assertThat(http.get("/v4/me").statusCode()).isEqualTo(503);
    assertThat(http.post(create, "{\"data\":{\"name\":\"a\"}}").statusCode()).isEqualTo(201);
    assertThat(sandbox.inspect().tree().children()).hasSize(1); // the failed create made nothing
  }

  @Test
  void failApiCalls_forOneOperation_leavesTheOthersAlone() {
    sandbox.faults().failApiCalls("folders.index", 1, 500);
    assertThat(http.get("/v4/me").statusCode()).isEqualTo(200);
    assertThat(http.get(children()).statusCode()).isEqualTo(500);
    assertThat(http.get(children()).statusCode()).isEqualTo(200);
  }

  @Test
  void failApiCallsFor_lastsForTheDurationOnTheSandboxClock() {
    sandbox.faults().failApiCallsFor(Duration.ofSeconds(30), 502);
    assertThat(http.get("/v4/me").statusCode()).isEqualTo(502);
    clock.advance(Duration.ofSeconds(29));
    assertThat(http.get(children()).statusCode()).isEqualTo(502);
    clock.advance(Duration.ofSeconds(1));
    assertThat(http.get("/v4/me").statusCode()).isEqualTo(200);
  }

  @Test
  void notLinkedToAdobeId_is401WithFramesMessage_evenForAFreshToken() {
    sandbox.faults().notLinkedToAdobeId(true);
    http.token = sandbox.issueAccessToken();
    HttpResponse<String> r = http.get("/v4/me");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("Your Frame user is not linked to an Adobe ID");
    sandbox.faults().notLinkedToAdobeId(false);
    assertThat(http.get("/v4/me").statusCode()).isEqualTo(200);
  }

  @Test
  void lockAccount_is403ForAccountPaths_only() {
    sandbox.faults().lockAccount(true);
    HttpResponse<String> r = http.get(children());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(SandboxHttp.json(r).get("errors").get(0).get("detail").asText()).contains("locked");
    assertThat(http.get("/v4/me").statusCode()).isEqualTo(200);
    sandbox.faults().clear();
    assertThat(http.get(children()).statusCode()).isEqualTo(200);
  }

  @Test
  void expireTokensAfter_expiresTheTokenInTheMiddleOfAListing() {
    for (int i = 0; i < 3; i++) {
      http.createFolder(sandbox.rootFolderId(), "SC0" + i);
    }
    sandbox.faults().expireTokensAfter(1);
    HttpResponse<String> first = http.get(children() + "?page_size=1");
    assertThat(first.statusCode()).isEqualTo(200);
    String next = SandboxHttp.json(first).get("links").get("next").asText();
    HttpResponse<String> second = http.get(next + "&page_size=1");
    assertThat(second.statusCode()).isEqualTo(401);
    http.token = sandbox.issueAccessToken(); // what a refresh gives
    assertThat(SandboxHttp.data(http.get(next + "&page_size=1")).get(0).get("name").asText()).isEqualTo("SC01");
  }

  @Test
  void plainRateLimitStorm_isTextWithoutRateLimitHeaders() {
    sandbox.faults().plainRateLimitStorm(1);
    HttpResponse<String> r = http.get("/v4/me");
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(r.body()).isEqualTo("Too Many Requests");
    assertThat(r.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("x-ratelimit"));
    assertThat(http.get("/v4/me").statusCode()).isEqualTo(200);
  }

  @Test
  void handshakeDelay_holdsTheFirstRequestOfANewConnection() throws Exception {
    sandbox.faults().handshakeDelay(Duration.ofSeconds(5));
    HttpClient fresh = HttpClient.newHttpClient();
    HttpRequest impatient = http.request("/v4/me").timeout(Duration.ofMillis(300)).GET().build();
    assertThatThrownBy(() -> fresh.send(impatient, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);
    sandbox.faults().handshakeDelay(Duration.ZERO);
    assertThat(HttpClient.newHttpClient().send(http.request("/v4/me").GET().build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
  }

  @Test
  void newFaultSetters_rejectBadArguments() {
    assertThatThrownBy(() -> sandbox.faults().failApiCalls(1, 404)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("500, 502, 503 or 504");
    assertThatThrownBy(() -> sandbox.faults().failApiCallsFor(Duration.ofSeconds(-1), 500))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sandbox.faults().handshakeDelay(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sandbox.faults().expireTokensAfter(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
