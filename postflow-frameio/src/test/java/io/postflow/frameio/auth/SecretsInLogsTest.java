package io.postflow.frameio.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.postflow.testkit.ManualClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Runs every auth flow with TRACE logging and checks no secret shows up anywhere. */
class SecretsInLogsTest {
  static final String CLIENT_SECRET = "CLIENTSECRET-9f2a";
  static final String CODE = "AUTHCODE-77e1";
  static final String[] TOKENS = {"ACCESS-1-c0ffee", "REFRESH-1-beef", "ACCESS-2-f00d",
      "REFRESH-2-cafe"};

  @RegisterExtension
  static WireMockExtension ims = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  @Test
  void loginRefreshFailureAndRevoke_neverLogOrThrowASecret() {
    ims.stubFor(post(urlEqualTo(ImsClient.TOKEN_PATH)).withRequestBody(containing("grant_type=authorization_code"))
        .willReturn(okJson("{\"access_token\":\"ACCESS-1-c0ffee\",\"refresh_token\":\"REFRESH-1-beef\",\"expires_in\":3600}")));
    ims.stubFor(post(urlEqualTo(ImsClient.TOKEN_PATH)).withRequestBody(containing("REFRESH-1-beef"))
        .willReturn(okJson("{\"access_token\":\"ACCESS-2-f00d\",\"refresh_token\":\"REFRESH-2-cafe\",\"expires_in\":3600}")));
    ims.stubFor(post(urlEqualTo(ImsClient.TOKEN_PATH)).withRequestBody(containing("REFRESH-2-cafe"))
        .willReturn(aResponse().withStatus(400).withBody("{\"error\":\"invalid_grant\","
            + "\"error_description\":\"token REFRESH-2-cafe was revoked by CLIENTSECRET-9f2a\"}")));
    ims.stubFor(post(urlEqualTo(ImsClient.REVOKE_PATH)).willReturn(aResponse().withStatus(200)));
    ManualClock clock = ManualClock.at(Instant.parse("2026-03-01T10:00:00Z"));
    List<String> visible = new ArrayList<>();
    String logs;

    try (LogCapture capture = LogCapture.atTrace(ImsAuthenticator.class, ImsClient.class,
        FileTokenStore.class, LoopbackRedirectListener.class, ServerToServerAuthenticator.class)) {
      ImsAuthenticator auth = ImsAuthenticator.builder().imsBaseUri(URI.create(ims.baseUrl()))
          .clientId("client-id").clientSecret(CLIENT_SECRET)
          .redirectUri(URI.create("https://localhost:8443/cb")).clock(clock)
          .tokenStore(FileTokenStore.of(dir.resolve("ims.json"))).build();
      LoginRequest login = auth.beginLogin();
      visible.add(login.toString());
      visible.add(auth.completeFromRedirectUrl(
          "https://localhost:8443/cb?code=" + CODE + "&state=" + login.state()).toString());
      clock.advance(Duration.ofMinutes(56));
      visible.add(auth.token().toString());
      clock.advance(Duration.ofMinutes(56));
      visible.add(catchThrowable(auth::token).toString());
      visible.add(catchThrowable(auth::token).toString());
      visible.add(catchThrowable(() -> auth.completeFromRedirectUrl(login,
          "https://localhost:8443/cb?code=" + CODE + "&state=wrong")).toString());
      visible.add(auth.toString());
      auth.revoke();
      logs = capture.text();
      assertThat(logs).as("the capture must see the debug flow").contains("Refreshed the IMS access token")
          .contains("-> HTTP 400");
      for (String text : visible) {
        assertThat(text).doesNotContain(CLIENT_SECRET, CODE, login.codeVerifier())
            .doesNotContain(TOKENS);
      }
      assertThat(logs).doesNotContain(CLIENT_SECRET, CODE, login.codeVerifier())
          .doesNotContain(TOKENS);
    }
  }
}
