package io.postflow.api;

/**
 * Sends a local file to Frame.io.
 *
 * <p><b>Contract.</b> Thread-safe; many uploads may run at once. {@link #upload} does not block
 * beyond validating the request: the work happens on the implementation's executor and is
 * followed through the returned {@link UploadHandle}. A file is never reported uploaded unless the
 * service confirmed all of its bytes; a file that changes on disk while it is sent fails the
 * upload with an {@link UploadException}.
 *
 * <p><b>Closing.</b> {@link #close()} releases what the uploader created itself (its own
 * executor, which aborts the uploads still running on it) and nothing it was given: never the
 * caller's executor, exposer or tunnel. Idempotent; {@link #upload} fails afterwards.
 *
 * <p>Implementations: {@code LocalUploader} (presigned multipart PUTs, the default) and
 * {@code RemoteUploader} (a {@link FileExposer} and a {@link Tunnel}; Frame.io pulls).
 */
public interface Uploader extends AutoCloseable {

  /**
   * Starts uploading.
   *
   * @throws UploadException when the file cannot be read at all (missing, a directory, empty)
   */
  UploadHandle upload(UploadRequest request);

  /**
   * Releases what this uploader created (never what it was given, see the class comment).
   * Idempotent. Throws no checked exception, so try-with-resources needs no {@code catch}.
   */
  @Override
  void close();
}
