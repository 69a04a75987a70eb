package io.postflow.api;

import java.util.List;
import java.util.Set;
import org.immutables.value.Value;

/**
 * Where a multipart local upload stands, so that another process can finish it after a crash:
 * the remote placeholder, its media type, the presigned part URLs and which parts the service has
 * accepted. Handed to {@link UploadListener#onCheckpoint}; given back through
 * {@link UploadRequest#resumeFrom()}, the upload sends only the parts still missing, as long as
 * the part URLs are valid (otherwise the placeholder is deleted and the upload starts over).
 *
 * <p><b>The part URLs are secrets</b> (anyone holding one can write that part): keep a checkpoint
 * only where its owner alone can read it. {@link #toString()} does not show them.
 */
@Value.Immutable
public abstract class UploadCheckpoint {
  /** The Frame.io file the parts belong to. */
  public abstract String fileId();

  /** The media type the service chose; every part is sent with it. */
  public abstract String mediaType();

  /** The size of each part, in order. */
  public abstract List<Long> partSizes();

  /** The presigned URL of each part, in order. Secret. */
  @Value.Redacted
  public abstract List<String> partUrls();

  /** The 0-based indexes of the parts the service has accepted. */
  public abstract Set<Integer> partsDone();

  /** The bytes in all parts. */
  public long totalBytes() {
    return partSizes().stream().mapToLong(Long::longValue).sum();
  }

  /** This checkpoint with part {@code index} accepted too. */
  public UploadCheckpoint withPartDone(int index) {
    return builder().from(this).addPartsDone(index).build();
  }

  @Value.Check
  void check() {
    if (partSizes().isEmpty() || partSizes().size() != partUrls().size()) {
      throw new IllegalArgumentException("a checkpoint needs one size per part URL, had "
          + partSizes().size() + " sizes and " + partUrls().size() + " URLs");
    }
    for (int index : partsDone()) {
      if (index < 0 || index >= partSizes().size()) {
        throw new IllegalArgumentException("part " + index + " is not one of the " + partSizes().size() + " parts");
      }
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link UploadCheckpoint}. */
  public static final class Builder extends ImmutableUploadCheckpoint.Builder {}
}
