package io.postflow.lucidlink;

import java.nio.file.Path;

/**
 * What a {@link DirectoryWatcher} has already reported, so that a restart does not report the
 * same render twice and does not miss one that arrived while it was down.
 *
 * <p>Implementations must be thread-safe. The pipeline may plug in its own durable journal;
 * {@link #inMemory()} and {@link #durable(Path)} cover tests and simple deployments. Only the
 * latest version per path needs remembering: a path whose size or mtime differs from the
 * remembered one is a new version.
 */
public interface ReadyJournal {
  /** Whether exactly this version (path, size, mtime) was reported before. Must not block long. */
  boolean alreadyReported(FileVersion version);

  /**
   * Remembers that {@code version} was reported, replacing any earlier version of the same path.
   *
   * @throws io.postflow.api.LocalFileException when a durable journal cannot be written
   */
  void markReported(FileVersion version);

  /** A journal held in memory only: forgotten when the process ends. */
  static ReadyJournal inMemory() {
    return new InMemoryReadyJournal();
  }

  /**
   * A journal kept in {@code file}: appended to on every mark, compacted by writing a fresh copy
   * and atomically replacing the old one. Opening reads the whole file; a torn last line (a crash
   * mid-append) and a malformed line anywhere (a failed append followed by a good one) are skipped
   * with a WARN naming the file and line, and the file is rewritten without them, at once or, on a
   * read-only or full disk, at the first mark that can write: opening only needs to read. Opening
   * also deletes the temporary files a crashed compaction left. A mark that cannot be written
   * throws and is not remembered, so a retry writes it. Appends are not forced to disk one by one:
   * after a power cut the last few marks may be lost. Either way the versions concerned are
   * reported once more, never missed. Paths are stored as the file system's bytes, so a name the
   * JVM's locale cannot spell ({@code Scène_01.mov} under {@code LANG=C}) is still recognised.
   *
   * @throws io.postflow.api.LocalFileException when the file exists but cannot be read
   */
  static ReadyJournal durable(Path file) {
    return FileReadyJournal.open(file);
  }
}
