package io.postflow.api;

/**
 * A journal write was refused because the lease it was made under is no longer the current one:
 * it expired and another worker claimed the delivery. The worker must stop working on that
 * delivery at once, without side effects; the new owner continues from the recorded facts.
 */
public class LeaseLostException extends PostFlowException {
  private static final long serialVersionUID = 1L;

  private final long deliveryId;

  public LeaseLostException(long deliveryId, String message) {
    super(message);
    this.deliveryId = deliveryId;
  }

  public long deliveryId() {
    return deliveryId;
  }
}
