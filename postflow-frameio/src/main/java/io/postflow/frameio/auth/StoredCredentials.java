package io.postflow.frameio.auth;

import io.postflow.api.AccessToken;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * What a {@link TokenStore} keeps between runs: the newest refresh token, the last access token
 * (so a restart within its lifetime needs no refresh) and the scopes granted. {@code toString()}
 * never shows a token.
 */
@Value.Immutable
public abstract class StoredCredentials {
  /** The newest refresh token; IMS rotates it on every refresh, so older ones are worthless. */
  @Value.Redacted
  public abstract Optional<String> refreshToken();

  /** The last access token handed out, with its expiry; empty when none is cached. */
  public abstract Optional<AccessToken> accessToken();

  /** The scopes that were granted (or requested, when IMS did not say). */
  public abstract Set<String> scopes();

  /**
   * The Adobe IMS the refresh token belongs to (its base URI), so that a login against another
   * one (the sandbox's, a staging IMS) is not mistaken for this one. Empty in files written before
   * PostFlow recorded it.
   */
  public abstract Optional<String> issuer();

  /** The client id of the credential the login was made with; not a secret. */
  public abstract Optional<String> clientId();

  /** Who logged in, as Frame.io names the user (an e-mail address or a user id), when known. */
  public abstract Optional<String> account();

  /**
   * Whether these credentials and {@code other} belong to the same login: the same IMS, the same
   * client and, when both know it, the same account. Unknown issuer or client counts as different,
   * so an older file is never replaced silently.
   *
   * @param other the credentials to compare with
   * @return whether replacing one by the other loses no one's login
   */
  public boolean sameLoginAs(StoredCredentials other) {
    return issuer().isPresent() && issuer().equals(other.issuer())
        && clientId().isPresent() && clientId().equals(other.clientId())
        && (account().isEmpty() || other.account().isEmpty() || account().equals(other.account()));
  }

  /** Starts a {@link StoredCredentials}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link StoredCredentials}. Not thread-safe; {@code build()} never fails. */
  public static final class Builder extends ImmutableStoredCredentials.Builder {}
}
