package io.postflow.frameio.auth;

import io.postflow.api.AccessToken;
import io.postflow.api.AuthenticationException;
import io.postflow.api.Authenticator;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Hands out one fixed token: for scripts that got a token elsewhere, and for tests. Nothing can be
 * refreshed, so {@link #refresh(AccessToken)} throws an {@link AuthenticationException} saying how
 * to get a new token. Thread-safe, never blocks.
 */
public final class StaticTokenAuthenticator implements Authenticator {
  private final AccessToken token;
  private final Clock clock;

  private StaticTokenAuthenticator(AccessToken token, Clock clock) {
    this.token = token;
    this.clock = clock;
  }

  /** A token that never expires on this side (Frame.io will still refuse it when it has). */
  public static StaticTokenAuthenticator of(String token) {
    Settings.required("token", token);
    return new StaticTokenAuthenticator(AccessToken.of(token, Instant.MAX), Clock.systemUTC());
  }

  /** {@code token}, refused by {@link #token()} once its {@code expiresAt} has passed. */
  public static StaticTokenAuthenticator of(AccessToken token) {
    return of(token, Clock.systemUTC());
  }

  /** {@link #of(AccessToken)} judged by {@code clock}. */
  public static StaticTokenAuthenticator of(AccessToken token, Clock clock) {
    return new StaticTokenAuthenticator(
        Objects.requireNonNull(token, "token"), Objects.requireNonNull(clock, "clock"));
  }

  /**
   * The fixed token.
   *
   * @throws AuthenticationException once the token has expired
   */
  @Override
  public AccessToken token() {
    if (!clock.instant().isBefore(token.expiresAt())) {
      throw new AuthenticationException("The static access token expired at " + token.expiresAt(),
          remedy(), null);
    }
    return token;
  }

  /**
   * Always throws: a fixed token cannot be refreshed.
   *
   * @throws AuthenticationException saying how to get a new token
   */
  @Override
  public AccessToken refresh(AccessToken rejected) {
    throw new AuthenticationException(
        "Frame.io rejected the static access token, and a static token cannot be refreshed",
        remedy(), null);
  }

  private static String remedy() {
    return "Supply a new token, or use ImsAuthenticator or ServerToServerAuthenticator, which"
        + " refresh tokens by themselves";
  }

  @Override
  public String toString() {
    return "StaticTokenAuthenticator{expiresAt=" + token.expiresAt() + ", token=****}";
  }
}
