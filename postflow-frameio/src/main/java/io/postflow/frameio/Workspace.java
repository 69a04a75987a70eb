package io.postflow.frameio;

import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/** A workspace of an account. Immutable. */
@Value.Immutable
public abstract class Workspace {
  public abstract String id();

  public abstract String name();

  public abstract String accountId();

  public abstract Optional<Instant> createdAt();
}
