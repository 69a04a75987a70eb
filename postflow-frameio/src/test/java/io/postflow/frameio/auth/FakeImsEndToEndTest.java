package io.postflow.frameio.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.AccessToken;
import io.postflow.api.AuthenticationException;
import io.postflow.testkit.FrameioSandbox;
import io.postflow.testkit.ManualClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The web-app flow and refresh-token rotation against postflow-testkit's fake Adobe IMS. */
class FakeImsEndToEndTest {
  final ManualClock clock = ManualClock.at(Instant.parse("2026-03-01T10:00:00Z"));
  /** The browser: the user accepted the loopback listener's certificate warning. */
  final HttpClient http = LoopbackRedirectListenerTest.acceptingTheCertificateWarning();
  final InMemoryTokenStore store = InMemoryTokenStore.create();
  FrameioSandbox sandbox;

  @BeforeEach
  void start() {
    sandbox = FrameioSandbox.builder().clock(clock).start();
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  ImsAuthenticator.Builder webApp() {
    return ImsAuthenticator.builder().imsBaseUri(sandbox.imsBaseUri())
        .clientId(sandbox.clientId()).clientSecret(sandbox.clientSecret())
        .redirectUri(URI.create("https://localhost:0/callback")).clock(clock).tokenStore(store)
        .sleeper(new RecordingSleeper());
  }

  /** Plays the browser: asks IMS to authorize and follows its redirect to the listener. */
  void browse(URI authorizationUrl) {
    CompletableFuture.runAsync(() -> {
      try {
        HttpResponse<String> authorize = http.send(HttpRequest.newBuilder(authorizationUrl).build(),
            HttpResponse.BodyHandlers.ofString());
        URI location = URI.create(authorize.headers().firstValue("Location").orElseThrow(
            () -> new IllegalStateException("IMS answered " + authorize.statusCode()
                + " without a redirect: " + authorize.body())));
        http.send(HttpRequest.newBuilder(location).build(), HttpResponse.BodyHandlers.ofString());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Test
  void webAppLogin_thenRefreshes_rotateTheRefreshToken_andTheOldOneIsDead() {
    ImsAuthenticator auth = webApp().build();

    AccessToken first = auth.loginWithLoopback(this::browse, Duration.ofSeconds(10));
    String firstRefresh = store.load().orElseThrow().refreshToken().orElseThrow();
    assertThat(auth.token()).isEqualTo(first);

    clock.advance(Duration.ofHours(23).plusMinutes(56)); // inside the 5-minute skew
    AccessToken second = auth.token();
    String secondRefresh = store.load().orElseThrow().refreshToken().orElseThrow();
    assertThat(second.value()).isNotEqualTo(first.value());
    assertThat(secondRefresh).isNotEqualTo(firstRefresh);

    AccessToken third = auth.refresh(second);
    assertThat(third.value()).isNotEqualTo(second.value());
    assertThat(store.load().orElseThrow().refreshToken()).isNotEqualTo(java.util.Optional.of(secondRefresh));

    // Somebody holding the first refresh token (an old backup of the store) is refused.
    InMemoryTokenStore stale = InMemoryTokenStore.of(
        StoredCredentials.builder().refreshToken(firstRefresh).build());
    assertThatThrownBy(() -> webApp().tokenStore(stale).build().token())
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("Log in again");
  }

  @Test
  void revoke_makesTheRefreshTokenUseless() {
    ImsAuthenticator auth = webApp().build();
    auth.loginWithLoopback(this::browse, Duration.ofSeconds(10));
    String refresh = store.load().orElseThrow().refreshToken().orElseThrow();

    auth.revoke();

    assertThat(store.load()).isEmpty();
    InMemoryTokenStore copy = InMemoryTokenStore.of(
        StoredCredentials.builder().refreshToken(refresh).build());
    assertThatThrownBy(() -> webApp().tokenStore(copy).build().token())
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("invalid_grant");
  }

  @Test
  void afterRefreshTokenLifetime_saysLogInAgain() {
    ImsAuthenticator auth = webApp().build();
    auth.loginWithLoopback(this::browse, Duration.ofSeconds(10));

    clock.advance(Duration.ofDays(15));

    assertThatThrownBy(auth::token).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("Log in again: run the OAuth login example");
  }

  @Test
  void serverToServer_getsATokenFromTheFake() {
    // The fake IMS registers this server-to-server client; the sandbox publishes its credentials.
    ServerToServerAuthenticator auth = ServerToServerAuthenticator.builder()
        .imsBaseUri(sandbox.imsBaseUri()).clientId(sandbox.serverToServerClientId())
        .clientSecret(sandbox.serverToServerClientSecret()).clock(clock).build();

    AccessToken token = auth.token();

    assertThat(token.expiresAt()).isAfter(clock.instant().plus(Duration.ofHours(23)));
    assertThat(auth.token()).isSameAs(token);
  }
}
