package io.postflow.api;

/**
 * Told about one upload's progress.
 *
 * <p><b>Contract.</b>
 * <ul>
 *   <li>Order: {@link #onStarted} once; {@link #onRemoteFileCreated} once the service has
 *       created the remote file, before any part or byte is reported; then any number of
 *       {@link #onPartCompleted} and {@link #onProgress}; then exactly one terminal call:
 *       {@link #onCompleted} or {@link #onFailed} (cancellation arrives as {@code onFailed} with
 *       a {@link java.util.concurrent.CancellationException}). An upload that starts over with a
 *       new remote file (its {@link UploadResult#attempts()} is then 2) calls
 *       {@code onRemoteFileCreated} again, with the new id, before that attempt's parts.</li>
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

  /** The upload of {@code request} begins (on the uploader's thread, before any call to the service). */
  default void onStarted(UploadRequest request) {}

  /**
   * The service has just created the remote file {@code fileId} for {@code request} (the answer to
   * {@code local_upload} or {@code remote_upload}), and nothing has been sent yet. Called exactly
   * once per remote file, even when the upload is cancelled or fails right after, so that a caller
   * can record the id durably and, after a crash, find the file and delete or adopt it. (A remote
   * upload's service may begin fetching as soon as it answers; no progress is reported before this
   * call.) On success the id equals {@link UploadResult#fileId()}; a failed or cancelled upload
   * deletes its remote file when it can (and otherwise names it in {@link
   * UploadException#remoteFileId()}).
   */
  default void onRemoteFileCreated(UploadRequest request, String fileId) {}

  /**
   * A multipart local upload's checkpoint changed: once right after {@link #onRemoteFileCreated}
   * (no part done yet) and after each part the service accepted. Keep the latest to resume the
   * upload after a crash with {@link UploadRequest#resumeFrom()}. Not called for uploads of a
   * single part (nothing to resume) nor for remote uploads. The checkpoint holds presigned part
   * URLs, which are secrets: store it only where its owner alone can read it.
   */
  default void onCheckpoint(UploadRequest request, UploadCheckpoint checkpoint) {}

  /** A progress snapshot; rate-limited, see the class comment. */
  default void onProgress(UploadProgress progress) {}

  /** Part {@code partIndex} (0-based) of {@code totalParts} has been accepted by the service. */
  default void onPartCompleted(int partIndex, int totalParts, long partBytes) {}

  /** The terminal call of a successful upload. */
  default void onCompleted(UploadResult result) {}

  /** The terminal call of a failed or cancelled upload. */
  default void onFailed(Throwable error) {}
}
