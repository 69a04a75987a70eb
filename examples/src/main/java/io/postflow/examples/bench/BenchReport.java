package io.postflow.examples.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One benchmark's section of {@code docs/benchmarks.md}: {@code scripts/bench all} sets
 * {@value #REPORT_VARIABLE} to a file and every benchmark, when that variable is set, appends its
 * section there; the runner then puts the machine's description before the sections and the links
 * to the explanation pages after them. Run alone, a benchmark only prints to stdout as before.
 *
 * <p>A section is a {@code ## title}, a table of medians ({@code | measure | PostFlow | reference |
 * reference value | ratio |}), optional notes, and the command line that reproduces it. The ratio
 * is always PostFlow's value divided by the reference's, measured in the same run; whether higher
 * or lower is better follows from the measure (a throughput, a time, a count), which each row
 * names with its unit.
 *
 * <pre>{@code
 * BenchReport.of("Exposer vs nginx", ExposerBenchmark.class, args)
 *     .explainedIn("benchmarks-tunnel.md")
 *     .compare("full GET, MB/s", 1310, "nginx, same file", 1225, "%.0f")
 *     .note("2 GiB file, 5 rounds")
 *     .appendIfRequested();
 * }</pre>
 *
 * <p>Not thread-safe: a benchmark builds its section on one thread, at the end.
 */
final class BenchReport {
  /** The environment variable naming the file the sections are appended to. */
  static final String REPORT_VARIABLE = "POSTFLOW_BENCH_REPORT";
  private static final String NONE = "—";

  private final String title;
  private final String command;
  private final List<String[]> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private String page;

  private BenchReport(String title, String command) {
    this.title = title;
    this.command = command;
  }

  /**
   * A section titled {@code title} whose command line is {@code scripts/bench <program> <args>},
   * preceded by the {@code JAVA_OPTS} this JVM was started with when there were any.
   */
  static BenchReport of(String title, Class<?> program, String[] args) {
    return of(title, program, args, System.getenv());
  }

  static BenchReport of(String title, Class<?> program, String[] args, Map<String, String> environment) {
    StringBuilder command = new StringBuilder();
    String javaOpts = environment.getOrDefault("JAVA_OPTS", "").strip();
    if (!javaOpts.isEmpty()) {
      command.append("JAVA_OPTS=\"").append(javaOpts).append("\" ");
    }
    command.append("scripts/bench ").append(program.getSimpleName());
    for (String arg : args) {
      command.append(' ').append(arg);
    }
    return new BenchReport(title, command.toString());
  }

  /**
   * A row comparing PostFlow with a reference measured in the same run; both values are formatted
   * with {@code format} (e.g. {@code "%.1f"}), the ratio is {@code postflow / referenceValue}.
   */
  BenchReport compare(String measure, double postflow, String reference, double referenceValue, String format) {
    String ratio = referenceValue == 0 ? NONE : String.format(Locale.ROOT, "%.2f", postflow / referenceValue);
    rows.add(new String[] {measure, fmt(format, postflow), reference, fmt(format, referenceValue), ratio});
    return this;
  }

  /**
   * A row whose cells the benchmark formatted itself (several figures in one cell, a ratio of
   * already-derived values); {@code ratio} as {@code postflow / reference}, NaN when there is none.
   */
  BenchReport row(String measure, String postflow, String reference, String referenceValue, double ratio) {
    rows.add(new String[] {measure, postflow, reference, referenceValue,
        Double.isNaN(ratio) ? NONE : String.format(Locale.ROOT, "%.2f", ratio)});
    return this;
  }

  /** A row with no reference to compare with (a count, a memory figure): the other cells are blank. */
  BenchReport value(String measure, String postflow) {
    rows.add(new String[] {measure, postflow, NONE, NONE, NONE});
    return this;
  }

  /** A paragraph under the table: sizes, what the figures are medians of, what to read in them. */
  BenchReport note(String text) {
    notes.add(text);
    return this;
  }

  /**
   * The hand-written page (a file name in {@code docs/}, next to benchmarks.md) that explains the
   * method and how to read the figures: linked after the notes.
   */
  BenchReport explainedIn(String docsPage) {
    this.page = docsPage;
    return this;
  }

  /** The section as markdown, ending with a blank line. */
  String markdown() {
    StringBuilder out = new StringBuilder("## ").append(title).append("\n\n");
    out.append("| measure | PostFlow | reference | reference value | ratio |\n");
    out.append("|---|---|---|---|---|\n");
    for (String[] row : rows) {
      out.append('|');
      for (String cell : row) {
        out.append(' ').append(cell.replace("|", "\\|").replace('\n', ' ')).append(" |");
      }
      out.append('\n');
    }
    out.append('\n');
    for (String note : notes) {
      out.append(note).append("\n\n");
    }
    if (page != null) {
      out.append("Method and how to read it: [").append(page).append("](").append(page).append(").\n\n");
    }
    out.append("Command: `").append(command).append("`\n\n");
    return out.toString();
  }

  /**
   * Appends the section to the file {@value #REPORT_VARIABLE} names, if it is set; returns that
   * file, or empty when the variable is not set (a benchmark run alone).
   */
  Optional<Path> appendIfRequested() {
    return appendTo(System.getenv(REPORT_VARIABLE));
  }

  Optional<Path> appendTo(String file) {
    if (file == null || file.isBlank()) {
      return Optional.empty();
    }
    Path report = Path.of(file);
    try {
      Files.writeString(report, markdown(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append the benchmark's section to " + report + " ("
          + REPORT_VARIABLE + ")", e);
    }
    return Optional.of(report);
  }

  /** The median of {@code values} (the mean of the middle two when their number is even). */
  static double median(List<? extends Number> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values to take the median of");
    }
    double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String fmt(String format, double value) {
    return String.format(Locale.ROOT, format, value);
  }
}
