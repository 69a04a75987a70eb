package io.postflow.api;

/**
 * Told about one upload's progress.
 *
 * <p><b>Contract.</b>
 * <ul>
 *   <li>Order: {@link #onStarted} once, then any number of {@link #onPartCompleted} and
 *       {@link #onProgress}, then exactly one terminal call: {@link #onCompleted} or
 *       {@link #onFailed} (cancellation arrives as {@code onFailed} with a
 *       {@link java.util.concurrent.CancellationException}).</li>
 *   <li>Calls may come from any thread, but never two at once for the same upload.</li>
 *   <li>Calls must return quickly and must not block: they run on the upload's threads. Hand
 *       slow work to your own executor.</li>
 *   <li>An exception thrown by a listener is caught and logged; it never fails the upload.</li>
 *   <li>{@link #onProgress} is rate-limited by the uploader (a few times per second at most).</li>
 * </ul>
 * Every method has a default that does nothing, so implement only what you need.
 */
public interface UploadListener {
  /** A listener that ignores everything. */
  UploadListener NONE = new UploadListener() {};

  default void onStarted(UploadRequest request) {}

  default void onProgress(UploadProgress progress) {}

  /** Part {@code partIndex} (0-based) of {@code totalParts} has been accepted by the service. */
  default void onPartCompleted(int partIndex, int totalParts, long partBytes) {}

  default void onCompleted(UploadResult result) {}

  default void onFailed(Throwable error) {}
}
