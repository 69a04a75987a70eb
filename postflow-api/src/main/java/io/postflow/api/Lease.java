package io.postflow.api;

import java.time.Instant;
import org.immutables.value.Value;

/**
 * A worker's exclusive right to advance one delivery until {@link #expiresAt()}, handed out by
 * {@link DeliveryJournal#claim}. Every write made with a lease carries its {@link #fence()}; the
 * journal refuses writes whose fence is no longer the current one, so an agent that was paused
 * past its lease (a long GC, a suspended laptop) cannot overwrite the progress of the agent that
 * took the delivery over.
 */
@Value.Immutable
public abstract class Lease {
  /** The delivery as it was when claimed (or renewed). */
  public abstract Delivery delivery();

  public abstract String owner();

  /** The fencing token: grows by one with every claim of the delivery. */
  public abstract long fence();

  public abstract Instant expiresAt();

  /** The delivery's id. */
  public long deliveryId() {
    return delivery().id();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Lease}; for journal implementations. */
  public static final class Builder extends ImmutableLease.Builder {}
}
