package io.postflow.testkit;

/**
 * One webhook delivery as {@link SandboxInspector#webhookDeliveries()} reports it.
 *
 * @param url where it is sent
 * @param body the JSON event payload ({@code type}, {@code resource}, {@code account}, ...)
 * @param attempts attempts made so far
 * @param lastStatus HTTP status of the last attempt, 0 if none answered
 * @param delivered whether a 2xx came back in time
 */
public record SandboxDelivery(String url, String body, int attempts, int lastStatus, boolean delivered) {
  /** Leaves the body out: it is a payload, and URLs of receivers may carry tokens. */
  @Override
  public String toString() {
    int q = url.indexOf('?');
    return "SandboxDelivery[url=" + (q < 0 ? url : url.substring(0, q) + "?...") + ", attempts=" + attempts
        + ", lastStatus=" + lastStatus + ", delivered=" + delivered + "]";
  }
}
