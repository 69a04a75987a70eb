package io.postflow.frameio.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.postflow.api.AccessToken;
import io.postflow.api.AuthenticationException;
import io.postflow.api.ConfigurationException;
import io.postflow.api.PostFlowException;
import io.postflow.api.ServiceException;
import io.postflow.frameio.ServeEvents;
import io.postflow.testkit.ManualClock;
import io.postflow.testkit.ManualTime;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ImsAuthenticatorTest {
  static final String TOKEN = ImsClient.TOKEN_PATH;
  static final String SECRET = "s3cr3t-client-value";
  static final URI REDIRECT = URI.create("https://localhost:8443/callback");

  @RegisterExtension
  static WireMockExtension ims = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort()).build();

  /** Retries "sleep" by moving the clock, through the builder's public clock and sleeper. */
  final ManualTime time = ManualTime.startingAt(Instant.parse("2026-03-01T10:00:00Z"));
  final ManualClock clock = time.clock();
  final InMemoryTokenStore store = InMemoryTokenStore.create();

  ImsAuthenticator.Builder builder() {
    return ImsAuthenticator.builder().imsBaseUri(URI.create(ims.baseUrl())).clientId("client-1")
        .clientSecret(SECRET).redirectUri(REDIRECT).clock(clock).sleeper(time.sleeper())
        .tokenStore(store);
  }

  static String tokens(String access, String refresh) {
    return "{\"access_token\":\"" + access + "\",\"refresh_token\":\"" + refresh
        + "\",\"token_type\":\"bearer\",\"expires_in\":86399}";
  }

  /** IMS answers refresh token R1 with A2/R2 and R2 with A3/R3. */
  static void stubRotation() {
    ims.stubFor(post(urlEqualTo(TOKEN)).withRequestBody(containing("refresh_token=R1"))
        .willReturn(okJson(tokens("A2", "R2"))));
    ims.stubFor(post(urlEqualTo(TOKEN)).withRequestBody(containing("refresh_token=R2"))
        .willReturn(okJson(tokens("A3", "R3"))));
  }

  void storeRefreshToken(String refresh, AccessToken access) {
    StoredCredentials.Builder credentials = StoredCredentials.builder().refreshToken(refresh);
    if (access != null) {
      credentials.accessToken(access);
    }
    store.save(credentials.build());
  }

  static Map<String, String> form(LoggedRequest request) {
    Map<String, String> form = new HashMap<>();
    for (String pair : request.getBodyAsString().split("&")) {
      String[] kv = pair.split("=", 2);
      form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return form;
  }

  static Map<String, String> query(URI uri) {
    Map<String, String> query = new HashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return query;
  }

  /** Runs {@code call} on {@code threads} threads released together; returns their results. */
  static List<AccessToken> inParallel(int threads, Callable<AccessToken> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<AccessToken>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(pool.submit(() -> {
          start.await();
          return call.call();
        }));
      }
      start.countDown();
      List<AccessToken> results = new ArrayList<>();
      for (Future<AccessToken> future : futures) {
        results.add(future.get(10, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void beginLogin_buildsAuthorizationUrlWithStateAndS256Challenge() {
    ImsAuthenticator auth = builder().build();
    LoginRequest login = auth.beginLogin();

    URI url = login.authorizationUrl();
    assertThat(url.getPath()).isEqualTo("/ims/authorize/v2");
    Map<String, String> query = query(url);
    assertThat(query).containsEntry("client_id", "client-1")
        .containsEntry("redirect_uri", REDIRECT.toString())
        .containsEntry("response_type", "code")
        .containsEntry("code_challenge_method", "S256")
        .containsEntry("state", login.state())
        .containsEntry("code_challenge", Pkce.challengeOf(login.codeVerifier()))
        .containsEntry("scope", "openid,profile,offline_access,additional_info.roles,email");
    assertThat(login.codeVerifier()).hasSize(43);
    assertThat(auth.beginLogin().state()).isNotEqualTo(login.state());
    assertThat(login.toString()).doesNotContain(login.codeVerifier());
  }

  @Test
  void pkce_matchesRfc7636AppendixBVector() {
    assertThat(Pkce.challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
        .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  }

  @Test
  void completeFromRedirectUrl_exchangesCodeWithBasicAuthAndVerifier_andStoresRefreshToken() {
    ims.stubFor(post(urlEqualTo(TOKEN)).willReturn(okJson(tokens("A1", "R1"))));
    ImsAuthenticator auth = builder().build();
    LoginRequest login = auth.beginLogin();

    AccessToken token = auth.completeFromRedirectUrl(
        REDIRECT + "?code=the%2Dcode&state=" + login.state());

    assertThat(token.value()).isEqualTo("A1");
    assertThat(token.expiresAt()).isEqualTo(clock.instant().plusSeconds(86399));
    LoggedRequest request = ServeEvents.latest(ims::getAllServeEvents).getRequest();
    assertThat(request.getHeader("Authorization")).isEqualTo("Basic "
        + Base64.getEncoder().encodeToString(("client-1:" + SECRET).getBytes(StandardCharsets.UTF_8)));
    assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(form(request)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "grant_type", "authorization_code", "code", "the-code",
        "redirect_uri", REDIRECT.toString(), "code_verifier", login.codeVerifier()));
    assertThat(store.load().orElseThrow().refreshToken()).contains("R1");
    assertThat(auth.token().value()).isEqualTo("A1");
    assertThat(ims.getAllServeEvents()).hasSize(1);
  }

  @Test
  void completeFromRedirectUrl_whenStateDiffers_refusesWithoutCallingIms() {
    ImsAuthenticator auth = builder().build();
    LoginRequest login = auth.beginLogin();

    assertThatThrownBy(() -> auth.completeFromRedirectUrl(login, REDIRECT + "?code=c&state=other"))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("different 'state'")
        .satisfies(e -> assertThat(((AuthenticationException) e).remedy()).contains("login again"));
    assertThat(ims.getAllServeEvents()).isEmpty();
  }

  @Test
  void completeFromRedirectUrl_whenErrorRedirect_explainsIt() {
    ImsAuthenticator auth = builder().build();
    LoginRequest login = auth.beginLogin();

    assertThatThrownBy(() -> auth.completeFromRedirectUrl(login, REDIRECT
        + "?error=access_denied&error_description=User+cancelled&state=" + login.state()))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("access_denied (User cancelled)")
        .hasMessageContaining("allow PostFlow access");
  }

  @Test
  void completeFromRedirectUrl_whenPasteIsNotARedirect_saysWhatToPaste() {
    ImsAuthenticator auth = builder().build();
    LoginRequest login = auth.beginLogin();

    assertThatThrownBy(() -> auth.completeFromRedirectUrl(login, "hello world"))
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("not a URL")
        .hasMessageContaining("address bar");
    assertThatThrownBy(() -> auth.completeFromRedirectUrl(login, REDIRECT + "?foo=1"))
        .hasMessageContaining("neither a 'code' nor an 'error'");
    assertThatThrownBy(() -> builder().build().completeFromRedirectUrl(REDIRECT + "?code=x"))
        .hasMessageContaining("No login was started");
  }

  @Test
  void token_whenStoredAccessTokenFresh_usesItWithoutCallingIms() {
    storeRefreshToken("R1", AccessToken.of("A0", clock.instant().plus(Duration.ofHours(2))));

    assertThat(builder().build().token().value()).isEqualTo("A0");
    assertThat(ims.getAllServeEvents()).isEmpty();
  }

  @Test
  void token_whenExpiringWithinSkew_refreshesAndRotatesRefreshToken() {
    storeRefreshToken("R1", AccessToken.of("A0", clock.instant().plus(Duration.ofMinutes(4))));
    stubRotation();
    ImsAuthenticator auth = builder().build();

    assertThat(auth.token().value()).isEqualTo("A2");
    assertThat(store.load().orElseThrow().refreshToken()).contains("R2");
    assertThat(store.load().orElseThrow().accessToken().map(AccessToken::value)).contains("A2");
    clock.advance(Duration.ofHours(23).plusMinutes(56));
    assertThat(auth.token().value()).isEqualTo("A3");

    List<LoggedRequest> requests = ims.findAll(postRequestedFor(urlEqualTo(TOKEN)));
    assertThat(requests).hasSize(2);
    assertThat(form(requests.get(0))).containsEntry("grant_type", "refresh_token")
        .containsEntry("refresh_token", "R1");
    assertThat(form(requests.get(1))).containsEntry("refresh_token", "R2");
    assertThat(store.load().orElseThrow().refreshToken()).contains("R3");
  }

  @Test
  void refresh_recordsTheIssuerAndClient_andKeepsTheAccountAcrossRotations() {
    store.save(StoredCredentials.builder().refreshToken("R1").account("ana@studio.example").build());
    stubRotation();

    builder().build().token();

    StoredCredentials saved = store.load().orElseThrow();
    assertThat(saved.refreshToken()).contains("R2");
    assertThat(saved.account()).contains("ana@studio.example");
    assertThat(saved.clientId()).contains("client-1");
    assertThat(saved.issuer()).contains(URI.create(ims.baseUrl()).toString());
  }

  @Test
  void token_when16ThreadsAskForAnExpiredToken_refreshesExactlyOnce() throws Exception {
    storeRefreshToken("R1", AccessToken.of("A0", clock.instant().minusSeconds(1)));
    ims.stubFor(post(urlEqualTo(TOKEN))
        .willReturn(okJson(tokens("A2", "R2")).withFixedDelay(150)));
    ImsAuthenticator auth = builder().build();
    List<AccessToken> results = inParallel(16, () -> auth.token());

    assertThat(results).hasSize(16).allSatisfy(t -> assertThat(t.value()).isEqualTo("A2"));
    ims.verify(1, postRequestedFor(urlEqualTo(TOKEN)));
  }

  @Test
  void refresh_whenSameRejectedTokenReportedTwice_refreshesOnce() {
    storeRefreshToken("R1", AccessToken.of("A0", clock.instant().plus(Duration.ofHours(2))));
    stubRotation();
    ImsAuthenticator auth = builder().build();
    AccessToken rejected = auth.token();

    assertThat(auth.refresh(rejected).value()).isEqualTo("A2");
    assertThat(auth.refresh(rejected).value()).isEqualTo("A2");
    ims.verify(1, postRequestedFor(urlEqualTo(TOKEN)));
    assertThat(auth.refresh(auth.token()).value()).isEqualTo("A3");
    ims.verify(2, postRequestedFor(urlEqualTo(TOKEN)));
  }

  @Test
  void refresh_whenAnotherAuthenticatorOnTheSameStoreRotatedTheRefreshToken_neverSendsTheOldOne() {
    // Two clients built with the default store share one file: the second must not send R1 again
    // once the first has rotated it (IMS refuses it, and may revoke the whole family).
    storeRefreshToken("R1", AccessToken.of("A0", clock.instant().plus(Duration.ofHours(2))));
    stubRotation();
    ImsAuthenticator first = builder().build();
    ImsAuthenticator second = builder().build();
    AccessToken seenBySecond = second.token();
    assertThat(first.refresh(first.token()).value()).isEqualTo("A2");

    assertThat(second.refresh(seenBySecond).value()).isEqualTo("A3");

    List<LoggedRequest> requests = ims.findAll(postRequestedFor(urlEqualTo(TOKEN)));
    assertThat(requests).extracting(r -> form(r).get("refresh_token")).containsExactly("R1", "R2");
    assertThat(store.load().orElseThrow().refreshToken()).contains("R3");
  }

  @Test
  void refresh_when16ThreadsReportTheSameRejectedToken_refreshesOnce() throws Exception {
    storeRefreshToken("R1", AccessToken.of("A0", clock.instant().plus(Duration.ofHours(2))));
    ims.stubFor(post(urlEqualTo(TOKEN)).willReturn(okJson(tokens("A2", "R2")).withFixedDelay(100)));
    ImsAuthenticator auth = builder().build();
    AccessToken rejected = auth.token();
    List<AccessToken> results = inParallel(16, () -> auth.refresh(rejected));

    assertThat(results).hasSize(16).allSatisfy(t -> assertThat(t.value()).isEqualTo("A2"));
    ims.verify(1, postRequestedFor(urlEqualTo(TOKEN)));
  }

  @Test
  void token_whenRefreshTokenExpired_saysLogInAgain_andDoesNotRetryIt() {
    storeRefreshToken("R-old", null);
    ims.stubFor(post(urlEqualTo(TOKEN)).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"refresh token R-old expired\"}")));
    ImsAuthenticator auth = builder().build();

    assertThatThrownBy(auth::token).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("invalid_grant")
        .hasMessageContaining("refresh token expired")
        .hasMessageContaining("Log in again: run the OAuth login example")
        .hasMessageNotContaining("R-old");
    assertThatThrownBy(auth::token).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("Log in again");
    ims.verify(1, postRequestedFor(urlEqualTo(TOKEN)));
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void token_whenCallerInterrupted_throwsAndKeepsTheInterruptFlag() {
    storeRefreshToken("R1", null);
    ims.stubFor(post(urlEqualTo(TOKEN)).willReturn(okJson(tokens("A2", "R2"))));
    ImsAuthenticator auth = builder().build();

    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(auth::token).isExactlyInstanceOf(PostFlowException.class)
          .hasMessageContaining("Interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(auth.token().value()).isEqualTo("A2");
  }

  @Test
  void revoke_whenImsUnreachable_stillForgetsLocally_andReportsTheFailure() {
    storeRefreshToken("R1", null);
    ims.stubFor(post(urlEqualTo(ImsClient.REVOKE_PATH)).willReturn(aResponse().withStatus(503)));
    ImsAuthenticator auth = builder().maxAttempts(1).build();

    assertThatThrownBy(auth::revoke).isInstanceOf(ServiceException.class)
        .hasMessageContaining("/ims/revoke");
    assertThat(store.load()).isEmpty();
  }

  @Test
  void token_whenNeverLoggedIn_saysHowToLogIn() {
    assertThatThrownBy(() -> builder().build().token()).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("Not logged in").hasMessageContaining("run the OAuth login example");
    assertThat(ims.getAllServeEvents()).isEmpty();
  }

  @Test
  void token_whenImsAnswers500Twice_retriesWithBackoffThenSucceeds() {
    storeRefreshToken("R1", null);
    ims.stubFor(post(urlEqualTo(TOKEN)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(500)).willSetStateTo("second"));
    ims.stubFor(post(urlEqualTo(TOKEN)).inScenario("flaky").whenScenarioStateIs("second")
        .willReturn(aResponse().withStatus(503)).willSetStateTo("third"));
    ims.stubFor(post(urlEqualTo(TOKEN)).inScenario("flaky").whenScenarioStateIs("third")
        .willReturn(okJson(tokens("A2", "R2"))));

    assertThat(builder().build().token().value()).isEqualTo("A2");
    ims.verify(3, postRequestedFor(urlEqualTo(TOKEN))
        .withRequestBody(containing("refresh_token=R1")));
    assertThat(time.sleeps()).hasSize(2);
    assertThat(time.sleeps().get(0)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
    assertThat(time.sleeps().get(1)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
  }

  @Test
  void token_whenImsKeepsFailing_throwsRetryableServiceExceptionAfterMaxAttempts() {
    storeRefreshToken("R1", null);
    ims.stubFor(post(urlEqualTo(TOKEN)).willReturn(aResponse().withStatus(502)
        .withHeader("x-request-id", "req-77")));

    assertThatThrownBy(() -> builder().maxAttempts(3).build().token())
        .isInstanceOfSatisfying(ServiceException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(502);
          assertThat(e.attempts()).isEqualTo(3);
          assertThat(e.isRetryable()).isTrue();
          assertThat(e.requestId()).contains("req-77");
        });
    ims.verify(3, postRequestedFor(urlEqualTo(TOKEN)));
  }

  @Test
  void token_whenImsUnreachable_retriesConnectFailuresThenReportsNoAnswer() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    storeRefreshToken("R1", null);
    ImsAuthenticator auth = builder().imsBaseUri(URI.create("http://127.0.0.1:" + closedPort))
        .maxAttempts(2).build();

    assertThatThrownBy(auth::token).isInstanceOfSatisfying(ServiceException.class, e -> {
      assertThat(e.httpStatus()).isZero();
      assertThat(e.attempts()).isEqualTo(2);
    });
    assertThat(time.sleeps()).hasSize(1);
  }

  @Test
  void token_whenImsBaseUriPointsElsewhere_saysToCheckIt() {
    storeRefreshToken("R1", null);
    ims.stubFor(post(urlEqualTo(TOKEN)).willReturn(aResponse().withStatus(404).withBody("<html>")));

    assertThatThrownBy(() -> builder().build().token()).isInstanceOf(ServiceException.class)
        .hasMessageContaining("HTTP 404").hasMessageContaining("check 'imsBaseUri'");
    ims.verify(1, postRequestedFor(urlEqualTo(TOKEN)));
  }

  @Test
  void token_whenSavingTheRotatedTokenFails_withholdsAccessToken_andNextAttemptUsesNewRefreshToken() {
    storeRefreshToken("R1", null);
    stubRotation();
    FailingOnceStore failing = new FailingOnceStore(store);
    ImsAuthenticator auth = builder().tokenStore(failing).build();

    assertThatThrownBy(auth::token).isInstanceOf(PostFlowException.class).hasMessage("disk full");
    assertThat(auth.token().value()).isEqualTo("A3");
    ims.verify(1, postRequestedFor(urlEqualTo(TOKEN)).withRequestBody(containing("refresh_token=R1")));
    assertThat(store.load().orElseThrow().refreshToken()).contains("R3");
  }

  @Test
  void token_whenImsRefusesScope_namesScopesAndDeveloperConsole() {
    storeRefreshToken("R1", null);
    ims.stubFor(post(urlEqualTo(TOKEN)).willReturn(aResponse().withStatus(400).withBody(
        "{\"error\":\"invalid_scope\",\"error_description\":\"scope email is not allowed\"}")));

    assertThatThrownBy(() -> builder().build().token()).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("scope email is not allowed")
        .hasMessageContaining("requested scopes: openid profile offline_access")
        .hasMessageContaining("Adobe Developer Console");
  }

  @Test
  void completeLogin_whenClientRefused_saysCheckClientIdAndSecret_withoutTheSecret() {
    ims.stubFor(post(urlEqualTo(TOKEN)).willReturn(aResponse().withStatus(401).withBody(
        "{\"error\":\"invalid_client\",\"error_description\":\"bad secret " + SECRET + "\"}")));
    ImsAuthenticator auth = builder().build();
    LoginRequest login = auth.beginLogin();

    assertThatThrownBy(() -> auth.completeFromRedirectUrl(login,
        REDIRECT + "?code=c0de&state=" + login.state()))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("invalid_client")
        .hasMessageContaining("client id and client secret")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void revoke_revokesRefreshTokenAtImsAndClearsStore() {
    storeRefreshToken("R1", AccessToken.of("A0", clock.instant().plus(Duration.ofHours(2))));
    ims.stubFor(post(urlEqualTo(ImsClient.REVOKE_PATH)).willReturn(aResponse().withStatus(200)));
    ImsAuthenticator auth = builder().build();
    auth.token();

    auth.revoke();

    LoggedRequest request = ims.findAll(postRequestedFor(urlEqualTo(ImsClient.REVOKE_PATH))).get(0);
    assertThat(form(request)).containsEntry("token", "R1").containsEntry("client_id", "client-1");
    assertThat(request.getHeader("Authorization")).startsWith("Basic ");
    assertThat(store.load()).isEmpty();
    assertThatThrownBy(auth::token).hasMessageContaining("Not logged in");
  }

  @Test
  void toStringAndExceptions_neverShowSecretsOrTokens() {
    storeRefreshToken("R-secret-refresh", AccessToken.of("A-secret-access",
        clock.instant().plus(Duration.ofHours(2))));
    ImsAuthenticator auth = builder().build();
    auth.token();

    assertThat(auth.toString()).contains("client-1").doesNotContain(SECRET);
    assertThat(store.load().orElseThrow().toString())
        .doesNotContain("R-secret-refresh").doesNotContain("A-secret-access");
    assertThat(auth.token().toString()).doesNotContain("A-secret-access");
  }

  @Test
  void build_validatesAndNamesTheSetting() {
    assertThatThrownBy(() -> builder().clientId(null).build())
        .isInstanceOf(ConfigurationException.class).hasMessage("'clientId' is required");
    assertThatThrownBy(() -> builder().clientSecret(" ").build())
        .hasMessage("'clientSecret' is required");
    assertThatThrownBy(() -> builder().redirectUri(URI.create("http://example.com/cb")).build())
        .hasMessageContaining("'redirectUri' must use https");
    assertThatThrownBy(() -> builder().scopes(List.of("openid profile")).build())
        .hasMessageContaining("'scopes' must include offline_access");
    assertThatThrownBy(() -> builder().skew(Duration.ofHours(2)).build())
        .hasMessageContaining("'skew' must be between");
    // Adobe registers no http redirect, not even on loopback: refused before any login is tried
    assertThatThrownBy(() -> builder().redirectUri(URI.create("http://127.0.0.1:9000/cb")).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'redirectUri' must use https");
    assertThat(builder().redirectUri(URI.create("https://127.0.0.1:9000/cb")).build()).isNotNull();
    assertThat(builder().scopes(Set.of("offline_access")).build()).isNotNull();
  }

  @Test
  void build_whenAScopeIsNullOrTheClockMissing_namesTheSettingInsteadOfANullPointer() {
    assertThatThrownBy(() -> builder().scopes(Arrays.asList("offline_access", null)).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'scopes'");
    assertThatThrownBy(() -> builder().clock(null).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'clock'");
  }

  /** Fails the first save like a full disk would, then delegates. */
  static final class FailingOnceStore implements TokenStore {
    private final TokenStore delegate;
    private boolean failed;

    FailingOnceStore(TokenStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public java.util.Optional<StoredCredentials> load() {
      return delegate.load();
    }

    @Override
    public synchronized void save(StoredCredentials credentials) {
      if (!failed) {
        failed = true;
        throw new PostFlowException("disk full");
      }
      delegate.save(credentials);
    }

    @Override
    public void clear() {
      delegate.clear();
    }
  }
}
