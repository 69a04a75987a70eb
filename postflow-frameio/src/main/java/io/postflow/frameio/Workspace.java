package io.postflow.frameio;

import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/** A workspace of an account. Immutable. */
@Value.Immutable
public abstract class Workspace {
  /** The workspace's UUID. */
  public abstract String id();

  /** Its name; empty when the service sent none. */
  public abstract String name();

  /** The account it belongs to. */
  public abstract String accountId();

  /** When it was created. */
  public abstract Optional<Instant> createdAt();
}
