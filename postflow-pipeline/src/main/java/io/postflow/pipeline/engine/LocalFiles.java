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
  /** Each root's device when the pipeline started, where the file system tells. */
  private final Map<String, Object> devices = new java.util.HashMap<>();

  LocalFiles(Map<String, Path> roots) {
    this.roots = roots;
    roots.forEach((label, root) -> {
      Object device = device(root);
      if (device != null) {
        devices.put(label, device);
      }
    });
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
   * Why this agent cannot see the delivery's watched folder now, or empty when it can (or when the
   * root is not one of this agent's). A folder that is gone, or that is no longer on the device it
   * was on when the pipeline started (an unmounted filespace leaves its mount point behind, on the
   * parent's device), is taken for a filespace that is offline: its files are not "removed", and
   * their deliveries wait for it to come back instead of being superseded.
   */
  Optional<String> rootUnavailable(Delivery delivery) {
    String label = delivery.file().root();
    Path root = roots.get(label);
    if (root == null) {
      return Optional.empty();
    }
    if (!Files.isDirectory(root)) {
      return Optional.of("the watched folder '" + label + "' (" + root
          + ") is not there (filespace unmounted or offline?); waiting for it to come back");
    }
    Object device = device(root);
    Object atStart = devices.get(label);
    if (atStart != null && device != null && !atStart.equals(device)) {
      return Optional.of("the watched folder '" + label + "' (" + root + ") is no longer on the"
          + " device it was on at start (filespace unmounted?); waiting for it to come back");
    }
    return Optional.empty();
  }

  /** The device a folder is on (st_dev), or null where the file system does not say. */
  private static Object device(Path folder) {
    try {
      return Files.getAttribute(folder, "unix:dev");
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return null;
    }
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
