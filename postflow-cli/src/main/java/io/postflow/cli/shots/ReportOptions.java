package io.postflow.cli.shots;

import java.nio.file.Path;
import java.util.Optional;

/** The command line of {@link ShotsReport}, parsed. */
record ReportOptions(
    Path shotList,
    Optional<Path> edl,
    String rate,
    boolean dropFrame,
    Optional<String> fallbackCharset,
    boolean strict,
    Optional<Path> exportDir,
    boolean json,
    boolean help) {

  static final String USAGE = String.join(System.lineSeparator(),
      "usage: shots-report <shots.csv> [--edl <cut.edl>] [--rate <fps>] [--drop-frame]",
      "                    [--fallback-charset <name>] [--strict] [--export-dir <dir>] [--json]",
      "  --edl <file>              also read this EDL and reconcile the list with it",
      "  --rate <fps>              23.976, 24, 25 (default), 29.97, 30, 48, 50, 59.94, 60",
      "  --drop-frame              the list's record timecodes written with colons are drop-frame",
      "                            (29.97 and 59.94 only)",
      "  --fallback-charset <cs>   charset for EDL lines that are not UTF-8 (default x-MacRoman)",
      "  --strict                  warnings in the EDL or the shot list are errors",
      "  --export-dir <dir>        write every export (JSON, CSV, one JSON per scene) there",
      "  --json                    print one JSON object for scripts instead of text");

  /** @throws IllegalArgumentException with a message for the user when the arguments are wrong */
  static ReportOptions parse(String[] args) {
    Path shotList = null;
    Path edl = null;
    String rate = "25";
    boolean dropFrame = false;
    String charset = null;
    boolean strict = false;
    Path exportDir = null;
    boolean json = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "-h", "--help" -> {
          return new ReportOptions(null, Optional.empty(), rate, false, Optional.empty(), false,
              Optional.empty(), false, true);
        }
        case "--edl" -> edl = Path.of(value(args, ++i, a));
        case "--rate" -> rate = value(args, ++i, a);
        case "--fallback-charset" -> charset = value(args, ++i, a);
        case "--export-dir" -> exportDir = Path.of(value(args, ++i, a));
        case "--drop-frame" -> dropFrame = true;
        case "--strict" -> strict = true;
        case "--json" -> json = true;
        default -> {
          if (a.startsWith("-")) {
            throw new IllegalArgumentException("unknown option " + a);
          }
          if (shotList != null) {
            throw new IllegalArgumentException("one shot list only; got " + shotList + " and " + a);
          }
          shotList = Path.of(a);
        }
      }
    }
    if (shotList == null) {
      throw new IllegalArgumentException("the shot list (a CSV file) is required");
    }
    return new ReportOptions(shotList, Optional.ofNullable(edl), rate, dropFrame,
        Optional.ofNullable(charset), strict, Optional.ofNullable(exportDir), json, false);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }
}
