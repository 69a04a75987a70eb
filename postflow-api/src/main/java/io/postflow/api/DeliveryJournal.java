package io.postflow.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pipeline's one source of truth for what has been seen and what became of it, and its work
 * queue. The watcher only {@link #record records} a settled file version and returns; workers
 * {@link #claim} the next piece of work under a {@link Lease}, record each fact the moment it
 * becomes true, and end the lease by completing, retrying later, releasing or finishing it. A crash
 * anywhere resumes from the last recorded fact: nothing is lost and nothing is uploaded twice.
 *
 * <p><b>Contract.</b>
 * <ul>
 *   <li>Thread-safe; several workers (and, for a shared journal, several agents) use one journal.</li>
 *   <li>Durable: a method that returned has its effect on stable storage; a crash right after
 *       loses nothing it acknowledged.</li>
 *   <li>Fenced: every write made with a lease checks that the lease's {@link Lease#fence()} is
 *       still the delivery's current one and throws {@link LeaseLostException} otherwise.</li>
 *   <li>A lease that expires unrenewed makes the delivery claimable again by anyone; an embedded
 *       journal that only one process can open may release its predecessor's leases on opening.</li>
 *   <li>Failures of the storage itself are {@link JournalException}s naming the journal.</li>
 * </ul>
 *
 * <p>Implementations: the embedded SQLite journal (the default) and a PostgreSQL journal shared
 * by several agents, in {@code postflow-pipeline}.
 */
public interface DeliveryJournal extends AutoCloseable {

  /**
   * Records a settled (or submitted) file version as {@link DeliveryState#PENDING} with the facts
   * already known (usually the shot and version read from its name, so per-shot ordering holds
   * from the start). Idempotent: recording a version already recorded changes nothing. Older
   * versions of the same path that are pending, quarantined or failed become
   * {@link DeliveryState#SUPERSEDED}.
   *
   * @param localPath where this agent found the file
   * @return the new delivery, or empty when exactly this version was recorded before
   */
  Optional<Delivery> record(FileIdentity file, String localPath, DeliveryFacts known);

  /** Whether exactly this version was recorded before, whatever became of it. */
  boolean isRecorded(FileIdentity file);

  /**
   * Claims the oldest delivery that is pending and due (its {@code notBefore} passed), or in
   * progress under an expired lease (the clock is past its {@link Lease#expiresAt()}), for
   * {@code owner} until now + {@code leaseLength}.
   *
   * @return the lease, or empty when there is no work now
   */
  Optional<Lease> claim(String owner, Duration leaseLength);

  /** Extends a lease while its work goes on (a heartbeat). @throws LeaseLostException */
  Lease renew(Lease lease, Duration leaseLength);

  /**
   * Records facts that just became true, merged into those recorded before.
   *
   * @return the delivery with the merged facts
   * @throws LeaseLostException when the lease is no longer current
   */
  Delivery recordFacts(Lease lease, DeliveryFacts facts);

  /** The delivery reached Frame.io and everything after: {@link DeliveryState#DELIVERED}. */
  Delivery complete(Lease lease);

  /**
   * Puts the delivery back as pending, not to be claimed before {@code notBefore}, counting one
   * more failed attempt and keeping {@code reason}.
   */
  Delivery retryLater(Lease lease, Instant notBefore, String reason);

  /** Gives the delivery back as pending and due at once, counting no attempt (e.g. on shutdown). */
  Delivery release(Lease lease);

  /**
   * Gives the delivery back as pending, not to be claimed before {@code notBefore}, counting no
   * attempt: it waits for something else (an earlier version of its shot to be delivered first).
   */
  Delivery postpone(Lease lease, Instant notBefore, String reason);

  /**
   * Ends the delivery as {@link DeliveryState#QUARANTINED}, {@link DeliveryState#FAILED} or
   * {@link DeliveryState#SUPERSEDED}, with the reason.
   *
   * @throws IllegalArgumentException for any other state
   */
  Delivery finish(Lease lease, DeliveryState state, String reason);

  /**
   * Records that the team was told about a delivery that ended {@link DeliveryState#DELIVERED}:
   * its {@link DeliveryFacts#notifiedAt()}. Takes no lease, because the notification is sent after
   * the lease ended (a slow chat channel must not hold up uploads), and changes nothing else (not
   * {@link Delivery#updatedAt()}, which stays the time it was delivered).
   *
   * @return true when recorded now; false when the delivery is not delivered or its notification
   *     was already recorded (someone else told the team first)
   */
  boolean recordNotified(long deliveryId, Instant notifiedAt);

  /**
   * Makes every delivery in state {@code from} ({@link DeliveryState#QUARANTINED} or
   * {@link DeliveryState#FAILED}) pending and due again, with its attempts reset; its facts stay.
   *
   * @return how many were requeued
   */
  int requeue(DeliveryState from);

  /**
   * Puts one quarantined or failed delivery back in the queue, like {@link #requeue(DeliveryState)}
   * does for all of them: pending, due at once, attempts back to 0, facts kept.
   *
   * @param id the delivery
   * @return whether it was requeued; false when there is no such delivery or it is in another state
   * @throws UnsupportedOperationException when this journal cannot (the default)
   */
  default boolean requeue(long id) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot requeue one delivery");
  }

  /**
   * Removes a delivery that is not in progress from the journal, facts and all: the file version is
   * then unknown, so a watcher that still sees the file records it again as new work.
   *
   * @param id the delivery
   * @return whether it was removed; false when there is no such delivery or it is in progress
   * @throws UnsupportedOperationException when this journal cannot (the default)
   */
  default boolean forget(long id) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot forget a delivery");
  }

  Optional<Delivery> find(long id);

  Optional<Delivery> find(FileIdentity file);

  /**
   * The deliveries of {@code shot} (by {@link DeliveryFacts#shot()}) in the given states (all
   * states when empty, as for {@link #list}), oldest first.
   */
  List<Delivery> byShot(String shot, Set<DeliveryState> states);

  /** The most recently delivered version of {@code shot}, the head of its version stack. */
  Optional<Delivery> latestDelivered(String shot);

  /** Deliveries in the given states (all states when empty), newest first, at most {@code limit}. */
  List<Delivery> list(Set<DeliveryState> states, int limit);

  /** How many deliveries are in each state (states with none are left out). */
  Map<DeliveryState, Long> counts();

  /**
   * The earliest time at which {@link #claim} could find work that it cannot find now: a retry
   * coming due or a lease expiring. Empty when nothing is waiting. Lets idle workers sleep.
   */
  Optional<Instant> nextDue();

  /** Releases the journal's resources; deliveries and leases stay as they are. Idempotent. */
  @Override
  void close();
}
