package io.postflow.tunnel;

import io.postflow.api.TunnelException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds a tunnel binary: the configured path, else the first executable of that name on PATH. */
final class BinaryLocator {
  private BinaryLocator() {}

  /**
   * @throws TunnelException naming the binary and how to install it when it cannot be found
   */
  static Path locate(String name, Path configured, String installHint) {
    return locate(name, configured, installHint, System.getenv("PATH"));
  }

  /** As {@link #locate(String, Path, String)}, searching {@code path} instead of the PATH variable. */
  static Path locate(String name, Path configured, String installHint, String path) {
    if (configured != null) {
      if (Files.isRegularFile(configured) && Files.isExecutable(configured)) {
        return configured;
      }
      throw new TunnelException("'" + name + "' binary configured at " + configured
          + " is missing or not executable; " + installHint, List.of(), false, null);
    }
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        if (dir.isEmpty()) {
          continue;
        }
        for (String candidate : List.of(name, name + ".exe")) {
          Path p = Path.of(dir, candidate);
          if (Files.isRegularFile(p) && Files.isExecutable(p)) {
            return p;
          }
        }
      }
    }
    throw new TunnelException("'" + name + "' was not found on PATH; " + installHint
        + ", or configure its location with binary(Path)", List.of(), false, null);
  }
}
