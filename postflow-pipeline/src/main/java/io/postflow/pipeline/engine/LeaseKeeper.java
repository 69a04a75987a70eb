package io.postflow.pipeline.engine;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryFacts;
import io.postflow.api.DeliveryJournal;
import io.postflow.api.DeliveryState;
import io.postflow.api.Lease;
import java.time.Clock;
import java.time.Duration;

/**
 * One run's lease on its delivery: every journal write of the run goes through here, with the
 * lease's fence, and the lease is renewed whenever a third of it has passed, so a long upload
 * keeps it. Thread-safe: the uploader's threads record placeholder ids while the worker renews.
 * A {@link io.postflow.api.LeaseLostException} from any call means another worker owns the
 * delivery now; the run must stop without further side effects.
 */
final class LeaseKeeper {
  private final DeliveryJournal journal;
  private final Duration leaseLength;
  private final Clock clock;
  private Lease lease;
  private Delivery delivery;
  private long renewedAtNanos;

  LeaseKeeper(DeliveryJournal journal, Lease lease, Duration leaseLength, Clock clock) {
    this.journal = journal;
    this.lease = lease;
    this.delivery = lease.delivery();
    this.leaseLength = leaseLength;
    this.clock = clock;
    this.renewedAtNanos = System.nanoTime();
  }

  synchronized Delivery delivery() {
    return delivery;
  }

  synchronized long deliveryId() {
    return lease.deliveryId();
  }

  /** Renews the lease when a third of it has passed since the last renewal. */
  synchronized void renewIfDue() {
    // Elapsed time on the monotonic clock: the lease must be renewed in real time whatever the
    // pipeline's (possibly simulated) clock says.
    if (System.nanoTime() - renewedAtNanos >= leaseLength.toNanos() / 3) {
      lease = journal.renew(lease, leaseLength);
      delivery = lease.delivery();
      renewedAtNanos = System.nanoTime();
    }
  }

  synchronized Delivery record(DeliveryFacts facts) {
    renewIfDue();
    delivery = journal.recordFacts(lease, facts);
    return delivery;
  }

  synchronized Delivery complete() {
    delivery = journal.complete(lease);
    return delivery;
  }

  synchronized Delivery finish(DeliveryState state, String reason) {
    delivery = journal.finish(lease, state, reason);
    return delivery;
  }

  synchronized Delivery retryLater(Duration delay, String reason) {
    delivery = journal.retryLater(lease, clock.instant().plus(delay), reason);
    return delivery;
  }

  synchronized Delivery postpone(Duration delay, String reason) {
    delivery = journal.postpone(lease, clock.instant().plus(delay), reason);
    return delivery;
  }

  synchronized Delivery release() {
    delivery = journal.release(lease);
    return delivery;
  }
}
