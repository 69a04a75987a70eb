package io.postflow.pipeline.engine;

import io.postflow.api.Delivery;
import io.postflow.api.FileIdentity;
import io.postflow.api.internal.FileNames;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/** Where a delivery's file is on this machine, and whether it is still the version recorded. */
final class LocalFiles {
  private final Map<String, Path> roots;

  LocalFiles(Map<String, Path> roots) {
    this.roots = roots;
  }

  /**
   * The file on this machine: below this agent's mount of the delivery's root when the root is
   * one of ours (another agent may have recorded it under its own mount), else where it was found.
   */
  Path locate(Delivery delivery) {
    // Names are UTF-8 text (FileNames): Path.of would spell them in the JVM's locale, and under
    // LANG=C it cannot spell 'Scène_01' at all.
    Path root = roots.get(delivery.file().root());
    if (root == null) {
      return FileNames.path(FileSystems.getDefault(), delivery.localPath());
    }
    Path file = root;
    for (String name : delivery.file().relativePath().split("/")) {
      file = file.resolve(FileNames.path(root.getFileSystem(), name));
    }
    return file;
  }

  /**
   * Why the file at {@code path} is no longer the recorded version (removed, or another size or
   * modification time), or empty when it still is.
   */
  static Optional<String> changed(Path path, FileIdentity recorded) {
    BasicFileAttributes now;
    try {
      now = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return Optional.of("the file was removed before it was delivered");
    } catch (IOException e) {
      return Optional.empty(); // unreadable now: the upload will say so, and be retried
    }
    if (!now.isRegularFile()) {
      return Optional.of("the path is no longer a regular file");
    }
    long size = now.size();
    var modified = now.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.MILLIS);
    if (size != recorded.sizeBytes() || !modified.equals(recorded.lastModified())) {
      return Optional.of("the file changed after it settled (now " + size + " bytes, modified "
          + modified + "); that version is delivered on its own");
    }
    return Optional.empty();
  }
}
