package io.postflow.tunnel;

import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What the exposer compares to decide that a file is still the one it exposed: regular file,
 * size, mtime (nanoseconds) and file key (device and inode on Unix).
 */
final class FileState {
  private final boolean regularFile;
  private final long size;
  private final long mtimeNanos;
  private final Object fileKey;

  private FileState(boolean regularFile, long size, long mtimeNanos, Object fileKey) {
    this.regularFile = regularFile;
    this.size = size;
    this.mtimeNanos = mtimeNanos;
    this.fileKey = fileKey;
  }

  static FileState of(BasicFileAttributes attributes) {
    return new FileState(attributes.isRegularFile(), attributes.size(),
        attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS), attributes.fileKey());
  }

  boolean isRegularFile() {
    return regularFile;
  }

  long size() {
    return size;
  }

  long mtimeNanos() {
    return mtimeNanos;
  }

  /** Whether {@code now} still describes the same regular file, unmodified. */
  boolean sameFileAs(FileState now) {
    return now.regularFile && regularFile
        && now.size == size
        && now.mtimeNanos == mtimeNanos
        && Objects.equals(now.fileKey, fileKey);
  }

  @Override
  public String toString() {
    return "FileState{size=" + size + ", mtimeNanos=" + mtimeNanos + ", fileKey=" + fileKey + "}";
  }
}
