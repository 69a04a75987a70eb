package io.postflow.examples.bench;

import java.util.List;
import java.util.Locale;

/**
 * {@link WanBenchmark}'s table of medians, one profile after the other, as a {@link BenchReport}
 * section: printed, and appended for {@code scripts/bench all}.
 */
final class WanReport {
  static final String TITLE = "Upload over a WAN (network namespaces, tbf, delaying relay)";

  private WanReport() {}

  /** The section for {@code profiles}, its command line {@code scripts/bench WanBenchmark <args>}. */
  static BenchReport section(List<WanSamples> profiles, String[] args) {
    BenchReport report = BenchReport.of(TITLE, WanBenchmark.class, args).explainedIn("benchmarks-wan.md");
    for (WanSamples s : profiles) {
      double pf = s.mibPerSecond(s.postflow);
      double tcp = s.mibPerSecond(s.tcp);
      double tbf = s.tbfMibPerSecond();
      double curlN = s.mibPerSecond(s.parallelCurl);
      double curl1 = s.mibPerSecond(s.oneCurl);
      String p = s.profile + ": ";
      report.row(p + "PostFlow vs the link", mib(pf), "raw TCP, " + s.streams + " streams", mib(tcp), pf / tcp);
      report.row(p + "PostFlow vs the tbf rate", mib(pf), "tbf rate (frames, headers included)", mib(tbf), pf / tbf);
      report.row(p + "PostFlow vs curl, same parallelism", mib(pf), "curl x " + s.streams + ", same part URLs", mib(curlN), pf / curlN);
      report.row(p + "PostFlow vs one curl stream", mib(pf), "one curl, parts one after another", mib(curl1), pf / curl1);
      double pfAnswered = s.mibPerSecond(s.postflowAnswered);
      double curlAnswered = s.mibPerSecond(s.parallelCurlAnswered);
      report.row(p + "PostFlow vs curl, until the last answer (sandbox's whole-file hash included)",
          mib(pfAnswered), "curl x " + s.streams, mib(curlAnswered), pfAnswered / curlAnswered);
      report.row(p + "one curl stream vs the link", "—", "one curl / raw TCP", mib(curl1) + " / " + mib(tcp), curl1 / tcp);
      double pfThreadsCpu = BenchReport.median(s.postflowThreadsCpuPerGiB);
      double pfCpu = BenchReport.median(s.postflowCpuPerGiB);
      double curlCpu = BenchReport.median(s.curlCpuPerGiB);
      report.row(p + "CPU per GiB sent: PostFlow's threads (SHA-256 included; whole JVM with JIT and GC in brackets)",
          String.format(Locale.ROOT, "%.2f s (%.2f s)", pfThreadsCpu, pfCpu), "curl x " + s.streams,
          String.format(Locale.ROOT, "%.2f s", curlCpu), pfThreadsCpu / curlCpu);
      report.row(p + "CPU during PostFlow's upload (share of one core)",
          String.format(Locale.ROOT, "%.0f%% (uploader JVM)", 100 * BenchReport.median(s.postflowCpu)),
          "relay / sandbox JVM", String.format(Locale.ROOT, "%.0f%% / %.0f%%",
              100 * BenchReport.median(s.relayCpu), 100 * BenchReport.median(s.sandboxCpu)), Double.NaN);
    }
    return report;
  }

  private static String mib(double mibPerSecond) {
    return String.format(Locale.ROOT, "%.1f MiB/s", mibPerSecond);
  }
}
