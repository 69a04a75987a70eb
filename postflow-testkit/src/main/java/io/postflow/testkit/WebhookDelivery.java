package io.postflow.testkit;

/**
 * A snapshot of one webhook delivery, as {@link WebhookDispatcher#deliveries()} reports it.
 *
 * @param id sequence number, in the order {@code deliver} was called
 * @param url where it goes (may carry a capability token: {@link #toString()} drops the query)
 * @param body the event JSON, byte for byte what was signed and sent
 * @param attempts how many POSTs were made so far
 * @param lastStatus the last HTTP status received, or -1 if no attempt got an answer in time
 * @param state pending, delivered (a 2xx came back in time) or failed for good
 * @param lastError why the last attempt failed, or null
 */
record WebhookDelivery(long id, String url, String body, int attempts, int lastStatus,
    State state, String lastError) {

  /** Where a delivery stands. */
  enum State { PENDING, DELIVERED, FAILED }

  /** Whether a 2xx came back within the reply timeout. */
  boolean delivered() {
    return state == State.DELIVERED;
  }

  @Override
  public String toString() {
    int q = url.indexOf('?');
    return "WebhookDelivery[id=" + id + ", url=" + (q < 0 ? url : url.substring(0, q) + "?...")
        + ", attempts=" + attempts + ", lastStatus=" + lastStatus + ", state=" + state
        + (lastError == null ? "" : ", lastError=" + lastError) + "]";
  }
}
