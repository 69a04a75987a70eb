package io.postflow.frameio;

import io.postflow.api.RemoteFileStatus;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A Frame.io file ({@code type: "file"}). Named {@code FileAsset} so it does not shadow
 * {@link java.io.File}. Immutable and thread-safe; {@code toString()} hides media links, which are
 * presigned.
 */
@Value.Immutable
public abstract class FileAsset implements Asset {
  @Override
  public final AssetType type() {
    return AssetType.FILE;
  }

  /** Size in bytes, when known. */
  public abstract OptionalLong fileSize();

  /** The media type the service chose from the name, e.g. {@code video/quicktime}. */
  public abstract Optional<String> mediaType();

  /** {@code created -> uploaded -> transcoded}. */
  public abstract RemoteFileStatus status();

  /**
   * The presigned download link of the original, present only when the file was fetched with
   * {@code include=media_links.original} and is transcoded. A secret: never log it.
   */
  @Value.Redacted
  public abstract Optional<String> originalDownloadUrl();
}
