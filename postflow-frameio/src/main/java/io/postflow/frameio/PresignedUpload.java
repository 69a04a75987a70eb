package io.postflow.frameio;

import java.util.List;
import org.immutables.value.Value;

/**
 * The answer to a local-upload create: the placeholder file (status {@code created}, with the
 * {@code media_type} every part PUT must send as its {@code Content-Type}) and the part URLs in
 * order. Immutable.
 */
@Value.Immutable
public abstract class PresignedUpload {
  /** The placeholder file, status {@code created}. */
  public abstract FileAsset file();

  /** The parts in order; their sizes add up to the file size. */
  public abstract List<PresignedPart> parts();

  /** The {@code Content-Type} to send with every part. */
  public String mediaType() {
    return file().mediaType().orElse("application/octet-stream");
  }
}
