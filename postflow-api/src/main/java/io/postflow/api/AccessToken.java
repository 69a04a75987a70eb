package io.postflow.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.immutables.value.Value;

/** A bearer token and when it stops being valid. {@code toString()} never shows the token. */
@Value.Immutable
public abstract class AccessToken {
  /** The bearer token itself. Treat as a secret: never log it. */
  @Value.Redacted
  public abstract String value();

  /** When the service stops accepting it. */
  public abstract Instant expiresAt();

  /** The scopes it was granted, when the service said. */
  public abstract Set<String> scopes();

  /** Whether it will have expired {@code skew} from {@code now}. */
  public boolean expiresWithin(Duration skew, Instant now) {
    return !now.plus(skew).isBefore(expiresAt());
  }

  public static AccessToken of(String value, Instant expiresAt) {
    return ImmutableAccessToken.builder().value(value).expiresAt(expiresAt).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link AccessToken}. */
  public static final class Builder extends ImmutableAccessToken.Builder {}
}
