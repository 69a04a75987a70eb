package io.postflow.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.postflow.testkit.ImsRequests.Credentials;
import io.postflow.testkit.ImsSettings.Client;
import io.postflow.testkit.ImsSettings.ClientKind;
import io.postflow.testkit.ImsTokenStore.Issued;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake Adobe IMS: the authorize, token and revoke endpoints a Frame.io client talks to, served
 * under whatever context it is mounted at (the sandbox mounts it at {@code /ims}).
 *
 * <ul>
 *   <li>{@code GET authorize/v2} approves at once (no login page) and redirects with a code;
 *       PKCE S256 is supported. The redirect URI must be HTTPS and match one of the client's
 *       registered patterns in full, as Adobe requires.</li>
 *   <li>{@code POST token/v3}: {@code authorization_code}, {@code refresh_token} (rotating: the
 *       old refresh token is refused once used) and {@code client_credentials}.</li>
 *   <li>{@code POST revoke} (RFC 7009) for access and refresh tokens.</li>
 *   <li>{@code GET .well-known/openid-configuration} for clients that discover the endpoints.</li>
 * </ul>
 *
 * <p>Thread-safe. Tokens expire on the injected clock. No token, code or secret is ever logged.
 */
final class FakeIms implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(FakeIms.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** RFC 7636 section 4.2: 43 to 128 characters of base64url. */
  private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43,128}");
  private static final Pattern SCOPE_SEPARATOR = Pattern.compile("[ ,]+");

  private final Clock clock;
  private final ImsSettings settings;
  private final ImsTokenStore store;

  FakeIms(Clock clock, ImsSettings settings) {
    this.clock = clock;
    this.settings = settings;
    this.store = new ImsTokenStore(clock, settings);
  }

  /** Whether a bearer token was issued here, has not expired on the clock and was not revoked. */
  boolean isValidAccessToken(String bearerToken) {
    return store.isValidAccessToken(bearerToken);
  }

  /** A ready-made access token (client {@link ImsTokenStore#TEST_CLIENT_ID}) for tests, demo. */
  String issueAccessToken(Duration ttl) {
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("issueAccessToken(ttl): ttl must be positive, was " + ttl);
    }
    return store.issueAccessToken(ttl);
  }

  /** Fault injection: every access token issued so far expires now; refresh tokens still work. */
  void expireAccessTokensNow() {
    store.expireAccessTokensNow();
  }

  /** How many authorization codes the authorize endpoint has handed out. */
  int codesIssued() {
    return store.codesIssued();
  }

  /** How many refresh-token grants succeeded. */
  int refreshes() {
    return store.refreshes();
  }

  /** How many access tokens were minted, by any grant or by {@link #issueAccessToken}. */
  int accessTokensIssued() {
    return store.accessTokensIssued();
  }

  /** How many tokens were revoked (by the revoke endpoint or a replayed code). */
  int revocations() {
    return store.revocations();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath()
          .substring(exchange.getHttpContext().getPath().length());
      String method = exchange.getRequestMethod();
      try {
        switch (path.startsWith("/") ? path : "/" + path) {
          case "/authorize/v2" -> requireMethod(method, "GET", () -> authorize(exchange));
          case "/token/v3" -> requireMethod(method, "POST", () -> token(exchange));
          case "/revoke" -> requireMethod(method, "POST", () -> revoke(exchange));
          case "/.well-known/openid-configuration" ->
              requireMethod(method, "GET", () -> discovery(exchange));
          default -> throw new ImsError(404, "not_found", "no IMS endpoint at " + path);
        }
      } catch (ImsError e) {
        LOG.debug("IMS {} {} -> {} {}", method, path, e.status(), e.code());
        sendError(exchange, e);
      } catch (RuntimeException e) {
        // A bug in the fake: answer like IMS would and keep the server alive for other tests.
        LOG.error("Fake IMS failed on {} {}", method, path, e);
        sendError(exchange, new ImsError(500, "server_error", "the fake IMS failed"));
      }
    }
  }

  private interface Endpoint {
    void run() throws IOException, ImsError;
  }

  private static void requireMethod(String actual, String allowed, Endpoint endpoint)
      throws IOException, ImsError {
    if (!allowed.equals(actual)) {
      throw new ImsError(405, "invalid_request",
          "method " + actual + " not allowed, use " + allowed);
    }
    endpoint.run();
  }

  private void authorize(HttpExchange exchange) throws IOException, ImsError {
    Map<String, String> q = ImsRequests.parseParameters(exchange.getRequestURI().getRawQuery());
    Client client = settings.client(q.get("client_id")).orElseThrow(() ->
        new ImsError(400, "invalid_client", "client_id is missing or not registered"));
    if (client.kind() != ClientKind.WEB_APP) {
      throw ImsError.unauthorizedClient(
          "client_id is a server-to-server client: use client_credentials");
    }
    String redirect = q.get("redirect_uri");
    if (redirect == null || !isRedirectable(redirect)) {
      throw ImsError.invalidRequest("redirect_uri is missing or malformed");
    }
    if (!redirect.regionMatches(true, 0, "https://", 0, 8)) {
      throw ImsError.invalidRequest("redirect_uri must use https (Adobe accepts no other redirect,"
          + " also for localhost)");
    }
    if (!client.allowsRedirect(redirect)) {
      throw ImsError.invalidRequest("redirect_uri is not registered for the client (it must match a"
          + " registered redirect URI pattern exactly)");
    }
    String state = q.get("state");
    // From here the redirect URI is trusted, so errors travel back to the client through it.
    try {
      if (!"code".equals(q.get("response_type"))) {
        throw new ImsError(400, "unsupported_response_type", "response_type must be code");
      }
      Set<String> scopes = scopes(q.get("scope"), client);
      String challenge = q.get("code_challenge");
      String method = q.get("code_challenge_method");
      if (challenge != null || method != null) {
        if (!"S256".equals(method)) {
          throw ImsError.invalidRequest("code_challenge_method must be S256");
        }
        if (challenge == null || !CHALLENGE.matcher(challenge).matches()) {
          throw ImsError.invalidRequest("code_challenge must be 43-128 base64url characters");
        }
      }
      String code = store.newCode(client.id(), redirect, scopes, challenge);
      LOG.debug("IMS authorize client={} scopes={} pkce={} -> code", client.id(), scopes,
          challenge != null);
      redirect(exchange, redirect, "code=" + enc(code) + stateParam(state));
    } catch (ImsError e) {
      LOG.debug("IMS authorize client={} -> {}", client.id(), e.code());
      redirect(exchange, redirect, "error=" + enc(e.code()) + "&error_description="
          + enc(e.description()) + stateParam(state));
    }
  }

  private void token(HttpExchange exchange) throws IOException, ImsError {
    Map<String, String> form = ImsRequests.readForm(exchange);
    Client client = authenticate(exchange, form);
    String grantType = form.get("grant_type");
    if (grantType == null) {
      throw ImsError.invalidRequest("grant_type is required");
    }
    Issued issued = switch (grantType) {
      case "authorization_code" -> {
        requireKind(client, ClientKind.WEB_APP, grantType);
        yield store.redeemCode(client.id(), required(form, "code"), required(form, "redirect_uri"),
            form.get("code_verifier"));
      }
      case "refresh_token" -> {
        requireKind(client, ClientKind.WEB_APP, grantType);
        String scope = form.get("scope");
        yield store.redeemRefresh(client.id(), required(form, "refresh_token"),
            scope == null ? null : scopes(scope, client));
      }
      case "client_credentials" -> {
        requireKind(client, ClientKind.SERVER_TO_SERVER, grantType);
        yield store.clientCredentials(client.id(), scopes(form.get("scope"), client));
      }
      default -> throw new ImsError(400, "unsupported_grant_type",
          "grant_type '" + grantType + "' is not supported");
    };
    LOG.debug("IMS token grant={} client={} -> access token{}", grantType, client.id(),
        issued.refreshToken().isPresent() ? " and refresh token" : "");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", issued.accessToken());
    issued.refreshToken().ifPresent(rt -> body.put("refresh_token", rt));
    body.put("token_type", "bearer");
    body.put("expires_in", issued.expiresIn().toSeconds());
    if (issued.scopes().contains("openid")) {
      body.put("id_token", idToken(issued));
    }
    sendJson(exchange, 200, body);
  }

  private void revoke(HttpExchange exchange) throws IOException, ImsError {
    Map<String, String> form = ImsRequests.readForm(exchange);
    Client client = authenticate(exchange, form);
    // token_type_hint is only a hint (RFC 7009 section 2.1): both kinds are looked up anyway.
    boolean revoked = store.revoke(client.id(), required(form, "token"));
    LOG.debug("IMS revoke client={} hint={} -> {}", client.id(), form.get("token_type_hint"),
        revoked ? "revoked" : "unknown token");
    exchange.sendResponseHeaders(200, -1);
  }

  private void discovery(HttpExchange exchange) throws IOException {
    String host = exchange.getRequestHeaders().getFirst("Host");
    String scheme = exchange instanceof com.sun.net.httpserver.HttpsExchange ? "https" : "http";
    String base = scheme + "://" + (host == null ? "localhost" : host)
        + exchange.getHttpContext().getPath().replaceAll("/$", "");
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("issuer", base);
    doc.put("authorization_endpoint", base + "/authorize/v2");
    doc.put("token_endpoint", base + "/token/v3");
    doc.put("revocation_endpoint", base + "/revoke");
    doc.put("response_types_supported", new String[] {"code"});
    doc.put("grant_types_supported",
        new String[] {"authorization_code", "refresh_token", "client_credentials"});
    doc.put("code_challenge_methods_supported", new String[] {"S256"});
    doc.put("token_endpoint_auth_methods_supported",
        new String[] {"client_secret_basic", "client_secret_post"});
    sendJson(exchange, 200, doc);
  }

  private Client authenticate(HttpExchange exchange, Map<String, String> form) throws ImsError {
    Credentials presented = ImsRequests.credentials(exchange, form).orElseThrow(() ->
        ImsError.invalidClient(
            "client authentication is required (Basic or client_id/client_secret)"));
    Client client = settings.client(presented.clientId()).orElse(null);
    // Constant-time comparison so the fake does not teach clients to depend on a timing leak.
    if (client == null || !MessageDigest.isEqual(client.secret().getBytes(StandardCharsets.UTF_8),
        presented.secret().getBytes(StandardCharsets.UTF_8))) {
      if (presented.viaBasic()) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"ims\"");
      }
      throw ImsError.invalidClient("client authentication failed");
    }
    return client;
  }

  private static void requireKind(Client client, ClientKind kind, String grantType)
      throws ImsError {
    if (client.kind() != kind) {
      throw ImsError.unauthorizedClient(
          "client '" + client.id() + "' may not use grant_type " + grantType);
    }
  }

  /** IMS writes scope lists with commas; OAuth with spaces. Both are accepted. */
  private static Set<String> scopes(String raw, Client client) throws ImsError {
    if (raw == null || raw.isBlank()) {
      throw ImsError.invalidScope("scope is required");
    }
    Set<String> scopes = Arrays.stream(SCOPE_SEPARATOR.split(raw.trim()))
        .filter(s -> !s.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
    Set<String> refused = scopes.stream().filter(s -> !client.scopes().contains(s))
        .collect(Collectors.toCollection(LinkedHashSet::new));
    if (!refused.isEmpty()) {
      throw ImsError.invalidScope("scope not allowed for client '" + client.id() + "': " + refused);
    }
    return scopes;
  }

  private static String required(Map<String, String> form, String name) throws ImsError {
    String value = form.get(name);
    if (value == null || value.isEmpty()) {
      throw ImsError.invalidRequest(name + " is required");
    }
    return value;
  }

  private static boolean isRedirectable(String redirect) {
    try {
      URI uri = new URI(redirect);
      return uri.isAbsolute() && uri.getRawFragment() == null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  /** An unsigned ({@code alg: none}) JWT with the usual claims: enough to parse, not to verify. */
  private String idToken(Issued issued) throws IOException {
    long now = clock.instant().getEpochSecond();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", "https://ims-na1.adobelogin.com");
    claims.put("sub", "sandbox-user@AdobeID");
    claims.put("aud", issued.clientId());
    claims.put("iat", now);
    claims.put("exp", now + issued.expiresIn().toSeconds());
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
        + "." + b64.encodeToString(JSON.writeValueAsBytes(claims)) + ".";
  }

  private static String stateParam(String state) {
    return state == null ? "" : "&state=" + enc(state);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static void redirect(HttpExchange exchange, String redirectUri, String query)
      throws IOException {
    exchange.getResponseHeaders().set("Location",
        redirectUri + (redirectUri.contains("?") ? "&" : "?") + query);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(302, -1);
  }

  private static void sendError(HttpExchange exchange, ImsError e) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", e.code());
    body.put("error_description", e.description());
    if (e.status() == 405) {
      exchange.getResponseHeaders().set("Allow", "GET, POST");
    }
    sendJson(exchange, e.status(), body);
  }

  private static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
    // RFC 6749 section 5.1: token responses must not be cached.
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
