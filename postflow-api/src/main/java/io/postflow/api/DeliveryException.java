package io.postflow.api;

/**
 * A file version will not reach Frame.io as it is: it was quarantined (its name or shot is
 * unknown), failed for good, or was superseded by a newer version. The message says why; the
 * journal keeps the same reason.
 */
public class DeliveryException extends PostFlowException {
  private static final long serialVersionUID = 1L;

  private final transient Delivery delivery;

  public DeliveryException(Delivery delivery, Throwable cause) {
    super(delivery.file().relativePath() + " was not delivered ("
        + delivery.state().name().toLowerCase(java.util.Locale.ROOT) + "): "
        + delivery.reason().orElse("no reason recorded"), cause);
    this.delivery = delivery;
  }

  /** The delivery in its final state. */
  public Delivery delivery() {
    return delivery;
  }
}
