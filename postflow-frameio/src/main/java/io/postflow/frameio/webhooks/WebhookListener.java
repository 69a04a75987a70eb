package io.postflow.frameio.webhooks;

/**
 * Receives verified webhook events from a {@link WebhookReceiver}.
 *
 * <p>Called on the receiver's executor; Frame.io gets its 200 as soon as the call for its event
 * begins, so slow work here does not delay that event's answer, but the next events wait for the
 * executor (after the receiver's {@code deliveryTimeout} they are answered 503 and redelivered
 * later): hand long work off. Calls may run concurrently when the executor has several threads.
 * Once an event's delivery has begun, every listener gets it, even while the receiver closes.
 * Exceptions are caught and logged by the receiver and affect nothing else. Frame.io delivers at
 * least once: make handling idempotent (key on type and resource id).
 */
@FunctionalInterface
public interface WebhookListener {
  /** Handles one verified event; should not block for long on a shared executor. */
  void onEvent(WebhookEvent event);
}
