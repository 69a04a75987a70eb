package io.postflow.examples.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@link WanBenchmark}'s table of medians: printed, and appended as a markdown section to the
 * file {@code POSTFLOW_BENCH_REPORT} names (the contract with {@code scripts/bench all}).
 */
final class WanReport {
  static final String TITLE = "## Upload over a WAN (network namespaces, tbf, delaying relay)";
  private static final String HEADER = "| measure | PostFlow | reference | reference value | ratio |\n"
      + "|---|---|---|---|---|";

  private WanReport() {}

  /** The table's rows, one profile after the other. */
  static List<String> rows(List<WanSamples> profiles) {
    List<String> rows = new ArrayList<>();
    for (WanSamples s : profiles) {
      double pf = s.mibPerSecond(s.postflow);
      double tcp = s.mibPerSecond(s.tcp);
      double tbf = s.tbfMibPerSecond();
      double curlN = s.mibPerSecond(s.parallelCurl);
      double curl1 = s.mibPerSecond(s.oneCurl);
      String p = s.profile + ": ";
      rows.add(row(p + "PostFlow vs the link", mib(pf), "raw TCP, " + s.streams + " streams", mib(tcp), pf / tcp));
      rows.add(row(p + "PostFlow vs the tbf rate", mib(pf), "tbf rate (frames, headers included)", mib(tbf), pf / tbf));
      rows.add(row(p + "PostFlow vs curl, same parallelism", mib(pf), "curl x " + s.streams + ", same part URLs", mib(curlN), pf / curlN));
      rows.add(row(p + "PostFlow vs one curl stream", mib(pf), "one curl, parts one after another", mib(curl1), pf / curl1));
      double pfAnswered = s.mibPerSecond(s.postflowAnswered);
      double curlAnswered = s.mibPerSecond(s.parallelCurlAnswered);
      rows.add(row(p + "PostFlow vs curl, until the last answer (sandbox's whole-file hash included)",
          mib(pfAnswered), "curl x " + s.streams, mib(curlAnswered), pfAnswered / curlAnswered));
      rows.add(row(p + "one curl stream vs the link", "—", "one curl / raw TCP", mib(curl1) + " / " + mib(tcp), curl1 / tcp));
      double pfThreadsCpu = WanSamples.median(s.postflowThreadsCpuPerGiB);
      double pfCpu = WanSamples.median(s.postflowCpuPerGiB);
      double curlCpu = WanSamples.median(s.curlCpuPerGiB);
      rows.add(row(p + "CPU per GiB sent: PostFlow's threads (SHA-256 included; whole JVM with JIT and GC in brackets)",
          String.format(Locale.ROOT, "%.2f s (%.2f s)", pfThreadsCpu, pfCpu), "curl x " + s.streams,
          String.format(Locale.ROOT, "%.2f s", curlCpu), pfThreadsCpu / curlCpu));
      rows.add(String.format(Locale.ROOT, "| %sCPU during PostFlow's upload (share of one core) | %.0f%% (uploader JVM) | relay / sandbox JVM | %.0f%% / %.0f%% | — |",
          p, 100 * WanSamples.median(s.postflowCpu), 100 * WanSamples.median(s.relayCpu),
          100 * WanSamples.median(s.sandboxCpu)));
    }
    return rows;
  }

  /** Prints the table and, when {@code POSTFLOW_BENCH_REPORT} names a file, appends the section. */
  static void publish(List<WanSamples> profiles, String command) throws IOException {
    String table = HEADER + "\n" + String.join("\n", rows(profiles));
    System.out.println(table);
    String report = System.getenv("POSTFLOW_BENCH_REPORT");
    if (report != null && !report.isBlank()) {
      append(Path.of(report), table, command);
      System.out.println("appended to " + report);
    }
  }

  /** The section the runner collects: title, one table of medians, the exact command. */
  static void append(Path report, String table, String command) throws IOException {
    String section = "\n" + TITLE + "\n\n" + table + "\n\nCommand: `" + command + "`\n";
    Files.writeString(report, section, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  private static String row(String measure, String postflow, String reference, String value, double ratio) {
    return String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f |", measure, postflow, reference,
        value, ratio);
  }

  private static String mib(double mibPerSecond) {
    return String.format(Locale.ROOT, "%.1f MiB/s", mibPerSecond);
  }
}
