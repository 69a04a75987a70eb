package io.postflow.lucidlink;

import java.util.Locale;

/**
 * Names that are never a finished render: partial downloads and copies that are renamed into
 * place when complete, editor lock files, and macOS sidecars. Matching one of these is a hard
 * "no" in both the watcher's filter and the settle gate, whatever the user configures.
 */
final class TempNames {
  private static final String[] SUFFIXES = {".part", ".partial", ".tmp", ".temp", ".crdownload", "~"};

  private TempNames() {}

  static boolean isTemporary(String fileName) {
    if (fileName.isEmpty()) {
      return true;
    }
    if (fileName.startsWith("._") || fileName.startsWith(".~") || fileName.equals(".DS_Store")) {
      return true;
    }
    if (fileName.startsWith(".~lock.") && fileName.endsWith("#")) {
      return true;
    }
    String lower = fileName.toLowerCase(Locale.ROOT);
    for (String suffix : SUFFIXES) {
      if (lower.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }
}
