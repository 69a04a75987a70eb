package io.postflow.frameio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.ServiceError;
import io.postflow.api.ServiceException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorMappingTest extends WireMockSupport {

  @Test
  void error422_carriesStatusRequestIdAndEveryErrorEntry() {
    wire.stubFor(post(urlEqualTo("/v4/accounts/acc-1/folders/root/folders")).willReturn(aResponse()
        .withStatus(422).withHeader("x-request-id", "F-123")
        .withBody("{\"errors\":[{\"title\":\"Invalid value\",\"detail\":\"name is too long\","
            + "\"source\":{\"pointer\":\"/data/name\"}},{\"detail\":\"second\"}]}")));

    assertThatThrownBy(() -> account().createFolder("root", "x"))
        .isInstanceOfSatisfying(ServiceException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(422);
          assertThat(e.requestId()).contains("F-123");
          assertThat(e.errors()).containsExactly(
              ServiceError.of("Invalid value", "name is too long", "/data/name"),
              ServiceError.of(null, "second", null));
          assertThat(e.isRetryable()).isFalse();
          assertThat(e.attempts()).isEqualTo(1);
          assertThat(e.operation()).isEqualTo("POST /v4/accounts/{account_id}/folders/{folder_id}/folders");
        })
        .hasMessageContaining("HTTP 422")
        .hasMessageContaining("name is too long (at /data/name)")
        .hasMessageContaining("[request id F-123]");
    assertThat(time.sleeps).isEmpty();
  }

  @Test
  void error404_isAResourceNotFoundException() {
    wire.stubFor(get(urlEqualTo("/v4/accounts/acc-1/folders/gone")).willReturn(aResponse()
        .withStatus(404).withBody("{\"errors\":[{\"detail\":\"Not Found\"}]}")));

    assertThatThrownBy(() -> account().folder("gone"))
        .isInstanceOf(ResourceNotFoundException.class)
        .satisfies(e -> assertThat(((ServiceException) e).httpStatus()).isEqualTo(404));
    wire.verify(1, getRequestedFor(urlEqualTo("/v4/accounts/acc-1/folders/gone")));
  }

  @Test
  void errorWithHtmlBody_isStillMapped() {
    wire.stubFor(get(urlEqualTo("/v4/me")).willReturn(aResponse().withStatus(403)
        .withBody("<html>Account locked</html>")));

    assertThatThrownBy(() -> client.me())
        .isInstanceOfSatisfying(ServiceException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(403);
          assertThat(e.errors()).isEmpty();
        });
  }

  @Test
  void successWithoutRequiredField_saysWhichFieldIsMissing() {
    wire.stubFor(get(urlEqualTo("/v4/accounts/acc-1/projects/p")).willReturn(aResponse().withStatus(200)
        .withBody(data("{\"id\":\"p\",\"name\":\"n\"}"))));

    assertThatThrownBy(() -> account().project("p")).hasMessageContaining("root_folder_id");
  }

  @Test
  void requestsCarryTheBearerTokenButMessagesAndValuesNeverShowSecrets() {
    wire.stubFor(post(urlEqualTo("/v4/accounts/acc-1/workspaces/ws/webhooks")).willReturn(aResponse()
        .withStatus(201).withBody(data("{\"id\":\"w\",\"name\":\"n\",\"url\":\"https://h/x\","
            + "\"events\":[\"file.ready\"],\"secret\":\"s3cr3t-value\",\"created_at\":\"2026-01-01T00:00:00Z\"}"))));
    wire.stubFor(get(urlEqualTo("/v4/accounts/acc-1/files/f")).willReturn(aResponse().withStatus(500)));
    client = clientBuilder().retryPolicy(RetryPolicy.none()).build();

    Webhook webhook = account().createWebhook("ws", "n", URI.create("https://h/x"), List.of("file.ready"));
    assertThat(webhook.secret()).contains("s3cr3t-value");
    assertThat(webhook.toString()).doesNotContain("s3cr3t-value");
    assertThatThrownBy(() -> account().file("f")).hasMessageNotContaining("token-1");
    wire.verify(getRequestedFor(urlEqualTo("/v4/accounts/acc-1/files/f"))
        .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer token-1")));
  }
}
