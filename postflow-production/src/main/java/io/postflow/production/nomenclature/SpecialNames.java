package io.postflow.production.nomenclature;

import io.postflow.production.nomenclature.NameResult.Kind;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises names that are not deliverables: files still being written or locked by an
 * application (temporary) and files that describe another file (sidecar). Checked before the
 * patterns so that {@code KRAK_00042_v002.mov.part} is never taken for a render.
 */
final class SpecialNames {
  private static final List<String> TEMPORARY_SUFFIXES =
      List.of(".part", ".partial", ".tmp", ".temp", ".crdownload", ".download", ".!sync", "~");
  private static final List<String> TEMPORARY_PREFIXES = List.of(".~lock.", "~$", ".goutputstream");
  private static final List<String> SIDECAR_SUFFIXES = List.of(".xmp", ".aae", ".thm", ".lnk");
  private static final List<String> SIDECAR_NAMES =
      List.of(".ds_store", "thumbs.db", "desktop.ini", ".localized");

  private SpecialNames() {}

  /** The kind and the reason when {@code name} is temporary or sidecar, else empty. */
  static Optional<NameResult> classify(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (String prefix : TEMPORARY_PREFIXES) {
      if (lower.startsWith(prefix)) {
        return Optional.of(NameResult.rejected(Kind.TEMPORARY, name,
            "temporary or lock file (starts with '" + prefix + "')"));
      }
    }
    for (String suffix : TEMPORARY_SUFFIXES) {
      if (lower.endsWith(suffix)) {
        return Optional.of(NameResult.rejected(Kind.TEMPORARY, name,
            "temporary file still being written (ends with '" + suffix + "')"));
      }
    }
    if (lower.startsWith("._")) {
      return Optional.of(NameResult.rejected(Kind.SIDECAR, name,
          "macOS AppleDouble sidecar (starts with '._')"));
    }
    if (SIDECAR_NAMES.contains(lower)) {
      return Optional.of(NameResult.rejected(Kind.SIDECAR, name, "operating-system metadata file"));
    }
    for (String suffix : SIDECAR_SUFFIXES) {
      if (lower.endsWith(suffix)) {
        return Optional.of(NameResult.rejected(Kind.SIDECAR, name,
            "sidecar metadata file (ends with '" + suffix + "')"));
      }
    }
    return Optional.empty();
  }
}
