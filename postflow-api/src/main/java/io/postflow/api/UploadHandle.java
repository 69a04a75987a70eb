package io.postflow.api;

import java.util.concurrent.CompletableFuture;

/**
 * A running upload, like the AWS Transfer Manager's {@code FileUpload}: a completion future, a
 * progress snapshot at any time, and cancellation.
 */
public interface UploadHandle {
  /**
   * Completes with the result, or exceptionally with an {@link UploadException},
   * {@link ServiceException} or {@link java.util.concurrent.CancellationException}.
   * Cancelling this future cancels the upload, like {@link #cancel()}.
   */
  CompletableFuture<UploadResult> completion();

  /** The progress now. Cheap; may be called from any thread at any rate. */
  UploadProgress progress();

  /**
   * Stops the transfer: in-flight requests are aborted, no new part starts, and the remote
   * placeholder is deleted (best effort). Returns {@code false} when the upload had already ended.
   */
  boolean cancel();
}
