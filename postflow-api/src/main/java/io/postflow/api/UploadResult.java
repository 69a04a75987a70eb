package io.postflow.api;

import java.time.Duration;
import org.immutables.value.Value;

/** A finished upload: the remote file and proof of what was sent. */
@Value.Immutable
public abstract class UploadResult {
  /** The id of the Frame.io file. */
  public abstract String fileId();

  public abstract String fileName();

  public abstract String folderId();

  public abstract long sizeBytes();

  /** The media type the service chose for the file, e.g. {@code video/quicktime}. */
  public abstract String mediaType();

  /**
   * Lowercase hex SHA-256 of the bytes that were sent, computed while sending (local uploads) or
   * while they were served (remote uploads).
   */
  public abstract String sha256();

  public abstract UploadMethod method();

  /** The file's status when the upload was confirmed. */
  public abstract RemoteFileStatus remoteStatus();

  /** Wall time from start to confirmation. */
  public abstract Duration duration();

  /** 1, or 2 when the upload had to start over with a new placeholder. */
  public abstract int attempts();

  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link UploadResult}. */
  public static final class Builder extends ImmutableUploadResult.Builder {}
}
