package io.postflow.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fake IMS's memory: authorization codes, access tokens and refresh tokens, each tied to a
 * client and to the grant it came from. Every method holds one lock, so a refresh token redeemed
 * by two threads at once is honoured for exactly one of them (rotation makes that observable).
 *
 * <p>Tokens and codes are 256 random bits from {@link SecureRandom}, base64url-encoded, with a
 * readable prefix ({@code at_}, {@code rt_}, {@code code_}) so a misplaced one is recognisable in a
 * debugger. They expire on the injected clock: a value is valid while {@code now < expiresAt}.
 */
final class ImsTokenStore {
  /** The client id of tokens minted by {@link #issueAccessToken(Duration)} for tests. */
  static final String TEST_CLIENT_ID = "postflow-sandbox-test";

  /** What a grant produced: the access token, its lifetime, and a refresh token if any. */
  record Issued(String accessToken, Duration expiresIn, Optional<String> refreshToken,
      String clientId, Set<String> scopes) {
    @Override
    public String toString() {
      return "Issued[clientId=" + clientId + ", scopes=" + scopes + ", expiresIn=" + expiresIn
          + ", refreshToken=" + (refreshToken.isPresent() ? "<redacted>" : "none") + "]";
    }
  }

  private record Code(String clientId, String redirectUri, Set<String> scopes, String challenge,
      Instant expiresAt, long grant, boolean used) {}

  private record Token(String clientId, Set<String> scopes, long grant, Instant expiresAt) {
    boolean liveAt(Instant now) {
      return now.isBefore(expiresAt);
    }
  }

  private final Clock clock;
  private final ImsSettings settings;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Code> codes = new HashMap<>();
  private final Map<String, Token> accessTokens = new HashMap<>();
  private final Map<String, Token> refreshTokens = new HashMap<>();
  private long nextGrant;
  private int codesIssued;
  private int refreshes;
  private int accessTokensIssued;
  private int revocations;

  ImsTokenStore(Clock clock, ImsSettings settings) {
    this.clock = clock;
    this.settings = settings;
  }

  /** Records an approved authorization request and returns its single-use code. */
  synchronized String newCode(String clientId, String redirectUri, Set<String> scopes,
      String challenge) {
    Instant now = clock.instant();
    // Expired codes can no longer be redeemed or replayed: forget them.
    codes.values().removeIf(c -> !now.isBefore(c.expiresAt()));
    String code = randomValue("code_");
    codes.put(code, new Code(clientId, redirectUri, Set.copyOf(scopes), challenge,
        now.plus(settings.authorizationCodeTtl()), nextGrant++, false));
    codesIssued++;
    return code;
  }

  /**
   * Exchanges a code. A replayed code is refused and, as RFC 6749 section 4.1.2 advises, the
   * tokens first issued for it are revoked: a replay means the code leaked.
   */
  synchronized Issued redeemCode(String clientId, String code, String redirectUri, String verifier)
      throws ImsError {
    Code c = codes.get(code);
    if (c == null || !c.clientId().equals(clientId)) {
      throw ImsError.invalidGrant("authorization code is unknown or was issued to another client");
    }
    if (c.used()) {
      revokeGrant(c.grant());
      throw ImsError.invalidGrant("authorization code was already used");
    }
    codes.put(code, new Code(c.clientId(), c.redirectUri(), c.scopes(), c.challenge(),
        c.expiresAt(), c.grant(), true));
    if (!clock.instant().isBefore(c.expiresAt())) {
      throw ImsError.invalidGrant("authorization code has expired");
    }
    if (!c.redirectUri().equals(redirectUri)) {
      throw ImsError.invalidGrant("redirect_uri does not match the one sent to authorize");
    }
    // Without a challenge at authorize, a verifier is ignored: IMS's handling is undocumented and
    // refusing it would fail clients that always send one.
    if (c.challenge() != null) {
      if (verifier == null || verifier.isEmpty()) {
        throw ImsError.invalidGrant(
            "code_verifier is required: authorize was sent a code_challenge");
      }
      if (!MessageDigest.isEqual(s256(verifier).getBytes(StandardCharsets.US_ASCII),
          c.challenge().getBytes(StandardCharsets.US_ASCII))) {
        throw ImsError.invalidGrant("code_verifier does not match the code_challenge (S256)");
      }
    }
    return issue(c.clientId(), c.scopes(), c.grant(), settings.accessTokenTtl(), true);
  }

