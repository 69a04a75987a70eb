package io.postflow.cli.shots;

import io.postflow.api.ConfigurationException;
import io.postflow.api.InvalidInputException;
import io.postflow.production.edl.Edl;
import io.postflow.production.edl.EdlReader;
import io.postflow.production.shotlist.Reconciliation;
import io.postflow.production.shotlist.ShotList;
import io.postflow.production.shotlist.ShotListExporter;
import io.postflow.production.shotlist.ShotListReader;
import io.postflow.production.timecode.FrameRate;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads a shot list and optionally an EDL, and prints the production's statistics, the warnings,
 * what was normalised and the reconciliation of the list with the cut; {@code --json} prints one
 * JSON object for scripts; {@code --export-dir} writes every export.
 *
 * <pre>
 * java -cp ... io.postflow.examples.shots.ShotsReport shots.csv --edl cut.edl --rate 25 --json
 * </pre>
 *
 * <p>Exit status: 0 done, 1 an input could not be read or is invalid (or has warnings with
 * {@code --strict}), 2 wrong arguments.
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
      shotListReader = ShotListReader.builder().rate(rate).dropFrame(options.dropFrame()).build();
    } catch (IllegalArgumentException | ConfigurationException e) {
      err.println("shots-report: " + e.getMessage());
      err.println(ReportOptions.USAGE);
      return USAGE;
    }
    try {
      ShotList list = shotListReader.read(options.shotList());
      if (options.strict() && !list.warnings().isEmpty()) {
        throw new InvalidInputException(list.source(), list.warnings().get(0).line(), null,
            "strict mode: " + list.warnings().size() + " warning(s), first: " + list.warnings().get(0));
      }
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
    } catch (InvalidInputException | UncheckedIOException e) {
      err.println("shots-report: " + e.getMessage());
      return BAD_INPUT;
    } catch (ConfigurationException e) {
      err.println("shots-report: " + e.getMessage());
      return USAGE;
    }
  }
}
