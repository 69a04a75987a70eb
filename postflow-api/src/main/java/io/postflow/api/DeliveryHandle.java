package io.postflow.api;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One file version handed to the pipeline ({@code PostFlow.submit}): its completion, its state in
 * the journal and its upload's progress. Thread-safe; every method returns at once.
 */
public interface DeliveryHandle {
  /** The journal's id of the delivery. */
  long id();

  /**
   * Completes with the delivery once it is {@link DeliveryState#DELIVERED}, or exceptionally with
   * a {@link DeliveryException} when it is quarantined, failed or superseded. Cancelling this
   * future stops nothing: the delivery goes on in the pipeline.
   */
  CompletableFuture<Delivery> completion();

  /** The delivery as the journal knows it now. */
  Delivery delivery();

  /** The upload's progress while this agent uploads it; empty before and after. */
  Optional<UploadProgress> progress();
}
