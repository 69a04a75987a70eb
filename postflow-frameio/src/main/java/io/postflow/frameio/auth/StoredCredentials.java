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

  /** Starts a {@link StoredCredentials}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link StoredCredentials}. Not thread-safe; {@code build()} never fails. */
  public static final class Builder extends ImmutableStoredCredentials.Builder {}
}
