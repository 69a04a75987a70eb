package io.postflow.frameio;

import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The answer of {@code GET .../files/{id}/status}: the only place an upload failure shows.
 * Immutable.
 */
@Value.Immutable
public abstract class FileUploadStatus {
  /** The file's id. */
  public abstract String id();

  /** The service's file type, e.g. {@code video}; may be empty. */
  public abstract Optional<String> fileType();

  /** The service has all the bytes. */
  public abstract boolean uploadComplete();

  /** The service gave up on this upload: delete the file and start again. */
  public abstract boolean uploadFailed();

  /** When the upload started, as the service saw it. */
  public abstract Optional<Instant> uploadedAt();

  /** When the service had all the bytes. */
  public abstract Optional<Instant> uploadCompletedAt();

  /** Either complete or failed: polling can stop. */
  public boolean isSettled() {
    return uploadComplete() || uploadFailed();
  }
}
