package io.postflow.frameio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.postflow.api.AuthenticationException;
import io.postflow.api.ServiceException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class FrameioClientRetryTest extends WireMockSupport {
  private static final String FILE_PATH = "/v4/accounts/acc-1/files/f-1";

  /** Scripts answers for one URL in order: the last one stays. */
  private void sequence(String method, String url, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder... answers) {
    for (int i = 0; i < answers.length; i++) {
      String state = i == 0 ? Scenario.STARTED : "step-" + i;
      var mapping = (method.equals("GET") ? get(urlPathEqualTo(url)) : post(urlPathEqualTo(url)))
          .inScenario(url).whenScenarioStateIs(state).willReturn(answers[i]);
      if (i + 1 < answers.length) {
        mapping = mapping.willSetStateTo("step-" + (i + 1));
      }
      wire.stubFor(mapping);
    }
  }

  @Test
  void get_when500Then500Then200_retriesAfterAtLeastThirtySecondsEach() {
    sequence("GET", FILE_PATH, aResponse().withStatus(500), aResponse().withStatus(502),
        okJson(data(fileJson("f-1", "fo-1", "uploaded"))));

    FileAsset file = account().file("f-1");

    assertThat(file.id()).isEqualTo("f-1");
    wire.verify(3, getRequestedFor(urlEqualTo(FILE_PATH)));
    assertThat(time.sleeps).hasSize(2).allSatisfy(wait -> assertThat(wait).isGreaterThanOrEqualTo(Duration.ofSeconds(30)));
  }

  @Test
  void get_when429WithRateLimitHeaders_waitsOneSecondThenDoubles() {
    var tooMany = aResponse().withStatus(429).withHeader("x-ratelimit-limit", "10")
        .withHeader("x-ratelimit-remaining", "0").withHeader("x-ratelimit-window", "1000");
    sequence("GET", FILE_PATH, tooMany, tooMany, okJson(data(fileJson("f-1", "fo-1", "created")))
        .withHeader("x-ratelimit-limit", "10").withHeader("x-ratelimit-remaining", "9")
        .withHeader("x-ratelimit-window", "1000"));

    account().file("f-1");

    wire.verify(3, getRequestedFor(urlEqualTo(FILE_PATH)));
    // back-off waits: >= 1 s after the first 429, >= 2 s after the second (pacing may add its own)
    assertThat(time.sleeps).filteredOn(d -> d.compareTo(Duration.ofSeconds(1)) >= 0).hasSize(2);
    assertThat(time.sleeps.stream().filter(d -> d.compareTo(Duration.ofSeconds(2)) >= 0).count()).isEqualTo(1);
  }

  @Test
  void get_whenConnectionResetThenOk_retries() {
    sequence("GET", FILE_PATH, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
        okJson(data(fileJson("f-1", "fo-1", "transcoded"))));

    assertThat(account().file("f-1").status().toWire()).isEqualTo("transcoded");
    wire.verify(2, getRequestedFor(urlEqualTo(FILE_PATH)));
    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void get_whenEveryAttemptIsReset_theMessageNamesTheCause() {
    wire.stubFor(get(urlPathEqualTo(FILE_PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(() -> account().file("f-1"))
        .isInstanceOf(ServiceException.class)
        .hasMessageContaining("no answer (connection reset")
        .hasMessageContaining("attempts");
  }

  @Test
  void get_when401_refreshesOnceAndRetriesWithTheNewToken() {
    wire.stubFor(get(urlEqualTo(FILE_PATH)).withHeader("Authorization", equalTo("Bearer token-1"))
        .willReturn(aResponse().withStatus(401)));
    wire.stubFor(get(urlEqualTo(FILE_PATH)).withHeader("Authorization", equalTo("Bearer token-2"))
        .willReturn(okJson(data(fileJson("f-1", "fo-1", "uploaded")))));

    assertThat(account().file("f-1").id()).isEqualTo("f-1");
    assertThat(auth.rejected).containsExactly("token-1");
    assertThat(time.sleeps).isEmpty();
  }

  @Test
  void get_when401SurvivesRefresh_throwsAuthenticationExceptionWithRemedy() {
    wire.stubFor(get(urlEqualTo(FILE_PATH)).willReturn(aResponse().withStatus(401)
        .withBody("{\"errors\":[{\"detail\":\"Your Frame user is not linked to an Adobe ID\"}]}")));

    assertThatThrownBy(() -> account().file("f-1"))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("not linked to an Adobe ID")
        .satisfies(e -> assertThat(((AuthenticationException) e).remedy()).contains("Adobe ID"))
        .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1).allSatisfy(s ->
            assertThat(((ServiceException) s).httpStatus()).isEqualTo(401)))
        .hasMessageNotContaining("token-");
    assertThat(auth.refreshes()).isEqualTo(1);
    wire.verify(2, getRequestedFor(urlEqualTo(FILE_PATH)));
  }

  @Test
  void get_when503Always_givesUpAfterMaxAttemptsAndSaysSo() {
    wire.stubFor(get(urlEqualTo(FILE_PATH)).willReturn(aResponse().withStatus(503)
        .withHeader("x-request-id", "req-503")));
    client = clientBuilder().retryPolicy(RetryPolicy.builder().maxAttempts(3).build()).build();

    assertThatThrownBy(() -> account().file("f-1"))
        .isInstanceOfSatisfying(ServiceException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(503);
          assertThat(e.attempts()).isEqualTo(3);
          assertThat(e.isRetryable()).isTrue();
          assertThat(e.requestId()).contains("req-503");
        })
        .hasMessageContaining("after 3 attempts");
    wire.verify(3, getRequestedFor(urlEqualTo(FILE_PATH)));
  }

  @Test
  void get_whenCallTimeoutCannotFitTheNextWait_stopsWithATimeout() {
    wire.stubFor(get(urlEqualTo(FILE_PATH)).willReturn(aResponse().withStatus(500)));
    client = clientBuilder().callTimeout(Duration.ofSeconds(45)).build();

    assertThatThrownBy(() -> account().file("f-1"))
        .isInstanceOfSatisfying(ServiceException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(500);
          assertThat(e.getCause()).isInstanceOf(TimeoutException.class);
        });
    wire.verify(2, getRequestedFor(urlEqualTo(FILE_PATH)));
    assertThat(time.totalSlept()).isLessThanOrEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void createLocalUpload_when500_isNotRetriedBlindly() {
    String path = "/v4/accounts/acc-1/folders/fo-1/files/local_upload";
    wire.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(500)));

    assertThatThrownBy(() -> account().createLocalUpload("fo-1", "a.mov", 10))
        .isInstanceOfSatisfying(ServiceException.class, e -> {
          assertThat(e.isRetryable()).isTrue();
          assertThat(e.attempts()).isEqualTo(1);
        });
    wire.verify(1, postRequestedFor(urlEqualTo(path)));
  }

  @Test
  void createLocalUpload_when429_retriesBecauseNothingHappened() {
    String path = "/v4/accounts/acc-1/folders/fo-1/files/local_upload";
    String answer = fileJson("f-9", "fo-1", "created").replace("}",
        ",\"upload_urls\":[{\"size\":6,\"url\":\"https://s3.example/p1?X-Amz-Signature=secret1\"},"
            + "{\"size\":4,\"url\":\"https://s3.example/p2?X-Amz-Signature=secret2\"}]}");
    sequence("POST", path, aResponse().withStatus(429), aResponse().withStatus(201).withBody(data(answer)));

    PresignedUpload upload = account().createLocalUpload("fo-1", "a.mov", 10);

    assertThat(upload.parts()).extracting(PresignedPart::size).containsExactly(6L, 4L);
    assertThat(upload.parts().get(0).url()).isEqualTo("https://s3.example/p1?X-Amz-Signature=secret1");
    assertThat(upload.mediaType()).isEqualTo("video/quicktime");
    assertThat(upload.toString()).doesNotContain("secret1").doesNotContain("X-Amz");
    wire.verify(2, postRequestedFor(urlEqualTo(path))
        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.equalToJson(
            "{\"data\":{\"name\":\"a.mov\",\"file_size\":10}}")));
  }

  @Test
  void createFolder_whenAnswerLostButFolderExists_doesNotCreateItTwice() {
    String path = "/v4/accounts/acc-1/folders/root/folders";
    wire.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(504)));
    wire.stubFor(get(urlPathEqualTo("/v4/accounts/acc-1/folders/root/children")).willReturn(okJson(
        "{\"data\":[" + folderJson("sc-1", "SC01", "2026-01-01T00:00:00Z") + "],\"links\":{\"next\":null}}")));

    Folder folder = account().createFolder("root", "SC01");

    assertThat(folder.id()).isEqualTo("sc-1");
    wire.verify(1, postRequestedFor(urlEqualTo(path)));
    wire.verify(getRequestedFor(urlPathEqualTo("/v4/accounts/acc-1/folders/root/children"))
        .withQueryParam("type", equalTo("folder")));
  }

  @Test
  void createFolder_whenAnswerLostAndFolderMissing_createsAgain() {
    String path = "/v4/accounts/acc-1/folders/root/folders";
    sequence("POST", path, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
        aResponse().withStatus(201).withBody(data(folderJson("sc-2", "SC02", "2026-01-01T00:00:00Z"))));
    wire.stubFor(get(urlPathEqualTo("/v4/accounts/acc-1/folders/root/children"))
        .willReturn(okJson("{\"data\":[],\"links\":{\"next\":null}}")));

    assertThat(account().createFolder("root", "SC02").id()).isEqualTo("sc-2");
    wire.verify(2, postRequestedFor(urlEqualTo(path)));
  }
}
