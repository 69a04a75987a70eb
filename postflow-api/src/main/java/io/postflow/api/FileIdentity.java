package io.postflow.api;

import io.postflow.api.internal.FileNames;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.immutables.value.Value;

/**
 * Which file version a delivery is about, the same on every machine: the label of the watched root,
 * the path below it, the size and the modification time. Never an absolute path: two agents mount
 * the same LucidLink filespace in different places ({@code /Volumes/fs} and {@code /media/fs}),
 * and must still agree that {@code renders:SC03/UNDLM_00042_v002.mov} is one file.
 *
 * <p>A file rewritten in place (another size or modification time) is another version, and so
 * another delivery. The modification time is kept to the millisecond, which is what every file
 * system and database here can store.
 */
@Value.Immutable
public abstract class FileIdentity {
  /** The label of the root the file was found under, e.g. {@code renders}. */
  public abstract String root();

  /** The path below the root, with {@code /} between names, e.g. {@code SC03/UNDLM_00042_v002.mov}. */
  public abstract String relativePath();

  public abstract long sizeBytes();

  /** The file's last-modified time, truncated to milliseconds. */
  public abstract Instant lastModified();

  /** The last name of {@link #relativePath()}, e.g. {@code UNDLM_00042_v002.mov}. */
  public String fileName() {
    String path = relativePath();
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /**
   * The identity of the file at {@code relativePath} below the root labelled {@code root}.
   * Separators of the local file system become {@code /}, and each name is read from the file
   * system's bytes as UTF-8, whatever the JVM's locale: {@code Scène_01} stays {@code Scène_01}
   * under {@code LANG=C}, where Java's own string for it is {@code Sc\ufffd\ufffdne_01}.
   *
   * @throws IllegalArgumentException when the path is absolute, empty, or climbs with {@code ..}
   */
  public static FileIdentity of(String root, Path relativePath, long sizeBytes, Instant lastModified) {
    StringBuilder joined = new StringBuilder();
    for (Path name : relativePath) {
      joined.append(joined.length() == 0 ? "" : "/").append(FileNames.text(name));
    }
    if (relativePath.isAbsolute()) {
      throw new IllegalArgumentException("path must be relative to the root: " + relativePath);
    }
    return of(root, joined.toString(), sizeBytes, lastModified);
  }

  /** Like {@link #of(String, Path, long, Instant)} with a {@code /}-separated path. */
  public static FileIdentity of(String root, String relativePath, long sizeBytes, Instant lastModified) {
    return ImmutableFileIdentity.builder()
        .root(root)
        .relativePath(relativePath)
        .sizeBytes(sizeBytes)
        .lastModified(lastModified.truncatedTo(ChronoUnit.MILLIS))
        .build();
  }

  @Value.Check
  void check() {
    if (root().isBlank()) {
      throw new IllegalArgumentException("root label must not be blank");
    }
    String path = relativePath();
    if (path.isEmpty() || path.startsWith("/") || path.indexOf('\\') >= 0) {
      throw new IllegalArgumentException("relative path must be non-empty, '/'-separated and "
          + "not start with '/': '" + path + "'");
    }
    for (String name : path.split("/", -1)) {
      if (name.isEmpty() || name.equals(".") || name.equals("..")) {
        throw new IllegalArgumentException("relative path has an empty, '.' or '..' name: '" + path + "'");
      }
    }
    if (sizeBytes() < 0) {
      throw new IllegalArgumentException("size must not be negative: " + sizeBytes());
    }
    if (lastModified().getNano() % 1_000_000 != 0) {
      throw new IllegalArgumentException("lastModified must be whole milliseconds: " + lastModified());
    }
  }

  @Override
  public String toString() {
    return root() + ":" + relativePath() + " (" + sizeBytes() + " bytes, modified " + lastModified() + ")";
  }
}
