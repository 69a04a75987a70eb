package io.postflow.pipeline.engine;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryFacts;
import io.postflow.api.DeliveryJournal;
import io.postflow.api.DeliveryState;
import io.postflow.api.FileIdentity;
import io.postflow.api.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A journal that times every call for {@link SignalSink#journalCall} (through {@link PipelineSignals}) and otherwise is the journal
 * it wraps (which it does not close: whoever opened it does).
 */
final class TimedJournal implements DeliveryJournal {
  private final DeliveryJournal journal;
  private final PipelineSignals sink;

  TimedJournal(DeliveryJournal journal, PipelineSignals sink) {
    this.journal = journal;
    this.sink = sink;
  }

  private <T> T timed(String operation, Supplier<T> call) {
    long started = System.nanoTime();
    try {
      return call.get();
    } finally {
      sink.journalCall(operation, Duration.ofNanos(System.nanoTime() - started));
    }
  }

  @Override
  public Optional<Delivery> record(FileIdentity file, String localPath, DeliveryFacts known) {
    return timed("record", () -> journal.record(file, localPath, known));
  }

  @Override
  public boolean isRecorded(FileIdentity file) {
    return timed("isRecorded", () -> journal.isRecorded(file));
  }

  @Override
  public Optional<Lease> claim(String owner, Duration leaseLength) {
    return timed("claim", () -> journal.claim(owner, leaseLength));
  }

  @Override
  public Lease renew(Lease lease, Duration leaseLength) {
    return timed("renew", () -> journal.renew(lease, leaseLength));
  }

  @Override
  public Delivery recordFacts(Lease lease, DeliveryFacts facts) {
    return timed("recordFacts", () -> journal.recordFacts(lease, facts));
  }

  @Override
  public Delivery complete(Lease lease) {
    return timed("complete", () -> journal.complete(lease));
  }

  @Override
  public Delivery retryLater(Lease lease, Instant notBefore, String reason) {
    return timed("retryLater", () -> journal.retryLater(lease, notBefore, reason));
  }

  @Override
  public Delivery release(Lease lease) {
    return timed("release", () -> journal.release(lease));
  }

  @Override
  public Delivery postpone(Lease lease, Instant notBefore, String reason) {
    return timed("postpone", () -> journal.postpone(lease, notBefore, reason));
  }

  @Override
  public Delivery finish(Lease lease, DeliveryState state, String reason) {
    return timed("finish", () -> journal.finish(lease, state, reason));
  }

  @Override
  public boolean recordNotified(long deliveryId, Instant notifiedAt) {
    return timed("recordNotified", () -> journal.recordNotified(deliveryId, notifiedAt));
  }

  @Override
  public int requeue(DeliveryState from) {
    return timed("requeue", () -> journal.requeue(from));
  }

  @Override
  public Optional<Delivery> find(long id) {
    return timed("find", () -> journal.find(id));
  }

  @Override
  public Optional<Delivery> find(FileIdentity file) {
    return timed("find", () -> journal.find(file));
  }

  @Override
  public List<Delivery> byShot(String shot, Set<DeliveryState> states) {
    return timed("byShot", () -> journal.byShot(shot, states));
  }

  @Override
  public Optional<Delivery> latestDelivered(String shot) {
    return timed("latestDelivered", () -> journal.latestDelivered(shot));
  }

  @Override
  public List<Delivery> list(Set<DeliveryState> states, int limit) {
    return timed("list", () -> journal.list(states, limit));
  }

  @Override
  public Map<DeliveryState, Long> counts() {
    return timed("counts", journal::counts);
  }

  @Override
  public Optional<Instant> nextDue() {
    return timed("nextDue", journal::nextDue);
  }

  /** The wrapped journal stays open: its opener closes it. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return journal.toString();
  }
}
