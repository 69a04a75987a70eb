package io.postflow.frameio;

import io.postflow.api.UploadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * The local file of an upload as it was when the upload started: its size and modification time.
 * Checked again after every part and at the end, so a render that is still being written (or is
 * rewritten) fails the upload instead of arriving half old, half new. Immutable.
 */
final class UploadSource {
  private final Path file;
  private final String fileName;
  private final long size;
  private final FileTime modified;

  private UploadSource(Path file, String fileName, long size, FileTime modified) {
    this.file = file;
    this.fileName = fileName;
    this.size = size;
    this.modified = modified;
  }

  /**
   * Reads the file's attributes.
   *
   * @throws UploadException when the file is missing, not a regular file, empty or unreadable
   */
  static UploadSource inspect(Path file, String fileName) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new UploadException(fileName, null, "no such file: " + file, false, e);
    } catch (IOException e) {
      throw new UploadException(fileName, null, "cannot read " + file + ": " + e.getMessage(), false, e);
    }
    if (!attributes.isRegularFile()) {
      throw new UploadException(fileName, null, "not a regular file: " + file, false, null);
    }
    if (attributes.size() == 0) {
      throw new UploadException(fileName, null,
          "the file is empty (Frame.io needs at least 1 byte): " + file, false, null);
    }
    if (!Files.isReadable(file)) {
      throw new UploadException(fileName, null, "not readable: " + file, false, null);
    }
    return new UploadSource(file, fileName, attributes.size(), attributes.lastModifiedTime());
  }

  Path file() {
    return file;
  }

  String fileName() {
    return fileName;
  }

  long size() {
    return size;
  }

  /**
   * @throws UploadException (retryable: it may work once the file has settled) when the size or
   *     modification time differ from the start, or the file is gone
   */
  void checkUnchanged(String remoteFileId) {
    String now;
    try {
      // Links followed, as inspect() did: a render is often reached through a "latest" link.
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (attributes.size() == size && attributes.lastModifiedTime().equals(modified)) {
        return;
      }
      now = "size " + size + " -> " + attributes.size() + ", modified " + modified + " -> "
          + attributes.lastModifiedTime();
    } catch (IOException e) {
      now = "it can no longer be read (" + e.getClass().getSimpleName() + ")";
    }
    throw changed(remoteFileId, now);
  }

  /** The error for a file whose content is not what it was, however that was found out. */
  UploadException changed(String remoteFileId, String how) {
    return new UploadException(fileName, remoteFileId,
        "the file changed on disk while it was uploaded (" + how + "); upload it again once it"
            + " is complete", true, null);
  }
}
