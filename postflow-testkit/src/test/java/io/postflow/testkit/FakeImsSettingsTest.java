package io.postflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fake IMS's settings: defaults and the validation in build(). */
class FakeImsSettingsTest {

  @Test
  void sandboxDefaults_haveImsLifetimesAndRegisteredHttpsLoopbackRedirectsOnly() {
    ImsSettings s = ImsSettings.sandboxDefaults();

    assertThat(s.accessTokenTtl()).isEqualTo(Duration.ofHours(24));
    assertThat(s.refreshTokenTtl()).isEqualTo(Duration.ofDays(14));
    ImsSettings.Client web = s.client(ImsSettings.SANDBOX_CLIENT_ID).orElseThrow();
    assertThat(web.allowsRedirect("https://localhost:8443/callback")).isTrue();
    assertThat(web.allowsRedirect("https://127.0.0.1:51234/callback")).isTrue();
    assertThat(web.allowsRedirect("http://127.0.0.1:51234/callback")).isFalse(); // Adobe: HTTPS only
    assertThat(web.allowsRedirect("https://localhost:8443/callback?x=1")).isFalse(); // exact match
    assertThat(web.allowsRedirect("https://localhost:8443/other")).isFalse();
    assertThat(web.allowsRedirect("https://127a0a0a1:8443/callback")).isFalse();
    assertThat(web.allowsRedirect("https://localhost.attacker.example/cb")).isFalse();
    assertThat(s.client(ImsSettings.SANDBOX_S2S_CLIENT_ID).orElseThrow().kind())
        .isEqualTo(ImsSettings.ClientKind.SERVER_TO_SERVER);
    assertThat(s.client("nobody")).isEmpty();
    assertThat(s.client(null)).isEmpty();
  }

  @Test
  void toString_neverShowsASecret() {
    assertThat(ImsSettings.sandboxDefaults().toString())
        .contains(ImsSettings.SANDBOX_CLIENT_ID)
        .doesNotContain(ImsSettings.SANDBOX_CLIENT_SECRET)
        .doesNotContain(ImsSettings.SANDBOX_S2S_CLIENT_SECRET);
  }

  @Test
  void build_namesEveryCulprit() {
    ImsSettings.Builder b = ImsSettings.builder()
        .webAppClient("web", "", List.of(), Set.of("openid"))
        .webAppClient("web", "x", List.of("https://localhost:8443/callback"), Set.of("openid"))
        .webAppClient("plain", "secret", List.of("http://localhost:8443/callback"), Set.of("openid"))
        .webAppClient("regex", "secret", List.of("https://localhost:(8443/callback"), Set.of("openid"))
        .serverToServerClient("s2s", "secret", Set.of())
        .webAppClient("ftp", "secret", List.of("ftp://host/"), Set.of("openid"))
        .accessTokenTtl(Duration.ZERO)
        .refreshTokenTtl(Duration.ofSeconds(-1));

    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("client 'web' is registered twice")
        .hasMessageContaining("client 'web': secret must not be empty")
        .hasMessageContaining("client 'web': a Web App client needs at least one redirect URI pattern")
        .hasMessageContaining("client 'plain': redirect URI pattern 'http://localhost:8443/callback' must start with https://")
        .hasMessageContaining("client 'regex': redirect URI pattern 'https://localhost:(8443/callback' is not a regular expression")
        .hasMessageContaining("client 's2s': scopes must be non-empty")
        .hasMessageContaining("redirect URI pattern 'ftp://host/' must start with https://")
        .hasMessageContaining("'accessTokenTtl' must be positive")
        .hasMessageContaining("'refreshTokenTtl' must be positive");
  }

  @Test
  void build_withoutClients_isRefused() {
    assertThatThrownBy(() -> ImsSettings.builder().build())
        .hasMessageContaining("at least one client must be registered");
  }

  @Test
  void customLifetimes_areUsedByTheFake() {
    ManualClock clock = ManualClock.at(java.time.Instant.EPOCH);
    FakeIms ims = new FakeIms(clock, ImsSettings.builder()
        .serverToServerClient("s", "secret", Set.of("openid"))
        .accessTokenTtl(Duration.ofMinutes(1)).build());
    String token = ims.issueAccessToken(Duration.ofSeconds(30));

    clock.advance(Duration.ofSeconds(30));

    assertThat(ims.isValidAccessToken(token)).isFalse();
    assertThatThrownBy(() -> ims.issueAccessToken(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl must be positive");
  }
}
