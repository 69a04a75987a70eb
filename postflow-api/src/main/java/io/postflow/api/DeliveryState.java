package io.postflow.api;

/**
 * Where a delivery (one file version on its way to Frame.io) stands in the {@link DeliveryJournal}.
 *
 * <pre>
 *   PENDING --claim--&gt; IN_PROGRESS --complete--&gt; DELIVERED
 *      ^                  |  |  |
 *      +--retry/release---+  |  +--&gt; FAILED (permanent error, or retries used up)
 *      +--requeue---- QUARANTINED (name matches no pattern, shot not in the list)
 *   PENDING, QUARANTINED, FAILED --a newer version of the same path--&gt; SUPERSEDED
 * </pre>
 */
public enum DeliveryState {
  /** Waiting for a worker, possibly not before a retry time. */
  PENDING,
  /** Claimed by a worker that holds a lease on it. */
  IN_PROGRESS,
  /** On Frame.io, confirmed, stacked, the shot's status written. */
  DELIVERED,
  /** Set aside until the patterns or the shot list change: its name or shot is unknown. */
  QUARANTINED,
  /** Stopped for good, with the reason. */
  FAILED,
  /** A newer version of the same file arrived before this one was delivered. */
  SUPERSEDED;

  /** Whether nothing more happens to a delivery in this state unless someone requeues it. */
  public boolean isFinal() {
    return this != PENDING && this != IN_PROGRESS;
  }
}
