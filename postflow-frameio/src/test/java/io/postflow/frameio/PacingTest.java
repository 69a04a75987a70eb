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

  @Test
  void everyEndpoint_startsFromTheLimitTheOpenApiDocumentStates() {
    for (Endpoint endpoint : Endpoint.values()) {
      assertThat(endpoint.documentedLimit()).as(endpoint.name()).isPositive();
      assertThat(endpoint.documentedWindow()).as(endpoint.name()).isPositive();
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
