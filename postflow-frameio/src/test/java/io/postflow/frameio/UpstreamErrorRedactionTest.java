package io.postflow.frameio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.postflow.api.AuthenticationException;
import io.postflow.api.ServiceException;
import io.postflow.api.UploadException;
import io.postflow.api.UploadRequest;
import io.postflow.frameio.auth.LogCapture;
import io.postflow.frameio.auth.Shown;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A proxy or service that echoes the request into its error answer must not put a credential into
 * an exception: not in its message, {@code toString()} or errors, and not in a DEBUG line.
 */
class UpstreamErrorRedactionTest extends WireMockSupport {
  /** Secrets a body below quotes besides the bearer tokens token-1 and token-2. */
  static final String[] ECHOED_SECRETS = {"token-1", "token-2", "AT-JSON-SECRET", "RT-JSON-SECRET",
      "CS-FORM-SECRET", "CODE-FORM-SECRET", "AKIAEXAMPLE", "deadbeef0123", "SESSION-SECRET"};

  @TempDir Path dir;

  private String captured(Runnable work) {
    try (LogCapture capture = LogCapture.atTrace(ApiTransport.class, ErrorMapper.class,
        FrameioAccount.class, FrameioClient.class, PartSender.class, LocalUploader.class,
        UploadExecution.class)) {
      work.run();
      return capture.text();
    }
  }

  @Test
  void serverError_whoseErrorsEchoTheRequestAndCredentials_isQuotedWithEveryCredentialMasked() {
    wire.stubFor(get(urlEqualTo("/v4/me")).willReturn(aResponse().withStatus(500)
        .withHeader("x-request-id", "req-500")
        .withBody("{\"errors\":[{\"title\":\"Bad gateway\",\"detail\":\"upstream refused {{request.url}};"
            + " Authorization: {{request.headers.Authorization}}\"},"
            + "{\"detail\":\"{\\\"access_token\\\":\\\"AT-JSON-SECRET\\\",\\\"refresh_token\\\": \\\"RT-JSON-SECRET\\\"}"
            + " form client_secret=CS-FORM-SECRET&code=CODE-FORM-SECRET&grant_type=x\"},"
            + "{\"detail\":\"fetch https://s3.example/b/k?X-Amz-Credential=AKIAEXAMPLE%2F2026"
            + "&X-Amz-Signature=deadbeef0123 failed\",\"source\":{\"pointer\":\"Cookie: s=SESSION-SECRET\"}}]}")
        .withTransformers("response-template")));
    client = clientBuilder().retryPolicy(RetryPolicy.none()).build();
    Throwable[] failure = new Throwable[1];

    String log = captured(() -> failure[0] = catchThrowable(() -> client.me()));

    assertThat(ServeEvents.latest(wire::getAllServeEvents).getResponse().getBodyAsString()).contains("Bearer token-1");
    assertThat(failure[0]).isInstanceOf(ServiceException.class)
        .hasMessageContaining("Bad gateway: upstream refused /v4/me; Authorization: ****")
        .hasMessageContaining("\"access_token\":\"****\"").hasMessageContaining("client_secret=****")
        .hasMessageContaining("https://s3.example/b/k?****").hasMessageContaining("[request id req-500]");
    assertThat(Shown.texts(failure[0])).allSatisfy(text -> assertThat(text).doesNotContain(ECHOED_SECRETS));
    assertThat(log).contains("GET /v4/me -> 500").doesNotContain(ECHOED_SECRETS).doesNotContain("Bearer");
  }

  @Test
  void unauthorized_whoseBodyIsAProxyPageEchoingTheHeaders_isQuotedWithoutTheBearerToken() {
    wire.stubFor(get(urlEqualTo("/v4/me")).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "text/html")
        .withBody("<html><pre>401 from the proxy\nAuthorization: {{request.headers.Authorization}}\n"
            + "Cookie: s=SESSION-SECRET</pre></html>")
        .withTransformers("response-template")));
    Throwable[] failure = new Throwable[1];

    String log = captured(() -> failure[0] = catchThrowable(() -> client.me()));

    assertThat(auth.refreshes()).isEqualTo(1); // so both tokens were sent and echoed
    assertThat(failure[0]).isInstanceOf(AuthenticationException.class).hasMessageContaining("401 from the proxy");
    assertThat(Shown.texts(failure[0])).allSatisfy(text -> assertThat(text).doesNotContain(ECHOED_SECRETS));
    assertThat(log).doesNotContain(ECHOED_SECRETS);
  }

  @Test
  void partRefused_withAnErrorCodeThatQuotesTheSignature_isReportedWithoutIt() throws Exception {
    PartTestServer server = new PartTestServer();
    LocalUploader uploader = LocalUploader.builder().transport(new UploadTransportFake(server))
        .clock(time).sleeper(time).build();
    Path file = Files.write(dir.resolve("a.mov"), new byte[1000]);
    server.script = (fileId, part, attempt) ->
        PartTestServer.Reply.error(400, "InvalidRequest X-Amz-Signature=deadbeef0123");
    Throwable[] failure = new Throwable[1];

    try {
      String log = captured(() -> failure[0] = catchThrowable(() ->
          uploader.upload(UploadRequest.of(file, "f")).completion().get(30, TimeUnit.SECONDS)));

      assertThat(failure[0]).cause().isInstanceOf(UploadException.class)
          .hasMessageContaining("HTTP 400 InvalidRequest X-Amz-Signature=****");
      assertThat(Shown.texts(failure[0])).allSatisfy(text -> assertThat(text).doesNotContain(ECHOED_SECRETS));
      assertThat(log).doesNotContain(ECHOED_SECRETS);
    } finally {
      uploader.close();
      server.close();
    }
  }
}
