package io.postflow.examples.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link WanBenchmark} measured for one link profile, one sample per repeat of each measure,
 * and their medians (the figures it reports: one slow repeat on a shared machine moves a median
 * less than a mean).
 */
final class WanSamples {
  final String profile;
  final long bitsPerSecond;
  final long bytes;
  final int streams;
  /**
   * Seconds: raw TCP over {@code streams} connections (to the far end's answer), one curl, curl x
   * streams and PostFlow (until the far side had every byte, plus the answer's way back).
   */
  final List<Double> tcp = new ArrayList<>();
  final List<Double> oneCurl = new ArrayList<>();
  final List<Double> parallelCurl = new ArrayList<>();
  final List<Double> postflow = new ArrayList<>();
  /** Seconds until the last part's answer, which the sandbox sends after hashing the whole file. */
  final List<Double> parallelCurlAnswered = new ArrayList<>();
  final List<Double> postflowAnswered = new ArrayList<>();
  /** CPU during PostFlow's uploads, as a share of one core: PostFlow's JVM, the relay, the sandbox. */
  final List<Double> postflowCpu = new ArrayList<>();
  final List<Double> relayCpu = new ArrayList<>();
  final List<Double> sandboxCpu = new ArrayList<>();
  /**
   * CPU seconds per GiB sent: PostFlow's JVM (the relay's threads excluded; JIT compilers and GC
   * included), PostFlow's own threads ({@code postflow-*} and its HTTP clients') and the parallel
   * curl processes. Steadier than throughput on a busy machine, where time is shared but work is not.
   */
  final List<Double> postflowCpuPerGiB = new ArrayList<>();
  final List<Double> postflowThreadsCpuPerGiB = new ArrayList<>();
  final List<Double> curlCpuPerGiB = new ArrayList<>();

  WanSamples(String profile, long bitsPerSecond, long bytes, int streams) {
    this.profile = profile;
    this.bitsPerSecond = bitsPerSecond;
    this.bytes = bytes;
    this.streams = streams;
  }

  /** MiB/s of the median time of {@code seconds}. */
  double mibPerSecond(List<Double> seconds) {
    return bytes / BenchReport.median(seconds) / (1 << 20);
  }

  /** The configured tbf rate in MiB/s of payload (tbf counts whole frames, headers included). */
  double tbfMibPerSecond() {
    return bitsPerSecond / 8.0 / (1 << 20);
  }
}
