package io.postflow.frameio.webhooks;

/**
 * Receives verified webhook events from a {@link WebhookReceiver}.
 *
 * <p>Called on the receiver's executor, after Frame.io already got its 200, so slow work here
 * does not cause redeliveries; calls may run concurrently when the executor has several threads.
 * Exceptions are caught and logged by the receiver and affect nothing else. Frame.io delivers at
 * least once: make handling idempotent (key on type and resource id).
 */
@FunctionalInterface
public interface WebhookListener {
  /** Handles one verified event; should not block for long on a shared executor. */
  void onEvent(WebhookEvent event);
}
