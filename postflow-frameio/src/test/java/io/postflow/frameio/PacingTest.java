package io.postflow.frameio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PacingTest extends WireMockSupport {

  private static HttpHeaders headers(String limit, String remaining, String windowMillis) {
    return HttpHeaders.of(Map.of("x-ratelimit-limit", List.of(limit), "x-ratelimit-remaining",
        List.of(remaining), "x-ratelimit-window", List.of(windowMillis)), (a, b) -> true);
  }

  @Test
  void reserve_burstOfTenFolderCreates_isSpreadToThreePerSecond() {
    RequestPacer pacer = new RequestPacer(time, true);
    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      waits.add(pacer.reserve(Endpoint.CREATE_FOLDER)); // all booked at the same instant
    }

    // a bucket of 3 with one slot kept spare for jitter: 2 at once, then one every 333 ms
    assertThat(waits.subList(0, 2)).containsOnly(Duration.ZERO);
    for (int i = 2; i < 10; i++) {
      assertThat(waits.get(i).toMillis()).isBetween((i - 1) * 333L, (i - 1) * 334L);
    }
  }

  @Test
  void reserve_afterTheWindowPasses_hasRoomAgain() {
    RequestPacer pacer = new RequestPacer(time, true);
    for (int i = 0; i < 2; i++) {
      pacer.reserve(Endpoint.CREATE_FOLDER);
    }
    time.advance(Duration.ofSeconds(1));
    assertThat(pacer.reserve(Endpoint.CREATE_FOLDER)).isZero();
  }

  @Test
  void observe_remainingZero_makesTheNextRequestWaitUntilTheSpareSlotIsFreeAgain() {
    RequestPacer pacer = new RequestPacer(time, true);
    pacer.observe(Endpoint.FILE, headers("10", "0", "1000"));

    assertThat(pacer.reserve(Endpoint.FILE)).isEqualTo(Duration.ofMillis(200));
  }

  /**
   * The rate limits as the OpenAPI document states them on each operation ("Rate Limits: N calls
   * per 1 second(s)/minute(s) per account_user"), transcribed here independently of
   * {@link Endpoint}: a typo in either shows up as a mismatch, and an endpoint added without its
   * limit fails until its row is added.
   */
  private static final String DOCUMENTED_LIMITS = """
      GET /v4/me 100/min
      GET /v4/accounts 100/min
      GET /v4/accounts/{account_id}/workspaces 100/min
      GET /v4/accounts/{account_id}/workspaces/{workspace_id}/projects 100/min
      GET /v4/accounts/{account_id}/projects/{project_id} 100/min
      GET /v4/accounts/{account_id}/folders/{folder_id} 100/min
      GET /v4/accounts/{account_id}/folders/{folder_id}/children 100/min
      GET /v4/accounts/{account_id}/folders/{folder_id}/folders 5/s
      GET /v4/accounts/{account_id}/folders/{folder_id}/files 5/s
      GET /v4/accounts/{account_id}/folders/{folder_id}/version_stacks 5/s
      POST /v4/accounts/{account_id}/folders/{folder_id}/folders 3/s
      PATCH /v4/accounts/{account_id}/folders/{folder_id} 10/min
      DELETE /v4/accounts/{account_id}/folders/{folder_id} 60/min
      PATCH /v4/accounts/{account_id}/files/{file_id} 100/min
      GET /v4/accounts/{account_id}/files/{file_id} 10/s
      GET /v4/accounts/{account_id}/files/{file_id}/status 5/s
      DELETE /v4/accounts/{account_id}/files/{file_id} 100/min
      PATCH /v4/accounts/{account_id}/files/{file_id}/move 100/min
      POST /v4/accounts/{account_id}/folders/{folder_id}/files/local_upload 5/s
      POST /v4/accounts/{account_id}/folders/{folder_id}/files/remote_upload 5/s
      POST /v4/accounts/{account_id}/folders/{folder_id}/version_stacks 10/min
      GET /v4/accounts/{account_id}/version_stacks/{version_stack_id} 100/min
      GET /v4/accounts/{account_id}/version_stacks/{version_stack_id}/children 100/min
      POST /v4/accounts/{account_id}/files/{file_id}/comments 100/min
      GET /v4/accounts/{account_id}/files/{file_id}/comments 100/min
      POST /v4/accounts/{account_id}/workspaces/{workspace_id}/webhooks 10/min
      GET /v4/accounts/{account_id}/workspaces/{workspace_id}/webhooks 100/min
      GET /v4/accounts/{account_id}/webhooks/{webhook_id} 100/min
      PATCH /v4/accounts/{account_id}/webhooks/{webhook_id} 10/min
      DELETE /v4/accounts/{account_id}/webhooks/{webhook_id} 60/min
      GET /v4/accounts/{account_id}/metadata/field_definitions 100/min
      POST /v4/accounts/{account_id}/metadata/field_definitions 10/min
      PATCH /v4/accounts/{account_id}/projects/{project_id}/metadata/values 10/min
      GET /v4/accounts/{account_id}/files/{file_id}/metadata 100/min
      POST /v4/accounts/{account_id}/projects/{project_id}/shares 10/min
      GET /v4/accounts/{account_id}/projects/{project_id}/shares 100/min
      POST /v4/accounts/{account_id}/shares/{share_id}/assets 10/min
      GET /v4/accounts/{account_id}/shares/{share_id} 100/min
      DELETE /v4/accounts/{account_id}/shares/{share_id} 60/min
      GET /v4/accounts/{account_id}/comments/{comment_id} 100/min
      """;

  @Test
  void everyEndpoint_startsFromTheLimitTheOpenApiDocumentStates() {
    java.util.Map<String, String> documented = new java.util.HashMap<>();
    DOCUMENTED_LIMITS.lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(line -> {
      int rate = line.lastIndexOf(' ');
      documented.put(line.substring(0, rate), line.substring(rate + 1));
    });
    for (Endpoint endpoint : Endpoint.values()) {
      String operation = endpoint.operation();
      assertThat(documented).as("the documented limit of %s", endpoint).containsKey(operation);
      String window = endpoint.documentedWindow().equals(Duration.ofSeconds(1)) ? "s"
          : endpoint.documentedWindow().equals(Duration.ofMinutes(1)) ? "min"
          : endpoint.documentedWindow().toString();
      assertThat(endpoint.documentedLimit() + "/" + window).as(operation)
          .isEqualTo(documented.get(operation));
    }
  }

  @Test
  void observe_higherLimitFromTheService_replacesTheDocumentedOne() {
    RequestPacer pacer = new RequestPacer(time, true);
    pacer.observe(Endpoint.CREATE_FOLDER, headers("100", "100", "1000"));
    for (int i = 0; i < 99; i++) {
      assertThat(pacer.reserve(Endpoint.CREATE_FOLDER)).isZero();
    }
    assertThat(pacer.reserve(Endpoint.CREATE_FOLDER)).isEqualTo(Duration.ofMillis(10));
  }

  @Test
  void reserve_whenPacingIsOff_neverWaits() {
    RequestPacer pacer = new RequestPacer(time, false);
    for (int i = 0; i < 50; i++) {
      assertThat(pacer.reserve(Endpoint.CREATE_FOLDER)).isZero();
    }
  }

  @Test
  void client_burstOfFolderCreates_staysUnderThreePerSecondOnTheClientsClock() {
    wire.stubFor(post(urlPathMatching("/v4/accounts/acc-1/folders/root/folders")).willReturn(aResponse()
        .withStatus(201).withBody(data(folderJson("x", "X", "2026-01-01T00:00:00Z")))));

    for (int i = 0; i < 9; i++) {
      account().createFolder("root", "F" + i);
    }

    // 9 creates at 3/s (one slot spare): 2 go at once, the other 7 one every 333 ms
    assertThat(time.totalSlept()).isBetween(Duration.ofMillis(2320), Duration.ofMillis(2340));
    assertThat(time.sleeps).allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(Duration.ofMillis(334)));
  }
}
