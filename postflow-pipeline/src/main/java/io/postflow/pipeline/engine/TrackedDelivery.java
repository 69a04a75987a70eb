package io.postflow.pipeline.engine;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryException;
import io.postflow.api.DeliveryHandle;
import io.postflow.api.DeliveryJournal;
import io.postflow.api.DeliveryState;
import io.postflow.api.UploadProgress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A {@link DeliveryHandle} completed by the orchestrator when its delivery reaches a final state. */
final class TrackedDelivery implements DeliveryHandle {
  private final long id;
  private final DeliveryJournal journal;
  private final ProgressBoard progress;
  private final CompletableFuture<Delivery> completion = new CompletableFuture<>();

  TrackedDelivery(long id, DeliveryJournal journal, ProgressBoard progress) {
    this.id = id;
    this.journal = journal;
    this.progress = progress;
  }

  @Override
  public long id() {
    return id;
  }

  @Override
  public CompletableFuture<Delivery> completion() {
    return completion;
  }

  @Override
  public Delivery delivery() {
    return journal.find(id).orElseThrow(() -> new IllegalStateException("delivery " + id + " left the journal"));
  }

  @Override
  public Optional<UploadProgress> progress() {
    return progress.get(id);
  }

  /** Completes the handle when {@code delivery} is final. */
  void settleIfFinal(Delivery delivery) {
    if (delivery.state() == DeliveryState.DELIVERED) {
      completion.complete(delivery);
    } else if (delivery.state().isFinal()) {
      completion.completeExceptionally(new DeliveryException(delivery, null));
    }
  }
}
