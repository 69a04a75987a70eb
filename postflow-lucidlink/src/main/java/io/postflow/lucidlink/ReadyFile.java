package io.postflow.lucidlink;

import java.nio.file.Path;
import java.time.Instant;
import org.immutables.value.Value;

/** A file version that has finished being written, as reported by a {@link DirectoryWatcher}. */
@Value.Immutable
@SuppressWarnings("exports") // the Immutables annotations are compile-only; users never need them
public abstract class ReadyFile {
  /** The version that settled. */
  public abstract FileVersion version();

  /** The watched root the file was found under. */
  public abstract Path root();

  /** When (on the watcher's clock) the file was judged ready. */
  public abstract Instant readyAt();

  @Value.Check
  void check() {
    if (!path().startsWith(root())) {
      throw new IllegalArgumentException("file " + path() + " is not under root " + root());
    }
  }

  /** The absolute path of the file. */
  public Path path() {
    return version().path();
  }

  /** The path relative to {@link #root()}, e.g. {@code SC03/UNDLM_00042_v002.mov}. */
  public Path relativePath() {
    return root().relativize(path());
  }

  /** A ready file, e.g. for testing a {@link ReadyListener}; {@code version}'s path must be under {@code root}. */
  public static ReadyFile of(FileVersion version, Path root, Instant readyAt) {
    return ImmutableReadyFile.builder().version(version).root(root).readyAt(readyAt).build();
  }
}
