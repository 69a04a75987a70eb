package io.postflow.frameio;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/** A Frame.io account the user belongs to. Immutable. */
@Value.Immutable
public abstract class Account {
  public abstract String id();

  public abstract String displayName();

  /** The user's roles in it, e.g. {@code admin}, {@code member}. */
  public abstract List<String> roles();

  public abstract OptionalLong storageLimit();

  public abstract OptionalLong storageUsage();

  public abstract Optional<Instant> createdAt();
}
