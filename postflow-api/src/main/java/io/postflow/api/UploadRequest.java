package io.postflow.api;

import java.nio.file.Path;
import org.immutables.value.Value;

/** What to upload and where: a local file into a Frame.io folder (or version stack). */
@Value.Immutable
public abstract class UploadRequest {
  /** The file to send. It must not change while it is sent; if it does, the upload fails. */
  public abstract Path file();

  /** The id of the folder to upload into. */
  public abstract String folderId();

  /** The name the file gets in Frame.io; defaults to the local file name. */
  @Value.Default
  public String fileName() {
    Path name = file().getFileName();
    return name == null ? file().toString() : name.toString();
  }

  /** Told about progress; defaults to a listener that ignores everything. */
  @Value.Default
  @Value.Auxiliary
  public UploadListener listener() {
    return UploadListener.NONE;
  }

  /**
   * An earlier attempt's {@link UploadCheckpoint} (from {@link UploadListener#onCheckpoint}) to
   * finish instead of starting over: only the parts it lacks are sent. When its part URLs are
   * refused (expired) the placeholder is deleted and the upload starts over. Local uploads only;
   * the checkpoint must describe a file of this file's size.
   */
  public abstract java.util.Optional<UploadCheckpoint> resumeFrom();

  @Value.Check
  void check() {
    if (fileName().isEmpty() || fileName().length() > FolderPath.MAX_NAME_LENGTH) {
      throw new IllegalArgumentException("file name must be 1 to 255 characters: '" + fileName() + "'");
    }
  }

  public static UploadRequest of(Path file, String folderId) {
    return builder().file(file).folderId(folderId).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link UploadRequest}. */
  public static final class Builder extends ImmutableUploadRequest.Builder {}
}
