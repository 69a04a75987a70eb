package io.postflow.frameio.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.postflow.api.AccessToken;
import io.postflow.api.AuthenticationException;
import io.postflow.api.ConfigurationException;
import io.postflow.frameio.ServeEvents;
import io.postflow.testkit.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OtherAuthenticatorsTest {
  static final String TOKEN = ImsClient.TOKEN_PATH;

  @RegisterExtension
  static WireMockExtension ims = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort()).build();

  final ManualClock clock = ManualClock.at(Instant.parse("2026-03-01T10:00:00Z"));

  ServerToServerAuthenticator.Builder s2s() {
    return ServerToServerAuthenticator.builder().imsBaseUri(URI.create(ims.baseUrl()))
        .clientId("s2s-id").clientSecret("s2s-secret").clock(clock).sleeper(new RecordingSleeper());
  }

  @Test
  void serverToServer_sendsClientCredentialsForm_andCachesUntilNearExpiry() {
    ims.stubFor(post(urlEqualTo(TOKEN)).willReturn(okJson(
        "{\"access_token\":\"S1\",\"token_type\":\"bearer\",\"expires_in\":86399}")));
    ServerToServerAuthenticator auth = s2s().build();

    assertThat(auth.token().value()).isEqualTo("S1");
    assertThat(auth.token().value()).isEqualTo("S1");
    ims.verify(1, postRequestedFor(urlEqualTo(TOKEN)));
    LoggedRequest request = ServeEvents.latest(ims::getAllServeEvents).getRequest();
    assertThat(ImsAuthenticatorTest.form(request)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "grant_type", "client_credentials", "client_id", "s2s-id", "client_secret", "s2s-secret",
        "scope", "openid,AdobeID,frame.s2s.all"));
    assertThat(request.getHeader("Authorization")).isNull();

    clock.advance(Duration.ofHours(23).plusMinutes(56));
    auth.token();
    ims.verify(2, postRequestedFor(urlEqualTo(TOKEN)));
  }

  @Test
  void serverToServer_whenTokenLivesShorterThanTheSkew_renewsHalfwayInsteadOfOnEveryCall() {
    ims.stubFor(post(urlEqualTo(TOKEN)).willReturn(okJson(
        "{\"access_token\":\"S1\",\"expires_in\":60}")));
    ServerToServerAuthenticator auth = s2s().build(); // skew 5 minutes

    auth.token();
    auth.token();
    clock.advance(Duration.ofSeconds(29));
    auth.token();
    ims.verify(1, postRequestedFor(urlEqualTo(TOKEN)));

    clock.advance(Duration.ofSeconds(1));
    auth.token();
    ims.verify(2, postRequestedFor(urlEqualTo(TOKEN)));
  }

  @Test
  void serverToServer_refresh_fetchesOncePerRejectedToken() {
    ims.stubFor(post(urlEqualTo(TOKEN)).willReturn(okJson(
        "{\"access_token\":\"S1\",\"expires_in\":86399}")));
    ServerToServerAuthenticator auth = s2s().build();
    AccessToken first = auth.token();
    clock.advance(Duration.ofSeconds(1));

    AccessToken second = auth.refresh(first);
    auth.refresh(first);

    assertThat(second.value()).isEqualTo("S1");
    assertThat(second.expiresAt()).isAfter(first.expiresAt());
    ims.verify(2, postRequestedFor(urlEqualTo(TOKEN)));
    assertThat(auth.toString()).contains("s2s-id").doesNotContain("s2s-secret");
  }

  @Test
  void serverToServer_whenClientUnknown_saysWhatToCheck() {
    ims.stubFor(post(urlEqualTo(TOKEN)).willReturn(aResponse().withStatus(400).withBody(
        "{\"error\":\"invalid_client\",\"error_description\":\"invalid client_secret parameter\"}")));

    assertThatThrownBy(() -> s2s().build().token()).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("server-to-server token request")
        .hasMessageContaining("Server-to-Server) credential")
        .hasMessageNotContaining("s2s-secret");
  }

  @Test
  void serverToServer_build_namesMissingSetting() {
    assertThatThrownBy(() -> s2s().clientSecret(null).build())
        .isInstanceOf(ConfigurationException.class).hasMessage("'clientSecret' is required");
    assertThatThrownBy(() -> s2s().imsBaseUri(URI.create("ftp://x")).build())
        .hasMessageContaining("'imsBaseUri' must be an absolute http(s) URI");
    assertThatThrownBy(() -> s2s().scopes(java.util.List.of(" ")).build())
        .hasMessageContaining("'scopes' must not be empty");
  }

  @Test
  void staticToken_handsOutItsToken_andRefreshExplainsWhatToDo() {
    StaticTokenAuthenticator auth = StaticTokenAuthenticator.of("fixed-token");

    assertThat(auth.token().value()).isEqualTo("fixed-token");
    assertThatThrownBy(() -> auth.refresh(auth.token()))
        .isInstanceOfSatisfying(AuthenticationException.class,
            e -> assertThat(e.remedy()).contains("Supply a new token"))
        .hasMessageNotContaining("fixed-token");
    assertThat(auth.toString()).doesNotContain("fixed-token");
  }

  @Test
  void staticToken_afterItsExpiry_isRefused() {
    StaticTokenAuthenticator auth = StaticTokenAuthenticator.of(
        AccessToken.of("t", clock.instant().plusSeconds(60)), clock);
    assertThat(auth.token().value()).isEqualTo("t");

    clock.advance(Duration.ofMinutes(2));

    assertThatThrownBy(auth::token).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("expired at 2026-03-01T10:01:00Z");
  }

  @Test
  void frameio401_whenUserNotLinked_explainsHowToLinkTheAdobeId() {
    AuthenticationException e = AuthErrors.fromFrameio401(
        "{\"errors\":[{\"detail\":\"Your Frame user is not linked to an Adobe ID\"}]}");

    assertThat(e.getMessage()).contains("Your Frame user is not linked to an Adobe ID");
    assertThat(e.remedy()).contains("next.frame.io").contains("Adobe ID");
  }

  @Test
  void frameio401_otherBodies_adviseLoggingInAgain() {
    assertThat(AuthErrors.fromFrameio401("{\"message\":\"Token expired\"}").getMessage())
        .contains("Token expired").contains("Log in again");
    assertThat(AuthErrors.fromFrameio401("Unauthorized\n").getMessage())
        .contains("401 Unauthorized even after a token refresh: Unauthorized");
    assertThat(AuthErrors.fromFrameio401(null).getMessage())
        .startsWith("Frame.io answered 401 Unauthorized even after a token refresh. ");
    assertThat(AuthErrors.fromFrameio401("not linked to an Adobe ID").remedy())
        .contains("next.frame.io");
  }
}
