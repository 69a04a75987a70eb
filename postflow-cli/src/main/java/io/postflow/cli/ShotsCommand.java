package io.postflow.cli;

import io.postflow.cli.shots.ShotsReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code postflow shots}: the shot list. */
@Command(name = "shots", mixinStandardHelpOptions = true, description = "Read the shot list (and the cut).",
    subcommands = ShotsCommand.Report.class)
final class ShotsCommand implements Runnable {
  @ParentCommand PostflowCommand root;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(root.session.out);
  }

  /**
   * {@code postflow shots report CSV}: the shots report ({@link ShotsReport}), with picocli's
   * help and checks in front; the report itself reads and prints.
   */
  @Command(name = "report", mixinStandardHelpOptions = true,
      description = {"Statistics, warnings and normalisations of a shot list; with --edl, its reconciliation with the cut.",
          "Exit status 1 when an input cannot be read or is invalid (or has warnings with --strict)."})
  static final class Report implements Callable<Integer> {
    @ParentCommand ShotsCommand shots;

    @Parameters(paramLabel = "CSV", description = "the shot list CSV export")
    Path shotList;

    @Option(names = "--edl", paramLabel = "EDL", description = "also read this EDL and reconcile the list with it")
    Path edl;

    @Option(names = "--rate", paramLabel = "FPS", description = "23.976, 24, 25 (default), 29.97, 30, 48, 50, 59.94, 60")
    String rate;

    @Option(names = "--drop-frame", description = "the list's colon timecodes are drop-frame (29.97 and 59.94)")
    boolean dropFrame;

    @Option(names = "--fallback-charset", paramLabel = "CHARSET", description = "for EDL lines that are not UTF-8 (default x-MacRoman)")
    String fallbackCharset;

    @Option(names = "--strict", description = "warnings in the EDL or the shot list are errors")
    boolean strict;

    @Option(names = "--export-dir", paramLabel = "DIR", description = "write every export (JSON, CSV, one JSON per scene) there")
    Path exportDir;

    @Option(names = "--json", description = "print one JSON object for scripts")
    boolean json;

    @Override
    public Integer call() {
      List<String> args = new ArrayList<>(List.of(shotList.toString()));
      if (edl != null) {
        args.addAll(List.of("--edl", edl.toString()));
      }
      if (rate != null) {
        args.addAll(List.of("--rate", rate));
      }
      if (dropFrame) {
        args.add("--drop-frame");
      }
      if (fallbackCharset != null) {
        args.addAll(List.of("--fallback-charset", fallbackCharset));
      }
      if (strict) {
        args.add("--strict");
      }
      if (exportDir != null) {
        args.addAll(List.of("--export-dir", exportDir.toString()));
      }
      if (json) {
        args.add("--json");
      }
      Session session = shots.root.session;
      return new ShotsReport().run(args.toArray(new String[0]), session.out, session.err);
    }
  }
}
