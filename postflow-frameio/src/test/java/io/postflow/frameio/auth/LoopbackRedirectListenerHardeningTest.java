package io.postflow.frameio.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.postflow.api.AccessToken;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The login listener is reachable by every local process and, through the browser, by every web
 * page the user has open: nothing but the browser's redirect for this login may settle it.
 */
class LoopbackRedirectListenerHardeningTest {
  static final URI HTTP_ANY_PORT = URI.create("http://localhost:0/cb");

  @RegisterExtension
  static WireMockExtension ims = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort()).build();

  final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void closeSockets() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
  }

  static HttpResponse<String> get(HttpClient client, URI uri) throws Exception {
    return LoopbackRedirectListenerTest.get(client, uri);
  }

  Socket connect(URI uri) throws IOException {
    Socket socket = new Socket();
    sockets.add(socket);
    socket.connect(new InetSocketAddress("127.0.0.1", uri.getPort()), 2000);
    socket.setSoTimeout(5000);
    return socket;
  }

  /** A raw request with the Host header given (the JDK client does not let a test set it). */
  String rawGet(URI redirect, String target, String host) throws IOException {
    try (Socket socket = connect(redirect)) {
      socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: " + host
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void aRequestWithAnotherState_getsAnErrorPage_andTheLoginKeepsWaiting() throws Exception {
    // One forged request (any web page can make the browser send it) must not end the login.
    try (LoopbackRedirectListener listener =
        LoopbackRedirectListener.start(HTTP_ANY_PORT, "expected", Instant.now())) {
      HttpClient browser = HttpClient.newHttpClient();

      HttpResponse<String> forged =
          get(browser, URI.create(listener.redirectUri() + "?code=attacker&state=forged"));
      assertThat(forged.statusCode()).isEqualTo(400);
      assertThat(forged.body()).contains("different 'state'");

      HttpResponse<String> real =
          get(browser, URI.create(listener.redirectUri() + "?code=real&state=expected"));
      assertThat(real.statusCode()).isEqualTo(200);
      assertThat(listener.awaitCode(Duration.ofSeconds(5))).isEqualTo("real");
    }
  }

  @Test
  void anErrorRedirectWithoutState_getsAnErrorPage_andTheLoginKeepsWaiting() throws Exception {
    try (LoopbackRedirectListener listener =
        LoopbackRedirectListener.start(HTTP_ANY_PORT, "expected", Instant.now())) {
      HttpClient browser = HttpClient.newHttpClient();

      HttpResponse<String> forged = get(browser, URI.create(listener.redirectUri()
          + "?error=access_denied&error_description=Call+555-0100"));
      assertThat(forged.statusCode()).isEqualTo(400);
      assertThat(forged.body()).doesNotContain("555-0100");

      assertThat(get(browser, URI.create(listener.redirectUri() + "?code=real&state=expected"))
          .statusCode()).isEqualTo(200);
      assertThat(listener.awaitCode(Duration.ofSeconds(5))).isEqualTo("real");
    }
  }

  @Test
  void aStalledConnection_doesNotKeepTheBrowsersRedirectWaiting() throws Exception {
    try (LoopbackRedirectListener listener =
        LoopbackRedirectListener.start(HTTP_ANY_PORT, "s", Instant.now())) {
      Socket stalled = connect(listener.redirectUri());
      stalled.getOutputStream().write("GET /cb?code=".getBytes(StandardCharsets.ISO_8859_1));
      stalled.getOutputStream().flush();

      long started = System.nanoTime();
      HttpResponse<String> page = get(HttpClient.newHttpClient(),
          URI.create(listener.redirectUri() + "?code=ok&state=s"));
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(1000);
      assertThat(listener.awaitCode(Duration.ofSeconds(1))).isEqualTo("ok");
    }
  }

  @Test
  void aStalledTlsHandshake_doesNotKeepTheBrowsersRedirectWaiting() throws Exception {
    try (LoopbackRedirectListener listener = LoopbackRedirectListener.start(
        LoopbackRedirectListenerTest.HTTPS_ANY_PORT, "s", Instant.now())) {
      Socket stalled = connect(listener.redirectUri());
      // A TLS record header announcing a 512-byte handshake message, and then nothing.
      stalled.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01});
      stalled.getOutputStream().flush();

      long started = System.nanoTime();
      HttpResponse<String> page = get(
          LoopbackRedirectListenerTest.trusting(listener.certificate().orElseThrow()),
          URI.create(listener.redirectUri() + "?code=ok&state=s"));
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(1000);
      assertThat(listener.awaitCode(Duration.ofSeconds(1))).isEqualTo("ok");
    }
  }

  @Test
  void aStalledConnection_isClosedAtTheRequestTimeout() throws Exception {
    try (LoopbackRedirectListener listener = LoopbackRedirectListener.start(
        LoopbackRedirectListenerTest.HTTPS_ANY_PORT, "s", Instant.now(), Duration.ofMillis(300))) {
      Socket stalled = connect(listener.redirectUri());
      stalled.getOutputStream().write(new byte[] {0x16, 0x03, 0x01});
      long started = System.nanoTime();

      int read;
      try {
        read = stalled.getInputStream().read();
      } catch (IOException reset) {
        read = -1;
      }
      assertThat(read).as("closed, nothing sent").isEqualTo(-1);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(200L, 3000L);
    }
  }

  @Test
  void loginWithLoopback_whenAForgedRedirectComesFirst_stillCompletesWithTheRealOne() {
    ims.stubFor(post(urlEqualTo(ImsClient.TOKEN_PATH)).willReturn(okJson(
        "{\"access_token\":\"A1\",\"refresh_token\":\"R1\",\"expires_in\":86399}")));
    ImsAuthenticator auth = ImsAuthenticator.builder().imsBaseUri(URI.create(ims.baseUrl()))
        .clientId("cid").clientSecret("secret").redirectUri(LoopbackRedirectListenerTest.HTTPS_ANY_PORT)
        .tokenStore(InMemoryTokenStore.create()).build();

    AccessToken token = auth.loginWithLoopback(url -> {
      var query = ImsAuthenticatorTest.query(url);
      URI redirect = URI.create(query.get("redirect_uri"));
      CompletableFuture.runAsync(() -> {
        try {
          HttpClient browser = LoopbackRedirectListenerTest.acceptingTheCertificateWarning();
          get(browser, URI.create(redirect + "?error=access_denied")); // another page's doing
          get(browser, URI.create(redirect + "?code=evil&state=guess"));
          get(browser, URI.create(redirect + "?code=c0de&state=" + query.get("state")));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
    }, Duration.ofSeconds(10));

    assertThat(token.value()).isEqualTo("A1");
    ims.verify(1, postRequestedFor(urlEqualTo(ImsClient.TOKEN_PATH))
        .withRequestBody(containing("code=c0de")));
    ims.verify(0, postRequestedFor(urlEqualTo(ImsClient.TOKEN_PATH))
        .withRequestBody(containing("code=evil")));
  }

  @Test
  void aRequestForAnotherHost_isRefused_andTheLoginKeepsWaiting() throws Exception {
    // DNS rebinding: a page at attacker.example resolved to 127.0.0.1 talks to the listener with
    // its own name in Host. Only the redirect URI's host and port are this listener's.
    try (LoopbackRedirectListener listener =
        LoopbackRedirectListener.start(HTTP_ANY_PORT, "s", Instant.now())) {
      int port = listener.redirectUri().getPort();

      String rebound = rawGet(listener.redirectUri(), "/cb?code=evil&state=s",
          "attacker.example:" + port);
      assertThat(rebound).startsWith("HTTP/1.1 421");
      assertThat(rawGet(listener.redirectUri(), "/cb?code=evil&state=s", "127.0.0.1:" + port))
          .as("the redirect URI says localhost").startsWith("HTTP/1.1 421");
      assertThat(rawGet(listener.redirectUri(), "/cb?code=evil&state=s", "localhost"))
          .as("port missing").startsWith("HTTP/1.1 421");

      assertThat(rawGet(listener.redirectUri(), "/cb?code=real&state=s", "LocalHost:" + port))
          .startsWith("HTTP/1.1 200");
      assertThat(listener.awaitCode(Duration.ofSeconds(1))).isEqualTo("real");
    }
  }
}
