package io.postflow.frameio;

import java.util.Optional;
import org.immutables.value.Value;

/** A Frame.io user: the caller ({@code /v4/me}) or a comment's owner. Immutable. */
@Value.Immutable
public abstract class User {
  /** The user's UUID. */
  public abstract String id();

  /** The display name. */
  public abstract Optional<String> name();

  /** The e-mail address, when the caller may see it. */
  public abstract Optional<String> email();

  /** A link to the avatar picture. */
  public abstract Optional<String> avatarUrl();
}
