package io.postflow.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link DeliveryJournal} that forwards every call to another one, {@link #delegate()}: extend it
 * to add to a journal (count its calls, time them, add queries) while overriding only what
 * changes, like Guava's {@code ForwardingObject}s. PostFlow's own journals are a public type over
 * the shared JDBC core this way.
 */
public abstract class ForwardingDeliveryJournal implements DeliveryJournal {

  /** For subclasses. */
  protected ForwardingDeliveryJournal() {}

  /** The journal every call goes to. */
  protected abstract DeliveryJournal delegate();

  @Override
  public Optional<Delivery> record(FileIdentity file, String localPath, DeliveryFacts known) {
    return delegate().record(file, localPath, known);
  }

  @Override
  public boolean isRecorded(FileIdentity file) {
    return delegate().isRecorded(file);
  }

  @Override
  public Optional<Lease> claim(String owner, Duration leaseLength) {
    return delegate().claim(owner, leaseLength);
  }

  @Override
  public Lease renew(Lease lease, Duration leaseLength) {
    return delegate().renew(lease, leaseLength);
  }

  @Override
  public Delivery recordFacts(Lease lease, DeliveryFacts facts) {
    return delegate().recordFacts(lease, facts);
  }

  @Override
  public Delivery complete(Lease lease) {
    return delegate().complete(lease);
  }

  @Override
  public Delivery retryLater(Lease lease, Instant notBefore, String reason) {
    return delegate().retryLater(lease, notBefore, reason);
  }

  @Override
  public Delivery release(Lease lease) {
    return delegate().release(lease);
  }

  @Override
  public Delivery postpone(Lease lease, Instant notBefore, String reason) {
    return delegate().postpone(lease, notBefore, reason);
  }

  @Override
  public Delivery finish(Lease lease, DeliveryState state, String reason) {
    return delegate().finish(lease, state, reason);
  }

  @Override
  public boolean recordNotified(long deliveryId, Instant notifiedAt) {
    return delegate().recordNotified(deliveryId, notifiedAt);
  }

  @Override
  public boolean requeue(long id) {
    return delegate().requeue(id);
  }

  @Override
  public boolean forget(long id) {
    return delegate().forget(id);
  }

  @Override
  public int requeue(DeliveryState from) {
    return delegate().requeue(from);
  }

  @Override
  public Optional<Delivery> find(long id) {
    return delegate().find(id);
  }

  @Override
  public Optional<Delivery> find(FileIdentity file) {
    return delegate().find(file);
  }

  @Override
  public List<Delivery> byShot(String shot, Set<DeliveryState> states) {
    return delegate().byShot(shot, states);
  }

  @Override
  public Optional<Delivery> latestDelivered(String shot) {
    return delegate().latestDelivered(shot);
  }

  @Override
  public List<Delivery> list(Set<DeliveryState> states, int limit) {
    return delegate().list(states, limit);
  }

  @Override
  public Map<DeliveryState, Long> counts() {
    return delegate().counts();
  }

  @Override
  public Optional<Instant> nextDue() {
    return delegate().nextDue();
  }

  @Override
  public void close() {
    delegate().close();
  }
}
