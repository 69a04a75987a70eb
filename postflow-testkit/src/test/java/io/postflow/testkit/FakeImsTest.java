package io.postflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives the fake IMS over real HTTP, the way a Frame.io client would. */
class FakeImsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLIENT = ImsSettings.SANDBOX_CLIENT_ID;
  private static final String SECRET = ImsSettings.SANDBOX_CLIENT_SECRET;
  private static final String REDIRECT = "https://localhost:8443/callback";
  private static final String SCOPES = "openid,AdobeID,offline_access";

  private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-01T10:00:00Z"));
  private final HttpClient http = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private FakeIms ims;
  private HttpServer server;
  private URI base;

  @BeforeEach
  void start() throws IOException {
    ims = new FakeIms(clock, ImsSettings.sandboxDefaults());
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/ims", ims);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ims");
  }

  @AfterEach
  void stop() {
    server.stop(0);
    ((ExecutorService) server.getExecutor()).shutdownNow();
  }

  // ---- authorize ----

  @Test
  void authorize_withValidRequest_redirectsToClientWithCodeAndState() throws Exception {
    HttpResponse<String> r = authorize(params("client_id", CLIENT, "redirect_uri", REDIRECT,
        "scope", SCOPES, "state", "s t&8", "response_type", "code"));

    assertThat(r.statusCode()).isEqualTo(302);
    String location = r.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(REDIRECT + "?code=");
    assertThat(query(location)).containsEntry("state", "s t&8").containsKey("code");
    assertThat(ims.codesIssued()).isEqualTo(1);
  }

  @Test
  void authorize_withUnknownClient_answers400AndDoesNotRedirect() throws Exception {
    HttpResponse<String> r = authorize(params("client_id", "nobody", "redirect_uri", REDIRECT,
        "scope", SCOPES, "response_type", "code"));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Location")).isEmpty();
    assertThat(json(r).path("error").asText()).isEqualTo("invalid_client");
  }

  @Test
  void authorize_withUnregisteredRedirect_answers400AndDoesNotRedirect() throws Exception {
    for (String redirect : List.of("https://localhost.attacker.example/cb",
        "https://example.com/cb", "https://localhost:8443/cb#frag", "https://localhost:8443/callback/../evil",
        "https://localhost:8443/callbackx", "http://localhost:8443/callback", "http://127.0.0.1:51234/callback")) {
      HttpResponse<String> r = authorize(params("client_id", CLIENT, "redirect_uri", redirect,
          "scope", SCOPES, "response_type", "code"));

      assertThat(r.statusCode()).as(redirect).isEqualTo(400);
      assertThat(r.headers().firstValue("Location")).as(redirect).isEmpty();
      assertThat(json(r).path("error").asText()).isEqualTo("invalid_request");
    }
  }

  @Test
  void authorize_withScopeTheClientMayNotHave_redirectsWithInvalidScopeAndState() throws Exception {
    HttpResponse<String> r = authorize(params("client_id", CLIENT, "redirect_uri", REDIRECT,
        "scope", "openid frame.s2s.all", "state", "xyz", "response_type", "code"));

    assertThat(r.statusCode()).isEqualTo(302);
    Map<String, String> q = query(r.headers().firstValue("Location").orElseThrow());
    assertThat(q).containsEntry("error", "invalid_scope").containsEntry("state", "xyz")
        .doesNotContainKey("code");
    assertThat(q.get("error_description")).contains("frame.s2s.all");
    assertThat(ims.codesIssued()).isZero();
  }

  @Test
  void authorize_withTokenResponseType_redirectsWithUnsupportedResponseType() throws Exception {
    HttpResponse<String> r = authorize(params("client_id", CLIENT, "redirect_uri", REDIRECT,
        "scope", SCOPES, "response_type", "token"));

    assertThat(query(r.headers().firstValue("Location").orElseThrow()))
        .containsEntry("error", "unsupported_response_type");
  }

  @Test
  void authorize_withPlainPkceMethod_redirectsWithInvalidRequest() throws Exception {
    HttpResponse<String> r = authorize(params("client_id", CLIENT, "redirect_uri", REDIRECT,
        "scope", SCOPES, "response_type", "code", "code_challenge", "a".repeat(43),
        "code_challenge_method", "plain"));

    assertThat(query(r.headers().firstValue("Location").orElseThrow()))
        .containsEntry("error", "invalid_request");
  }

  @Test
  void authorize_withServerToServerClient_answers400() throws Exception {
    HttpResponse<String> r = authorize(params("client_id", ImsSettings.SANDBOX_S2S_CLIENT_ID,
        "redirect_uri", REDIRECT, "scope", "openid", "response_type", "code"));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).path("error").asText()).isEqualTo("unauthorized_client");
  }

  // ---- authorization_code ----

  @Test
  void codeGrant_withBasicAuth_returnsValidAccessTokenRefreshTokenAndIdToken() throws Exception {
    String code = code(SCOPES, null);

    HttpResponse<String> r = token(basic(CLIENT, SECRET), params("grant_type",
        "authorization_code", "code", code, "redirect_uri", REDIRECT));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode body = json(r);
    assertThat(body.path("token_type").asText()).isEqualTo("bearer");
    assertThat(body.path("expires_in").asLong()).isEqualTo(Duration.ofHours(24).toSeconds());
    String access = body.path("access_token").asText();
    assertThat(access).isNotBlank();
    // 256 random bits, base64url: long enough that no prefix or counter could pass for it.
    assertThat(access.length()).isGreaterThanOrEqualTo(43);
    assertThat(body.path("refresh_token").asText()).isNotBlank().isNotEqualTo(access);
    assertThat(ims.isValidAccessToken(access)).isTrue();
    String[] jwt = body.path("id_token").asText().split("\\.", -1);
    JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
    assertThat(claims.path("aud").asText()).isEqualTo(CLIENT);
    assertThat(claims.path("exp").asLong())
        .isEqualTo(clock.instant().plus(Duration.ofHours(24)).getEpochSecond());
  }

  @Test
  void codeGrant_withFormCredentialsAndNoOfflineAccess_returnsNoRefreshOrIdToken() throws Exception {
    String code = code("AdobeID profile", null);

    HttpResponse<String> r = token(null, params("grant_type", "authorization_code", "code", code,
        "redirect_uri", REDIRECT, "client_id", CLIENT, "client_secret", SECRET));

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(ims.isValidAccessToken(body.path("access_token").asText())).isTrue();
    assertThat(body.has("refresh_token")).isFalse();
    assertThat(body.has("id_token")).isFalse();
  }

  @Test
  void codeGrant_whenCodeIsReplayed_refusesAndRevokesTheFirstTokens() throws Exception {
    String code = code(SCOPES, null);
    Map<String, String> exchange = params("grant_type", "authorization_code", "code", code,
        "redirect_uri", REDIRECT);
    JsonNode first = json(token(basic(CLIENT, SECRET), exchange));

    HttpResponse<String> replay = token(basic(CLIENT, SECRET), exchange);

    assertThat(replay.statusCode()).isEqualTo(400);
    assertThat(json(replay).path("error").asText()).isEqualTo("invalid_grant");
    assertThat(ims.isValidAccessToken(first.path("access_token").asText())).isFalse();
    assertError(refresh(first.path("refresh_token").asText()), 400, "invalid_grant");
  }

  @Test
  void codeGrant_whenCodeIsOlderThanItsTtl_isRefused() throws Exception {
    String code = code(SCOPES, null);
    clock.advance(Duration.ofMinutes(5));

    assertError(token(basic(CLIENT, SECRET), params("grant_type", "authorization_code", "code",
        code, "redirect_uri", REDIRECT)), 400, "invalid_grant");
  }

  @Test
  void codeGrant_withDifferentRedirectUri_isRefused() throws Exception {
    String code = code(SCOPES, null);

    assertError(token(basic(CLIENT, SECRET), params("grant_type", "authorization_code", "code",
        code, "redirect_uri", "https://localhost:8443/other")), 400, "invalid_grant");
  }

  @Test
  void codeGrant_withCodeOfAnotherClient_isRefused() throws Exception {
    FakeIms twoClients = new FakeIms(clock, ImsSettings.builder()
        .webAppClient("a", "sa", List.of("https://localhost:[0-9]+/callback"), ImsSettings.WEB_APP_SCOPES)
        .webAppClient("b", "sb", List.of("https://localhost:[0-9]+/callback"), ImsSettings.WEB_APP_SCOPES)
        .build());
    server.createContext("/two", twoClients);
    URI two = URI.create(base.toString().replace("/ims", "/two"));
    String location = send(HttpRequest.newBuilder(URI.create(two + "/authorize/v2?"
        + form(params("client_id", "a", "redirect_uri", REDIRECT, "scope", "openid",
        "response_type", "code")))).GET()).headers().firstValue("Location").orElseThrow();

    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(two + "/token/v3"))
        .header("Authorization", basic("b", "sb"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(params("grant_type", "authorization_code",
            "code", query(location).get("code"), "redirect_uri", REDIRECT)))));

    assertError(r, 400, "invalid_grant");
  }

  // ---- PKCE ----

  @Test
  void pkce_withMatchingVerifier_issuesTokens() throws Exception {
    String verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    String code = code(SCOPES, ImsTokenStore.s256(verifier));

    HttpResponse<String> r = token(basic(CLIENT, SECRET), params("grant_type",
        "authorization_code", "code", code, "redirect_uri", REDIRECT, "code_verifier", verifier));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(ims.isValidAccessToken(json(r).path("access_token").asText())).isTrue();
  }

  @Test
  void pkce_s256_matchesTheRfc7636Example() {
    assertThat(ImsTokenStore.s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
        .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  }

  @Test
  void pkce_withWrongOrMissingVerifier_isRefused() throws Exception {
    String verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    String wrong = code(SCOPES, ImsTokenStore.s256(verifier));
    String missing = code(SCOPES, ImsTokenStore.s256(verifier));

    assertError(token(basic(CLIENT, SECRET), params("grant_type", "authorization_code", "code",
        wrong, "redirect_uri", REDIRECT, "code_verifier", verifier + "x")), 400, "invalid_grant");
    assertError(token(basic(CLIENT, SECRET), params("grant_type", "authorization_code", "code",
        missing, "redirect_uri", REDIRECT)), 400, "invalid_grant");
  }

  // ---- client authentication ----

  @Test
  void token_withWrongSecretUnknownClientOrNoAuth_answers401InvalidClient() throws Exception {
    String code = code(SCOPES, null);
    Map<String, String> exchange = params("grant_type", "authorization_code", "code", code,
        "redirect_uri", REDIRECT);

    HttpResponse<String> wrongBasic = token(basic(CLIENT, "nope"), exchange);
    assertError(wrongBasic, 401, "invalid_client");
    assertThat(wrongBasic.headers().firstValue("WWW-Authenticate")).isPresent();
    assertError(token(basic("nobody", SECRET), exchange), 401, "invalid_client");
    Map<String, String> wrongForm = new LinkedHashMap<>(exchange);
    wrongForm.put("client_id", CLIENT);
    wrongForm.put("client_secret", "nope");
    assertError(token(null, wrongForm), 401, "invalid_client");
    assertError(token(null, exchange), 401, "invalid_client");
    // None of those consumed the code.
    assertThat(token(basic(CLIENT, SECRET), exchange).statusCode()).isEqualTo(200);
  }

  @Test
  void token_errorBodies_neverEchoTheSecret() throws Exception {
    HttpResponse<String> r = token(basic(CLIENT, "s3cr3t-value"), params("grant_type",
        "client_credentials", "scope", "openid"));

    assertThat(r.body()).doesNotContain("s3cr3t-value");
  }

  // ---- refresh_token ----

  @Test
  void refresh_rotatesTheRefreshToken_andRefusesTheOldOne() throws Exception {
    JsonNode first = exchangeCode(SCOPES);
    String oldRefresh = first.path("refresh_token").asText();

    HttpResponse<String> r = refresh(oldRefresh);

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode second = json(r);
    String newRefresh = second.path("refresh_token").asText();
    assertThat(newRefresh).isNotBlank().isNotEqualTo(oldRefresh);
    assertThat(ims.isValidAccessToken(second.path("access_token").asText())).isTrue();
    assertError(refresh(oldRefresh), 400, "invalid_grant");
    assertThat(refresh(newRefresh).statusCode()).isEqualTo(200);
    assertThat(ims.refreshes()).isEqualTo(2);
  }

  @Test
  void refresh_afterFourteenDays_isRefused_butJustBeforeWorks() throws Exception {
    String early = exchangeCode(SCOPES).path("refresh_token").asText();
    String late = exchangeCode(SCOPES).path("refresh_token").asText();

    clock.advance(Duration.ofDays(14).minusSeconds(1));
    assertThat(refresh(early).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(1));
    assertError(refresh(late), 400, "invalid_grant");
  }

  @Test
  void refresh_withBroaderScope_isRefused() throws Exception {
    String rt = exchangeCode("openid,offline_access").path("refresh_token").asText();

    assertError(token(basic(CLIENT, SECRET), params("grant_type", "refresh_token",
        "refresh_token", rt, "scope", "openid offline_access email")), 400, "invalid_scope");
  }

  @Test
  void refresh_concurrentlyWithTheSameToken_exactlyOneWins() throws Exception {
    String rt = exchangeCode(SCOPES).path("refresh_token").asText();
    int threads = 8;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return refresh(rt).statusCode();
        }));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : results) {
        statuses.add(f.get());
      }
      assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
      assertThat(statuses).filteredOn(s -> s == 400).hasSize(threads - 1);
      assertThat(ims.refreshes()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- expiry ----

  @Test
  void accessToken_expiresOnTheInjectedClock() throws Exception {
    String access = exchangeCode(SCOPES).path("access_token").asText();

    clock.advance(Duration.ofHours(24).minusSeconds(1));
    assertThat(ims.isValidAccessToken(access)).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(ims.isValidAccessToken(access)).isFalse();
  }

  @Test
  void expireAccessTokensNow_expiresEarlierTokensOnly_andRefreshStillWorks() throws Exception {
    JsonNode tokens = exchangeCode(SCOPES);
    String issued = ims.issueAccessToken(Duration.ofHours(1));

    ims.expireAccessTokensNow();

    assertThat(ims.isValidAccessToken(tokens.path("access_token").asText())).isFalse();
    assertThat(ims.isValidAccessToken(issued)).isFalse();
    HttpResponse<String> r = refresh(tokens.path("refresh_token").asText());
    assertThat(ims.isValidAccessToken(json(r).path("access_token").asText())).isTrue();
    assertThat(ims.isValidAccessToken(ims.issueAccessToken(Duration.ofMinutes(1)))).isTrue();
  }

  @Test
  void isValidAccessToken_withRefreshTokenUnknownOrNull_isFalse() throws Exception {
    JsonNode tokens = exchangeCode(SCOPES);

    assertThat(ims.isValidAccessToken(tokens.path("refresh_token").asText())).isFalse();
    assertThat(ims.isValidAccessToken("at_made_up")).isFalse();
    assertThat(ims.isValidAccessToken(null)).isFalse();
  }

  // ---- client_credentials ----

  @Test
  void clientCredentials_forServerToServerClient_returnsAccessTokenOnly() throws Exception {
    HttpResponse<String> r = token(null, params("grant_type", "client_credentials",
        "client_id", ImsSettings.SANDBOX_S2S_CLIENT_ID,
        "client_secret", ImsSettings.SANDBOX_S2S_CLIENT_SECRET,
        "scope", "openid,AdobeID,frame.s2s.all"));

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(ims.isValidAccessToken(body.path("access_token").asText())).isTrue();
    assertThat(body.has("refresh_token")).isFalse();
  }

  @Test
  void clientCredentials_forWebAppClientOrWithForeignScope_isRefused() throws Exception {
    assertError(token(basic(CLIENT, SECRET), params("grant_type", "client_credentials",
        "scope", "openid")), 400, "unauthorized_client");
    assertError(token(basic(ImsSettings.SANDBOX_S2S_CLIENT_ID,
        ImsSettings.SANDBOX_S2S_CLIENT_SECRET), params("grant_type", "client_credentials",
        "scope", "openid,offline_access")), 400, "invalid_scope");
  }

  // ---- revoke ----

  @Test
  void revoke_accessToken_invalidatesOnlyThatToken() throws Exception {
    JsonNode tokens = exchangeCode(SCOPES);
    String access = tokens.path("access_token").asText();

    HttpResponse<String> r = revoke(basic(CLIENT, SECRET), access, "access_token");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(ims.isValidAccessToken(access)).isFalse();
    assertThat(refresh(tokens.path("refresh_token").asText()).statusCode()).isEqualTo(200);
    assertThat(ims.revocations()).isEqualTo(1);
  }

  @Test
  void revoke_refreshToken_invalidatesItAndTheGrantsAccessTokens() throws Exception {
    JsonNode tokens = exchangeCode(SCOPES);
    String other = exchangeCode(SCOPES).path("access_token").asText();

    assertThat(revoke(basic(CLIENT, SECRET), tokens.path("refresh_token").asText(),
        "refresh_token").statusCode()).isEqualTo(200);

    assertError(refresh(tokens.path("refresh_token").asText()), 400, "invalid_grant");
    assertThat(ims.isValidAccessToken(tokens.path("access_token").asText())).isFalse();
    assertThat(ims.isValidAccessToken(other)).isTrue();
  }

  @Test
  void revoke_withUnknownTokenOrAnotherClientsToken_orBadAuth() throws Exception {
    String s2sToken = json(token(basic(ImsSettings.SANDBOX_S2S_CLIENT_ID,
        ImsSettings.SANDBOX_S2S_CLIENT_SECRET), params("grant_type", "client_credentials",
        "scope", "openid"))).path("access_token").asText();

    assertThat(revoke(basic(CLIENT, SECRET), "at_unknown", null).statusCode()).isEqualTo(200);
    assertError(revoke(basic(CLIENT, SECRET), s2sToken, null), 400, "unauthorized_client");
    assertError(revoke(basic(CLIENT, "wrong"), s2sToken, null), 401, "invalid_client");
    assertThat(ims.isValidAccessToken(s2sToken)).isTrue();
    assertThat(ims.revocations()).isZero();
  }

  // ---- protocol errors ----

  @Test
  void token_withBadRequests_answersOAuthErrors() throws Exception {
    assertError(token(basic(CLIENT, SECRET), params("grant_type", "password")), 400,
        "unsupported_grant_type");
    assertError(token(basic(CLIENT, SECRET), params("code", "x")), 400, "invalid_request");
    assertError(token(basic(CLIENT, SECRET), params("grant_type", "authorization_code",
        "redirect_uri", REDIRECT)), 400, "invalid_request");
    HttpResponse<String> json = send(HttpRequest.newBuilder(URI.create(base + "/token/v3"))
        .header("Authorization", basic(CLIENT, SECRET)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"refresh_token\"}")));
    assertError(json, 400, "invalid_request");
    assertThat(json(json).path("error_description").asText()).contains("Content-Type");
    HttpResponse<String> duplicate = send(HttpRequest.newBuilder(URI.create(base + "/token/v3"))
        .header("Authorization", basic(CLIENT, SECRET))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&grant_type=password")));
    assertError(duplicate, 400, "invalid_request");
    HttpResponse<String> get = send(HttpRequest.newBuilder(URI.create(base + "/token/v3")).GET());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(send(HttpRequest.newBuilder(URI.create(base + "/nope")).GET()).statusCode())
        .isEqualTo(404);
  }

  @Test
  void discovery_listsTheEndpointsUnderTheMountPoint() throws Exception {
    JsonNode doc = json(send(HttpRequest.newBuilder(
        URI.create(base + "/.well-known/openid-configuration")).GET()));

    assertThat(doc.path("token_endpoint").asText()).isEqualTo(base + "/token/v3");
    assertThat(doc.path("authorization_endpoint").asText()).isEqualTo(base + "/authorize/v2");
  }

  @Test
  void toStrings_ofIssuedTokensAndCredentials_hideTheSecrets() throws Exception {
    ImsTokenStore store = new ImsTokenStore(clock, ImsSettings.sandboxDefaults());
    ImsTokenStore.Issued issued = store.redeemCode(CLIENT,
        store.newCode(CLIENT, REDIRECT, java.util.Set.of("offline_access"), null), REDIRECT, null);
    ImsRequests.Credentials credentials = new ImsRequests.Credentials(CLIENT, SECRET, true);

    assertThat(issued.toString()).doesNotContain(issued.accessToken())
        .doesNotContain(issued.refreshToken().orElseThrow()).contains("<redacted>");
    assertThat(credentials.toString()).contains(CLIENT).doesNotContain(SECRET);
  }

  // ---- helpers ----

  private String code(String scope, String challenge) throws Exception {
    Map<String, String> p = params("client_id", CLIENT, "redirect_uri", REDIRECT, "scope", scope,
        "state", "st", "response_type", "code");
    if (challenge != null) {
      p.put("code_challenge", challenge);
      p.put("code_challenge_method", "S256");
    }
    HttpResponse<String> r = authorize(p);
    assertThat(r.statusCode()).isEqualTo(302);
    return query(r.headers().firstValue("Location").orElseThrow()).get("code");
  }

  private JsonNode exchangeCode(String scope) throws Exception {
    HttpResponse<String> r = token(basic(CLIENT, SECRET), params("grant_type",
        "authorization_code", "code", code(scope, null), "redirect_uri", REDIRECT));
    assertThat(r.statusCode()).isEqualTo(200);
    return json(r);
  }

  private HttpResponse<String> refresh(String refreshToken) throws Exception {
    return token(basic(CLIENT, SECRET), params("grant_type", "refresh_token",
        "refresh_token", refreshToken));
  }

  private HttpResponse<String> authorize(Map<String, String> params) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + "/authorize/v2?" + form(params))).GET());
  }

  private HttpResponse<String> token(String authorization, Map<String, String> params)
      throws Exception {
    return post("/token/v3", authorization, params);
  }

  private HttpResponse<String> revoke(String authorization, String token, String hint)
      throws Exception {
    Map<String, String> p = params("token", token);
    if (hint != null) {
      p.put("token_type_hint", hint);
    }
    return post("/revoke", authorization, p);
  }

  private HttpResponse<String> post(String path, String authorization, Map<String, String> params)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(params)));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return send(b);
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertError(HttpResponse<String> r, int status, String error)
      throws IOException {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(json(r).path("error").asText()).isEqualTo(error);
  }

  private static String basic(String id, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString(
        (id + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, String> params(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static String form(Map<String, String> params) {
    StringBuilder sb = new StringBuilder();
    params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&")
        .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return sb.toString();
  }

  private static Map<String, String> query(String location) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String pair : URI.create(location).getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return m;
  }

  private static JsonNode json(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body());
  }
}
