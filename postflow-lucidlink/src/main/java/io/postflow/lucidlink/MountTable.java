package io.postflow.lucidlink;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a Linux mount table ({@code /proc/self/mounts}: device, mount point, type, options, ...)
 * for LucidLink mounts. The exact type string is unconfirmed ({@code fuse.lucid}?), so any mount
 * whose type or device mentions "lucid" counts; this is the last resort after the configured root
 * and the CLI.
 */
final class MountTable {
  record Mount(String device, Path mountPoint, String type) {}

  private MountTable() {}

  static List<Mount> lucidMounts(String table) {
    List<Mount> mounts = new ArrayList<>();
    for (String line : table.lines().toList()) {
      String[] f = line.strip().split("\\s+");
      if (f.length < 3) {
        continue;
      }
      String device = unescape(f[0]);
      String type = f[2];
      if (device.toLowerCase(Locale.ROOT).contains("lucid") || type.toLowerCase(Locale.ROOT).contains("lucid")) {
        mounts.add(new Mount(device, Path.of(unescape(f[1])), type));
      }
    }
    return mounts;
  }

  /** The kernel writes space, tab, newline and backslash in mount fields as octal escapes. */
  static String unescape(String field) {
    StringBuilder out = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && isOctal(field, i + 1)) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isOctal(String s, int from) {
    if (from + 3 > s.length()) {
      return false;
    }
    for (int i = from; i < from + 3; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '7') {
        return false;
      }
    }
    return true;
  }
}
