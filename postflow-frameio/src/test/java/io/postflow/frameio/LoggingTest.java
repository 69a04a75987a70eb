package io.postflow.frameio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** DEBUG lines show method, path, status, attempt and request id, and never a secret. */
class LoggingTest extends WireMockSupport {

  /** Runs {@code work} and returns what was logged meanwhile (slf4j-simple writes to System.err). */
  private static String captureLog(Runnable work) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      work.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void debugLines_describeEachAttemptWithoutTokensOrQueries() {
    wire.stubFor(get(urlPathEqualTo("/v4/accounts/acc-1/folders/fo-1/children")).willReturn(okJson(
        "{\"data\":[],\"links\":{\"next\":null}}").withHeader("x-request-id", "req-42")));
    wire.stubFor(post(urlEqualTo("/v4/accounts/acc-1/folders/fo-1/files/remote_upload")).willReturn(
        aResponse().withStatus(400).withBody("{\"errors\":[{\"detail\":\"bad source\"}]}")));
    URI source = URI.create("https://tunnel.example/f/capability-SECRET?token=TOPSECRET");

    String log = captureLog(() -> {
      account().children("fo-1", AssetType.FOLDER, 500).collect(Collectors.toList());
      assertThatThrownBy(() -> account().createRemoteUpload("fo-1", "a.mov", source))
          .hasMessageNotContaining("SECRET");
    });

    assertThat(log).contains("GET /v4/accounts/acc-1/folders/fo-1/children -> 200")
        .contains("(attempt 1, request id req-42)")
        .contains("POST /v4/accounts/acc-1/folders/fo-1/files/remote_upload -> 400");
    assertThat(log).doesNotContain("token-1").doesNotContain("Bearer").doesNotContain("SECRET")
        .doesNotContain("page_size");
  }
}
