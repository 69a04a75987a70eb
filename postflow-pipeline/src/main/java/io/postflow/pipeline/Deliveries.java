package io.postflow.pipeline;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryJournal;
import io.postflow.api.DeliveryState;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the pipeline's journal knows, for people and tools (the CLI, a dashboard): read-only
 * queries, plus putting set-aside deliveries back in the queue. Thread-safe.
 */
public final class Deliveries {
  private final DeliveryJournal journal;
  private final Runnable wakeWorkers;

  Deliveries(DeliveryJournal journal, Runnable wakeWorkers) {
    this.journal = journal;
    this.wakeWorkers = wakeWorkers;
  }

  public Optional<Delivery> find(long id) {
    return journal.find(id);
  }

  /** Deliveries in the given states (all when empty), newest first, at most {@code limit}. */
  public List<Delivery> list(Set<DeliveryState> states, int limit) {
    return journal.list(states, limit);
  }

  /** Every delivery of a shot (by nomenclature, e.g. {@code UNDLM_00042}), oldest first. */
  public List<Delivery> ofShot(String shot) {
    return journal.byShot(shot, EnumSet.allOf(DeliveryState.class));
  }

  /** How many deliveries are in each state. */
  public Map<DeliveryState, Long> counts() {
    return journal.counts();
  }

  /**
   * Puts one quarantined or failed delivery back in the queue (attempts back to 0, facts kept).
   *
   * @param id the delivery
   * @return whether it was requeued; false when there is no such delivery or it is in another state
   */
  public boolean retry(long id) {
    boolean requeued = journal.requeue(id);
    if (requeued) {
      wakeWorkers.run();
    }
    return requeued;
  }

  /**
   * Removes a delivery that is not in progress from the journal; a watched file that is still
   * there is then recorded again as new work at the next scan.
   *
   * @param id the delivery
   * @return whether it was removed; false when there is no such delivery or it is in progress
   */
  public boolean forget(long id) {
    return journal.forget(id);
  }

  /**
   * Puts every delivery in {@code state} ({@link DeliveryState#QUARANTINED} after fixing the shot
   * list or the patterns, {@link DeliveryState#FAILED} after fixing the cause) back in the queue.
   *
   * @return how many
   */
  public int retry(DeliveryState state) {
    if (state != DeliveryState.QUARANTINED && state != DeliveryState.FAILED) {
      throw new IllegalArgumentException("only quarantined or failed deliveries can be retried, not " + state);
    }
    int n = journal.requeue(state);
    wakeWorkers.run();
    return n;
  }
}
