package io.postflow.frameio;

import java.util.Optional;
import org.immutables.value.Value;

/** A Frame.io user: the caller ({@code /v4/me}) or a comment's owner. Immutable. */
@Value.Immutable
public abstract class User {
  public abstract String id();

  public abstract Optional<String> name();

  public abstract Optional<String> email();

  public abstract Optional<String> avatarUrl();
}
