package io.postflow.api;

import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/** One file version's way to Frame.io, as the {@link DeliveryJournal} knows it now: a snapshot. */
@Value.Immutable
public abstract class Delivery {
  /** The journal's id for this delivery, unique within the journal. */
  public abstract long id();

  public abstract FileIdentity file();

  /**
   * Where the recording agent found the file on its machine. Another agent resolves
   * {@link #file()} against its own mount of the root instead.
   */
  public abstract String localPath();

  public abstract DeliveryState state();

  /** Attempts that ended in a retryable failure so far. */
  public abstract int attempts();

  /** Not to be claimed before this time (a retry's back-off). */
  public abstract Optional<Instant> notBefore();

  /** Why it is quarantined, failed, superseded or waiting for a retry. */
  public abstract Optional<String> reason();

  /** The agent holding the lease, while {@link DeliveryState#IN_PROGRESS}. */
  public abstract Optional<String> owner();

  /** When the current lease ends unless renewed. */
  public abstract Optional<Instant> leaseExpiresAt();

  public abstract Instant recordedAt();

  public abstract Instant updatedAt();

  public abstract DeliveryFacts facts();

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Delivery}; for journal implementations and tests. */
  public static final class Builder extends ImmutableDelivery.Builder {}
}
