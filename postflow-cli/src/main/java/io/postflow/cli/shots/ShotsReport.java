package io.postflow.cli.shots;

import io.postflow.api.ConfigurationException;
import io.postflow.api.PostFlowException;
import io.postflow.production.edl.Edl;
import io.postflow.production.edl.EdlReader;
import io.postflow.production.shotlist.Reconciliation;
import io.postflow.production.shotlist.ShotList;
import io.postflow.production.shotlist.ShotListExporter;
import io.postflow.production.shotlist.ShotListReader;
import io.postflow.production.timecode.FrameRate;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads a shot list and optionally an EDL, and prints the production's statistics, the warnings,
 * what was normalised and the reconciliation of the list with the cut; {@code --json} prints one
 * JSON object for scripts; {@code --export-dir} writes every export.
 *
 * <pre>
 * java -cp ... io.postflow.cli.shots.ShotsReport shots.csv --edl cut.edl --rate 25 --json
 * </pre>
 *
 * <p>Exit status: 0 done, 1 an input does not exist, cannot be read or is invalid (not an EDL, a
 * damaged shot list; any warning with {@code --strict}) or the exports could not be written (none
 * is then left half written), 2 wrong arguments.
 */
public final class ShotsReport {
  static final int OK = 0;
  static final int BAD_INPUT = 1;
  static final int USAGE = 2;

  /** Runs {@link #run} on the process's streams and exits with its status. */
  public static void main(String[] args) {
    System.exit(new ShotsReport().run(args, System.out, System.err));
  }

  /** Runs the command; never calls {@code System.exit}, never throws for bad input. */
  public int run(String[] args, PrintStream out, PrintStream err) {
    ReportOptions options;
    FrameRate rate;
    ShotListReader shotListReader;
    try {
      options = ReportOptions.parse(args);
      if (options.help()) {
        out.println(ReportOptions.USAGE);
        return OK;
      }
      rate = FrameRate.parse(options.rate());
      shotListReader = ShotListReader.builder().rate(rate).dropFrame(options.dropFrame())
          .strict(options.strict()).build();
    } catch (IllegalArgumentException | ConfigurationException e) {
      err.println("shots-report: " + e.getMessage());
      err.println(ReportOptions.USAGE);
      return USAGE;
    }
    // Both inputs are checked before anything is read or written.
    Optional<String> absent = absent("the shot list", options.shotList())
        .or(() -> options.edl().flatMap(e -> absent("the EDL", e)));
    if (absent.isPresent()) {
      err.println("shots-report: " + absent.get());
      return BAD_INPUT;
    }
    try {
      ShotList list = shotListReader.read(options.shotList());
      Optional<Edl> edl = Optional.empty();
      if (options.edl().isPresent()) {
        EdlReader.Builder reader = EdlReader.builder().rate(rate).strict(options.strict());
        options.fallbackCharset().ifPresent(reader::fallbackCharset);
        edl = Optional.of(reader.build().read(options.edl().get()));
      }
      Optional<Reconciliation> reconciliation = edl.map(e -> Reconciliation.of(list, e));
      List<Path> exports = options.exportDir().map(d -> ShotListExporter.of(list).writeAll(d))
          .orElse(List.of());
      if (options.json()) {
        out.println(JsonReport.render(list, edl, reconciliation, exports));
      } else {
        TextReport.render(out, list, edl, reconciliation, exports);
      }
      return OK;
    } catch (ConfigurationException e) {
      err.println("shots-report: " + e.getMessage());
      return USAGE;
    } catch (PostFlowException | UncheckedIOException e) {
      // Bad input, unreadable files, exports that could not be written: a message, never a trace.
      err.println("shots-report: " + e.getMessage());
      return BAD_INPUT;
    }
  }

  /** "the EDL cut.edl does not exist" (or is a folder), else empty. */
  private static Optional<String> absent(String what, Path file) {
    if (Files.isDirectory(file)) {
      return Optional.of(what + " " + file + " is a folder, not a file");
    }
    return Files.exists(file) ? Optional.empty() : Optional.of(what + " " + file + " does not exist");
  }
}
