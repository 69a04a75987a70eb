package io.postflow.frameio.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.postflow.api.AuthenticationException;
import io.postflow.api.ServiceException;
import io.postflow.frameio.ServeEvents;
import io.postflow.testkit.ManualTime;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IMS (or a proxy in front of it) that echoes the request into its error answer: the form body with
 * the refresh token or client secret, and the Basic Authorization header with the base64 client
 * id and secret. None of it may reach an exception's message, {@code toString()}, its errors, or a
 * log line.
 */
class ImsErrorRedactionTest {
  // '+', '/' and '=' are percent-encoded in the form: the echo holds the encoded spelling
  static final String CLIENT_SECRET = "p8e-CLIENT+SECRET/9f2a==";
  static final String REFRESH = "REFRESH+1/beef-cafe==";
  static final String BASIC = Base64.getEncoder()
      .encodeToString(("client-1:" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
  /** Answers with what was sent: the whole form body and the Authorization header. */
  static final String ECHO = "upstream failed; request body: {{request.body}}; authorization:"
      + " {{request.headers.Authorization}}";

  @RegisterExtension
  static WireMockExtension ims = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort()).build();

  final ManualTime time = ManualTime.startingAt(Instant.parse("2026-03-01T10:00:00Z"));
  final InMemoryTokenStore store = InMemoryTokenStore.create();

  ImsAuthenticator webApp() {
    store.save(StoredCredentials.builder().refreshToken(REFRESH).build());
    return ImsAuthenticator.builder().imsBaseUri(URI.create(ims.baseUrl())).clientId("client-1")
        .clientSecret(CLIENT_SECRET).redirectUri(URI.create("https://localhost:8443/callback"))
        .clock(time.clock()).sleeper(time.sleeper()).tokenStore(store).build();
  }

  static void imsAnswers(int status, String error) {
    ims.stubFor(post(urlEqualTo(ImsClient.TOKEN_PATH)).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":\"" + error + "\",\"error_description\":\"" + ECHO + "\"}")
        .withTransformers("response-template")));
  }

  static String[] secrets() {
    return new String[] {CLIENT_SECRET, enc(CLIENT_SECRET), REFRESH, enc(REFRESH), BASIC,
        "CLIENT+SECRET", "CLIENT%2BSECRET", "beef-cafe"};
  }

  static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void refresh_whenIms5xxEchoesTheFormAndTheBasicHeader_quotesNoSecret() {
    imsAnswers(503, "server_error");
    ImsAuthenticator auth = webApp();
    Throwable failure;
    String logs;

    try (LogCapture capture = LogCapture.atTrace(ImsClient.class, ImsAuthenticator.class)) {
      failure = catchThrowable(auth::token);
      logs = capture.text();
    }

    assertThat(failure).isInstanceOf(ServiceException.class);
    // the echo really carried them: the test would prove nothing otherwise
    String echoed = ServeEvents.latest(ims::getAllServeEvents).getResponse().getBodyAsString();
    assertThat(echoed).contains(enc(REFRESH), "Basic " + BASIC);
    assertThat(Shown.texts(failure)).allSatisfy(text -> assertThat(text).doesNotContain(secrets()));
    assertThat(failure).hasMessageContaining("server_error").hasMessageContaining("upstream failed")
        .hasMessageContaining("****");
    assertThat(logs).contains("HTTP 503").doesNotContain(secrets());
  }

  @Test
  void refresh_whenImsRefusesTheGrantAndEchoesTheForm_quotesNoSecret() {
    imsAnswers(400, "invalid_grant");
    ImsAuthenticator auth = webApp();
    Throwable failure;
    String logs;

    try (LogCapture capture = LogCapture.atTrace(ImsClient.class, ImsAuthenticator.class)) {
      failure = catchThrowable(auth::token);
      logs = capture.text();
    }

    assertThat(failure).isInstanceOf(AuthenticationException.class).hasMessageContaining("invalid_grant");
    assertThat(Shown.texts(failure)).allSatisfy(text -> assertThat(text).doesNotContain(secrets()));
    assertThat(logs).doesNotContain(secrets());
  }

  @Test
  void serverToServer_whenIms5xxEchoesTheFormWithTheClientSecret_quotesNoSecret() {
    imsAnswers(500, "server_error");
    ServerToServerAuthenticator auth = ServerToServerAuthenticator.builder()
        .imsBaseUri(URI.create(ims.baseUrl())).clientId("s2s-id").clientSecret(CLIENT_SECRET)
        .clock(time.clock()).sleeper(time.sleeper()).build();
    Throwable failure;
    String logs;

    try (LogCapture capture = LogCapture.atTrace(ImsClient.class, ServerToServerAuthenticator.class)) {
      failure = catchThrowable(auth::token);
      logs = capture.text();
    }

    assertThat(failure).isInstanceOf(ServiceException.class);
    assertThat(ServeEvents.latest(ims::getAllServeEvents).getResponse().getBodyAsString()).contains(enc(CLIENT_SECRET));
    assertThat(Shown.texts(failure)).allSatisfy(text -> assertThat(text).doesNotContain(secrets()));
    assertThat(logs).doesNotContain(secrets());
  }

  @Test
  void frameio401_whoseBodyIsAProxyPageEchoingTheHeaders_isQuotedWithoutTheToken() {
    AuthenticationException refused = AuthErrors.fromFrameio401("<html><body><h1>401</h1><pre>"
        + "GET /v4/me HTTP/1.1\nHost: api.frame.io\nAuthorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"
        + "\nCookie: session=COOKIE-SECRET</pre></body></html>");

    assertThat(Shown.texts(refused)).allSatisfy(text -> assertThat(text)
        .doesNotContain("eyJhbGciOiJSUzI1NiJ9", "eyJzdWIiOiJ4In0", "c2ln", "COOKIE-SECRET"));
    assertThat(refused).hasMessageContaining("Host: api.frame.io");
  }
}