  /**
   * Rotates a refresh token: the old one stops working the moment the new one is minted.
   * {@code narrowedScopes} (may be null) must be a subset of the original grant's scopes.
   */
  synchronized Issued redeemRefresh(String clientId, String refreshToken,
      Set<String> narrowedScopes) throws ImsError {
    Token t = refreshTokens.get(refreshToken);
    if (t == null || !t.clientId().equals(clientId)) {
      throw ImsError.invalidGrant(
          "refresh token is unknown, already used, revoked or for another client");
    }
    if (!t.liveAt(clock.instant())) {
      refreshTokens.remove(refreshToken);
      throw ImsError.invalidGrant("refresh token has expired");
    }
    Set<String> scopes = t.scopes();
    if (narrowedScopes != null) {
      if (!scopes.containsAll(narrowedScopes)) {
        throw ImsError.invalidScope("scope asks for more than the original grant");
      }
      scopes = Set.copyOf(narrowedScopes);
    }
    refreshTokens.remove(refreshToken);
    refreshes++;
    return issue(clientId, scopes, t.grant(), settings.accessTokenTtl(), true);
  }

  /** Client credentials: an access token only, never a refresh token. */
  synchronized Issued clientCredentials(String clientId, Set<String> scopes) {
    return issue(clientId, Set.copyOf(scopes), nextGrant++, settings.accessTokenTtl(), false);
  }

  /** An access token for {@link #TEST_CLIENT_ID}, as if some grant had produced it. */
  synchronized String issueAccessToken(Duration ttl) {
    return issue(TEST_CLIENT_ID, Set.of(), nextGrant++, ttl, false).accessToken();
  }

  synchronized boolean isValidAccessToken(String token) {
    Token t = token == null ? null : accessTokens.get(token);
    return t != null && t.liveAt(clock.instant());
  }

  /** Every access token issued so far stops being valid now; later ones are unaffected. */
  synchronized void expireAccessTokensNow() {
    Instant now = clock.instant();
    accessTokens.replaceAll((k, t) ->
        t.liveAt(now) ? new Token(t.clientId(), t.scopes(), t.grant(), now) : t);
  }

  /**
   * Revokes an access or refresh token of {@code clientId} (RFC 7009). Revoking a refresh token
   * also revokes the access tokens of the same grant. Unknown tokens are not an error.
   *
   * @return whether a token was revoked
   * @throws ImsError if the token belongs to another client
   */
  synchronized boolean revoke(String clientId, String token) throws ImsError {
    Token access = accessTokens.get(token);
    Token refresh = refreshTokens.get(token);
    Token found = access != null ? access : refresh;
    if (found == null) {
      return false;
    }
    if (!found.clientId().equals(clientId)) {
      throw ImsError.unauthorizedClient("the token was issued to another client");
    }
    if (access != null) {
      accessTokens.remove(token);
      revocations++;
    } else {
      revokeGrant(refresh.grant());
    }
    return true;
  }

  synchronized int codesIssued() {
    return codesIssued;
  }

  synchronized int refreshes() {
    return refreshes;
  }

  synchronized int accessTokensIssued() {
    return accessTokensIssued;
  }

  synchronized int revocations() {
    return revocations;
  }

  /** A refresh token comes only with {@code offline_access}, and only if the grant allows one. */
  private Issued issue(String clientId, Set<String> scopes, long grant, Duration ttl,
      boolean refreshable) {
    Instant now = clock.instant();
    String access = randomValue("at_");
    accessTokens.put(access, new Token(clientId, scopes, grant, now.plus(ttl)));
    accessTokensIssued++;
    Optional<String> refresh = Optional.empty();
    if (refreshable && scopes.contains("offline_access")) {
      String rt = randomValue("rt_");
      refreshTokens.put(rt,
          new Token(clientId, scopes, grant, now.plus(settings.refreshTokenTtl())));
      refresh = Optional.of(rt);
    }
    return new Issued(access, ttl, refresh, clientId, scopes);
  }

  private void revokeGrant(long grant) {
    int before = accessTokens.size() + refreshTokens.size();
    accessTokens.values().removeIf(t -> t.grant() == grant);
    refreshTokens.values().removeIf(t -> t.grant() == grant);
    revocations += before - accessTokens.size() - refreshTokens.size();
  }

  private String randomValue(String prefix) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** PKCE S256: base64url(SHA-256(ASCII(verifier))) without padding (RFC 7636 section 4.2). */
  static String s256(String verifier) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
