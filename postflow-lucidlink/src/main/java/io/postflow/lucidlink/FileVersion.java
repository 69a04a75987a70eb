package io.postflow.lucidlink;

import java.nio.file.Path;
import java.time.Instant;
import org.immutables.value.Value;

/**
 * One version of a file: its path, size and modification time. A file that is rewritten after it
 * was reported becomes a new version, and is reported again. Contents are never read to tell
 * versions apart: on a filespace that would download every file.
 */
@Value.Immutable
@SuppressWarnings("exports") // the Immutables annotations are compile-only; users never need them
public abstract class FileVersion {
  /** The absolute, normalised path of the file. */
  public abstract Path path();

  /** Size in bytes. */
  public abstract long size();

  /** Last-modified time as the file system reports it. */
  public abstract Instant lastModified();

  @Value.Check
  void check() {
    if (!path().isAbsolute()) {
      throw new IllegalArgumentException("path must be absolute: " + path());
    }
    if (size() < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size());
    }
  }

  /** A version of {@code path} (made absolute and normalised). */
  public static FileVersion of(Path path, long size, Instant lastModified) {
    return ImmutableFileVersion.builder()
        .path(path.toAbsolutePath().normalize())
        .size(size)
        .lastModified(lastModified)
        .build();
  }
}
