package io.postflow.frameio;

import io.postflow.api.UploadHandle;
import io.postflow.api.UploadRequest;
import io.postflow.api.Uploader;
import io.postflow.frameio.webhooks.WebhookListener;
import java.util.Objects;

/**
 * What {@link LocalUploader} and {@link RemoteUploader} share as entry points: checking the
 * request, starting a session, the webhook listener and closing the executor. Thread-safe.
 *
 * <p>Its public methods are deliberately not {@code final}: javac then gives the public
 * subclasses public bridge methods, so that reflection on them works from other packages.
 */
abstract class UploaderBase implements Uploader {
  final UploadSettings settings;

  UploaderBase(UploadSettings settings) {
    this.settings = settings;
  }

  /** A not yet started session for {@code request}, whose file has been checked. */
  abstract UploadExecution session(UploadRequest request, UploadSource source);

  /**
   * Starts uploading {@code request.file()}; returns at once.
   *
   * @throws io.postflow.api.UploadException when the file is missing, not a regular file, empty
   *     or unreadable, or the uploader is closed
   */
  @Override
  public UploadHandle upload(UploadRequest request) {
    Objects.requireNonNull(request, "request");
    return session(request, UploadSource.inspect(request.file(), request.fileName())).start();
  }

  /**
   * A listener for a {@link io.postflow.frameio.webhooks.WebhookReceiver}: when
   * {@code file.upload.completed} or {@code file.ready} arrives for a file this uploader is
   * confirming, that upload checks the status at once instead of at its next poll. Optional
   * (uploads poll without it) and thread-safe; other events are ignored.
   *
   * <pre>{@code
   * WebhookReceiver.builder().secret(secret).listener(uploader.webhookListener()).build().start();
   * }</pre>
   */
  public WebhookListener webhookListener() {
    return settings.signals.webhookListener();
  }

  /**
   * Shuts down the executor this uploader created, which aborts the uploads still running on it.
   * Never closes what it was given: your executor, exposer or tunnel. Idempotent; later uploads
   * fail with an {@link io.postflow.api.UploadException}.
   */
  @Override
  public void close() {
    settings.close();
  }
}
