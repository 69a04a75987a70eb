package io.postflow.frameio.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.postflow.api.AccessToken;
import io.postflow.api.AuthenticationException;
import io.postflow.api.ConfigurationException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LoopbackRedirectListenerTest {
  static final URI HTTPS_ANY_PORT = URI.create("https://localhost:0/callback");

  @RegisterExtension
  static WireMockExtension ims = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort()).build();

  static HttpClient trusting(X509Certificate certificate) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("listener", certificate);
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
  }

  /**
   * A browser whose user accepted the listener's certificate warning: it trusts any server
   * certificate (the listener makes a new one for each login, so a test browser cannot know it).
   */
  static HttpClient acceptingTheCertificateWarning() {
    try {
      return HttpClient.newBuilder().sslContext(trustAll()).connectTimeout(Duration.ofSeconds(5)).build();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> get(HttpClient client, URI uri) throws Exception {
    return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void awaitCode_overHttpsWithGeneratedCertificate_returnsCodeAndThanksTheBrowser() throws Exception {
    try (LoopbackRedirectListener listener =
        LoopbackRedirectListener.start(HTTPS_ANY_PORT, "st4te", Instant.now())) {
      URI redirect = listener.redirectUri();
      assertThat(redirect.getScheme()).isEqualTo("https");
      assertThat(redirect.getPort()).isPositive();
      HttpClient browser = trusting(listener.certificate().orElseThrow());

      HttpResponse<String> page = get(browser, URI.create(redirect + "?code=abc%2B1&state=st4te"));

      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("You can close this tab");
      assertThat(listener.awaitCode(Duration.ofSeconds(5))).isEqualTo("abc+1");
      assertThat(get(browser, URI.create(redirect + "?code=again&state=st4te")).statusCode())
          .isEqualTo(409);
    }
  }

  @Test
  void listener_withAnUntrustedClient_failsTheTlsHandshake() throws Exception {
    try (LoopbackRedirectListener listener =
        LoopbackRedirectListener.start(HTTPS_ANY_PORT, "s", Instant.now())) {
      assertThatThrownBy(() -> get(HttpClient.newHttpClient(), listener.redirectUri()))
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void generatedCertificate_coversLoopbackNamesAndIsSelfSigned() throws Exception {
    Instant now = Instant.parse("2026-03-01T10:00:00Z");
    X509Certificate certificate =
        SelfSignedCertificate.generate(now, Duration.ofDays(1)).certificate();

    certificate.verify(certificate.getPublicKey());
    certificate.checkValidity(java.util.Date.from(now));
    assertThat(certificate.getVersion()).isEqualTo(3);
    assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
    assertThat(certificate.getSubjectAlternativeNames())
        .extracting(entry -> entry.get(1).toString())
        .contains("localhost", "127.0.0.1");
    assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
    assertThat(certificate.getNotAfter().toInstant()).isEqualTo(now.plus(Duration.ofDays(1)));
    SelfSignedCertificate farFuture =
        SelfSignedCertificate.generate(Instant.parse("2049-12-31T00:00:00Z"), Duration.ofDays(3));
    assertThat(farFuture.certificate().getNotAfter().toInstant())
        .isEqualTo(Instant.parse("2050-01-03T00:00:00Z"));
  }

  @Test
  void generatedCertificate_isMarkedForTlsServerAuthentication() throws Exception {
    // macOS and iOS (so Safari, and Chrome using the platform verifier) refuse TLS server
    // certificates without an extendedKeyUsage naming serverAuth, even once the user accepts them.
    X509Certificate certificate =
        SelfSignedCertificate.generate(Instant.now(), Duration.ofDays(1)).certificate();

    assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(certificate.getCriticalExtensionOIDs()).doesNotContain("2.5.29.37");
  }

  @Test
  void awaitCode_whenStateDiffers_tellsTheBrowser_andKeepsWaitingForThisLogin() throws Exception {
    try (LoopbackRedirectListener listener =
        LoopbackRedirectListener.start(HTTPS_ANY_PORT, "expected", Instant.now())) {
      HttpResponse<String> page = get(trusting(listener.certificate().orElseThrow()),
          URI.create(listener.redirectUri() + "?code=abc&state=forged"));

      assertThat(page.statusCode()).isEqualTo(400);
      assertThat(page.body()).contains("different 'state'").contains("still waiting");
      assertThatThrownBy(() -> listener.awaitCode(Duration.ofMillis(100)))
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("No login redirect arrived")
          .hasMessageContaining("(1 request without this login's state ignored");
    }
  }

  @Test
  void awaitCode_whenErrorRedirect_reportsImsError() throws Exception {
    try (LoopbackRedirectListener listener =
        LoopbackRedirectListener.start(HTTPS_ANY_PORT, "s", Instant.now())) {
      HttpResponse<String> page = get(trusting(listener.certificate().orElseThrow()),
          URI.create(listener.redirectUri()
              + "?error=invalid_scope&error_description=%3Cscript%3E&state=s"));

      assertThat(page.statusCode()).isEqualTo(400);
      assertThat(page.body()).contains("invalid_scope").contains("&lt;script&gt;")
          .doesNotContain("<script>");
      assertThatThrownBy(() -> listener.awaitCode(Duration.ofSeconds(5)))
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("Adobe IMS login failed: invalid_scope");
    }
  }

  @Test
  void awaitCode_whenErrorRedirectCarriesAnotherState_isIgnoredAsForged_withoutEchoingItsText()
      throws Exception {
    // Any web page can make the browser request the loopback address: an error= redirect without
    // the login's state is not Adobe's answer, and its description must not be shown as if it were.
    try (LoopbackRedirectListener listener =
        LoopbackRedirectListener.start(HTTPS_ANY_PORT, "expected", Instant.now())) {
      HttpResponse<String> page = get(trusting(listener.certificate().orElseThrow()),
          URI.create(listener.redirectUri() + "?error=access_denied"
              + "&error_description=Call+555-0100+to+unlock&state=forged"));

      assertThat(page.statusCode()).isEqualTo(400);
      assertThat(page.body()).contains("different 'state'").doesNotContain("555-0100");
      assertThatThrownBy(() -> listener.awaitCode(Duration.ofMillis(100)))
          .isInstanceOf(AuthenticationException.class).hasMessageContaining("state ignored")
          .hasMessageNotContaining("555-0100");
    }
  }

  @Test
  void listener_ignoresRequestsThatAreNoLoginAnswer() throws Exception {
    try (LoopbackRedirectListener listener = LoopbackRedirectListener.start(
        URI.create("http://localhost:0/cb"), "s", Instant.now())) {
      assertThat(listener.certificate()).isEmpty();
      HttpClient browser = HttpClient.newHttpClient();
      assertThat(get(browser, listener.redirectUri()).statusCode()).isEqualTo(404);
      assertThat(get(browser, URI.create(listener.redirectUri() + "?code=ok&state=s")).statusCode())
          .isEqualTo(200);
      assertThat(listener.awaitCode(Duration.ofSeconds(5))).isEqualTo("ok");
    }
  }

  @Test
  void listener_refusesLoginAnswersOnOtherPaths_andStillWaitsForTheRedirectPath() throws Exception {
    // The JDK server matches contexts by string prefix: /cb would also serve /cbx and /cb/x.
    try (LoopbackRedirectListener listener = LoopbackRedirectListener.start(
        URI.create("http://localhost:0/cb"), "s", Instant.now())) {
      HttpClient browser = HttpClient.newHttpClient();
      URI root = listener.redirectUri().resolve("/");

      assertThat(get(browser, root.resolve("/cbx?code=other&state=s")).statusCode()).isEqualTo(404);
      assertThat(get(browser, root.resolve("/cb/x?code=other&state=s")).statusCode()).isEqualTo(404);
      assertThat(get(browser, URI.create(listener.redirectUri() + "?code=ok&state=s")).statusCode())
          .isEqualTo(200);
      assertThat(listener.awaitCode(Duration.ofSeconds(5))).isEqualTo("ok");
    }
  }

  @Test
  void awaitCode_whenNoRedirectArrives_timesOutWithPasteAdvice() {
    try (LoopbackRedirectListener listener = LoopbackRedirectListener.start(
        URI.create("http://localhost:0/cb"), "s", Instant.now())) {
      assertThatThrownBy(() -> listener.awaitCode(Duration.ofMillis(50)))
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("No login redirect arrived")
          .hasMessageContaining("completeFromRedirectUrl");
    }
  }

  @Test
  void start_whenPortIsTaken_pointsAtThePasteFallback() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getLoopbackAddress())) {
      URI busy = URI.create("http://127.0.0.1:" + taken.getLocalPort() + "/cb");

      assertThatThrownBy(() -> LoopbackRedirectListener.start(busy, "s", Instant.now()))
          .isInstanceOf(io.postflow.api.PostFlowException.class)
          .hasMessageContaining("port " + taken.getLocalPort())
          .hasMessageContaining("completeFromRedirectUrl");
    }
  }

  @Test
  void start_whenRedirectIsNotLoopback_refusesWithConfigurationError() {
    assertThatThrownBy(() -> LoopbackRedirectListener.start(
        URI.create("https://10.1.2.3:8443/cb"), "s", Instant.now()))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("must point at this machine");
  }

  @Test
  void loginWithLoopback_endToEnd_exchangesTheCodeTheBrowserBroughtBack() throws Exception {
    ims.stubFor(post(urlEqualTo(ImsClient.TOKEN_PATH)).willReturn(okJson(
        "{\"access_token\":\"A1\",\"refresh_token\":\"R1\",\"expires_in\":86399}")));
    InMemoryTokenStore store = InMemoryTokenStore.create();
    ImsAuthenticator auth = ImsAuthenticator.builder().imsBaseUri(URI.create(ims.baseUrl()))
        .clientId("cid").clientSecret("secret").redirectUri(HTTPS_ANY_PORT).tokenStore(store)
        .build();
    AtomicReference<URI> redirectSeen = new AtomicReference<>();

    AccessToken token = auth.loginWithLoopback(url -> {
      // Plays Adobe and the browser: read where to redirect, then follow it with a code.
      var query = ImsAuthenticatorTest.query(url);
      URI redirect = URI.create(query.get("redirect_uri"));
      redirectSeen.set(redirect);
      CompletableFuture.runAsync(() -> {
        try {
          HttpClient browser = HttpClient.newBuilder().sslContext(trustAll()).build();
          get(browser, URI.create(redirect + "?code=c0de&state=" + query.get("state")));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
    }, Duration.ofSeconds(10));

    assertThat(token.value()).isEqualTo("A1");
    assertThat(store.load().orElseThrow().refreshToken()).contains("R1");
    ims.verify(postRequestedFor(urlEqualTo(ImsClient.TOKEN_PATH))
        .withRequestBody(containing("code=c0de"))
        .withRequestBody(containing("redirect_uri=" + java.net.URLEncoder.encode(
            redirectSeen.get().toString(), java.nio.charset.StandardCharsets.UTF_8))));
  }

  /** The end-to-end test cannot reach the listener's certificate, like a user clicking through. */
  static SSLContext trustAll() throws Exception {
    javax.net.ssl.TrustManager trustAll = new javax.net.ssl.X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new javax.net.ssl.TrustManager[] {trustAll}, null);
    return context;
  }
}
