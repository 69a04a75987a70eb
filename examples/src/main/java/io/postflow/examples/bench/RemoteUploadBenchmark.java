package io.postflow.examples.bench;

import io.postflow.api.Exposure;
import io.postflow.api.ExposureListener;
import io.postflow.api.ExposureOptions;
import io.postflow.api.FileExposer;
import io.postflow.api.UploadRequest;
import io.postflow.api.UploadResult;
import io.postflow.examples.bench.ThreadCpuMeter.Owner;
import io.postflow.frameio.FrameioClient;
import io.postflow.frameio.RemoteUploader;
import io.postflow.frameio.auth.StaticTokenAuthenticator;
import io.postflow.testkit.FrameioSandbox;
import io.postflow.testkit.RemoteSourceRules;
import io.postflow.tunnel.HttpFileExposer;
import io.postflow.tunnel.StaticUrlTunnel;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures a remote upload end to end: {@link RemoteUploader} hands the sandbox's
 * {@code remote_upload} a URL of PostFlow's {@link HttpFileExposer} through a loopback tunnel (a
 * {@link StaticUrlTunnel} to the exposer's own loopback address, what {@code --tunnel static:URL}
 * builds), the sandbox pulls the file the way Frame.io does (ranges of a few MiB, SHA-256 on the
 * way, written to its disk) and PostFlow confirms it. In the same run, interleaved round by round,
 * {@code curl} downloads the same file from the same exposer to the same disk: the reference. A
 * program, not a test: see docs/benchmarks-tunnel.md.
 *
 * <p>Reported as medians over the rounds: the pull's throughput (upload call to the exposer's
 * last byte served, vs curl's whole run), the time until PostFlow has confirmed the upload (its
 * status polls included) vs curl's, the exposer's CPU per GiB serving the sandbox vs serving
 * curl, and (no reference) the CPU per GiB of the uploader's other threads and of the sandbox's
 * (the puller; in the same JVM, so its CPU is not on the agent's bill). The sandbox's rate limits are
 * off here: this measures the transfer; {@code StructureBenchmark} and {@code PipelineBenchmark}
 * measure the limits.
 *
 * <p>Arguments (all optional): {@code [--quick] workDir sizeMiB rounds}; defaults a temp folder,
 * 1,024 MiB, 5 rounds; {@code --quick}: 256 MiB, 3 rounds. Needs {@code curl}.
 */
public final class RemoteUploadBenchmark {
  private static final double GIB = 1L << 30;
  private static final double MIB = 1 << 20;

  private RemoteUploadBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    boolean quick = rest.remove("--quick");
    Path work = !rest.isEmpty() ? Path.of(rest.get(0)) : Files.createTempDirectory("postflow-remote-bench");
    long size = (rest.size() > 1 ? Long.parseLong(rest.get(1)) : quick ? 256 : 1024) << 20;
    int rounds = rest.size() > 2 ? Integer.parseInt(rest.get(2)) : quick ? 3 : 5;
    Files.createDirectories(work);
    Path file = UploadBenchmark.generate(work.resolve("BENCH_00002_v001.mov"), size);
    Path curlTarget = work.resolve("curl-download.bin");

    List<Double> pullRates = new ArrayList<>();
    List<Double> confirmedSeconds = new ArrayList<>();
    List<Double> curlRates = new ArrayList<>();
    List<Double> curlSeconds = new ArrayList<>();
    long postflowCpu = 0;
    long exposerCpuForPull = 0;
    long sandboxCpu = 0;
    long exposerCpuForCurl = 0;

    Set<Long> before = ThreadCpuMeter.liveThreads();
    try (FrameioSandbox sandbox = FrameioSandbox.builder().rateLimits(false).transcodeDelay(Duration.ZERO)
            // plain HTTP on loopback is what this tunnel is; Frame.io itself wants public HTTPS
            .remoteSources(RemoteSourceRules.lenient())
            .tempDirectory(Files.createDirectories(work.resolve("sandbox"))).start();
        ThreadCpuMeter cpu = new ThreadCpuMeter(before);
        FrameioClient client = FrameioClient.builder().baseUri(sandbox.baseUri())
            .authenticator(StaticTokenAuthenticator.of(sandbox.issueAccessToken(Duration.ofHours(2)))).build();
        HttpFileExposer exposer = HttpFileExposer.builder().build();
        LastByteClock served = new LastByteClock(exposer);
        StaticUrlTunnel tunnel = StaticUrlTunnel.builder()
            .publicUrl(URI.create("http://127.0.0.1:" + exposer.localPort())).build();
        RemoteUploader uploader = RemoteUploader.builder().client(client).accountId(sandbox.accountId())
            .exposer(served).tunnel(tunnel).stallTimeout(Duration.ofSeconds(60)).build()) {
      curl(exposer, file, curlTarget, size); // warms the page cache and both programs; not counted
      for (int round = 1; round <= rounds; round++) {
        ThreadCpuMeter.Sample start = cpu.sample();
        long exposerStart = ExposerBenchmark.exposerCpuNanos();
        long t0 = System.nanoTime();
        UploadResult result = uploader.upload(UploadRequest.of(file, sandbox.rootFolderId()))
            .completion().get(30, TimeUnit.MINUTES);
        long confirmed = System.nanoTime() - t0;
        long pulled = served.lastByteNanos() - t0;
        ThreadCpuMeter.Sample used = cpu.sample().minus(start);
        exposerCpuForPull += ExposerBenchmark.exposerCpuNanos() - exposerStart;
        postflowCpu += used.of(Owner.POSTFLOW);
        sandboxCpu += used.of(Owner.SANDBOX);
        String remoteSha = sandbox.inspect().file(result.fileId()).orElseThrow().sha256();
        if (!result.sha256().equals(remoteSha)) {
          throw new IllegalStateException("round " + round + ": the sandbox holds SHA-256 " + remoteSha
              + ", PostFlow computed " + result.sha256());
        }
        pullRates.add(size / MIB / (pulled / 1e9));
        confirmedSeconds.add(confirmed / 1e9);

        exposerStart = ExposerBenchmark.exposerCpuNanos();
        long curlNanos = curl(exposer, file, curlTarget, size);
        exposerCpuForCurl += ExposerBenchmark.exposerCpuNanos() - exposerStart;
        curlRates.add(size / MIB / (curlNanos / 1e9));
        curlSeconds.add(curlNanos / 1e9);
        print("round %d: remote upload pulled at %.0f MiB/s, confirmed after %.2f s | curl %.0f MiB/s, %.2f s",
            round, pullRates.get(round - 1), confirmed / 1e9, curlRates.get(round - 1), curlNanos / 1e9);
      }
    } finally {
      Files.deleteIfExists(curlTarget);
      PipelineBenchmark.deleteTree(work.resolve("sandbox")); // the sandbox's copies of every round
    }
    double gib = size * (double) rounds / GIB;
    double pull = BenchReport.median(pullRates);
    double curlRate = BenchReport.median(curlRates);
    double confirmedMedian = BenchReport.median(confirmedSeconds);
    double curlMedian = BenchReport.median(curlSeconds);
    print("%n%,d MiB file, %d rounds, loopback, %d cores; medians:", size >> 20, rounds,
        Runtime.getRuntime().availableProcessors());
    print("pull throughput: PostFlow remote upload %.0f MiB/s, curl %.0f MiB/s, ratio %.2f", pull, curlRate,
        pull / curlRate);
    print("until confirmed: PostFlow %.2f s, curl's whole download %.2f s, ratio %.2f", confirmedMedian, curlMedian,
        confirmedMedian / curlMedian);
    print("CPU per GiB: exposer while the sandbox pulls %.0f ms, while curl downloads %.0f ms; PostFlow's other"
        + " threads (the uploader's SHA-256, status polls) %.0f ms; sandbox %.0f ms", exposerCpuForPull / 1e6 / gib,
        exposerCpuForCurl / 1e6 / gib, (postflowCpu - exposerCpuForPull) / 1e6 / gib, sandboxCpu / 1e6 / gib);
    BenchReport.of("Remote upload end to end (sandbox pulling through the exposer and a loopback tunnel)",
            RemoteUploadBenchmark.class, args)
        .compare("pull throughput, MiB/s (upload call to last byte served)", pull,
            "`curl` downloading the same file from the same exposer", curlRate, "%.0f")
        .compare("time until confirmed, s (status polls included)", confirmedMedian,
            "`curl`'s whole download", curlMedian, "%.2f")
        .compare("exposer CPU per GiB, ms (serving the sandbox's ranges)", exposerCpuForPull / 1e6 / gib,
            "the exposer serving `curl`'s one stream", exposerCpuForCurl / 1e6 / gib, "%.0f")
        .value("uploader's CPU per GiB besides the exposer (its SHA-256 reads the file again; status polls)",
            String.format(Locale.ROOT, "%.0f ms", (postflowCpu - exposerCpuForPull) / 1e6 / gib))
        .value("sandbox CPU per GiB pulled (the puller: HTTP client, SHA-256, disk)",
            String.format(Locale.ROOT, "%.0f ms", sandboxCpu / 1e6 / gib))
        .note(String.format(Locale.ROOT, "Medians of %d rounds of a %,d MiB file, PostFlow and curl interleaved;"
            + " the sandbox pulls in ranges and hashes what it writes, curl writes one stream to the same disk;"
            + " rate limits off. Every round's SHA-256 on the sandbox equals PostFlow's.", rounds, size >> 20))
        .explainedIn("benchmarks-tunnel.md")
        .appendIfRequested();
  }

  /**
   * Downloads the file with curl from a fresh exposure of {@code exposer} (the same server the
   * sandbox pulls from) to {@code target}; the wall time of the curl process in nanoseconds.
   */
  private static long curl(HttpFileExposer exposer, Path file, Path target, long size) throws Exception {
    Exposure exposure = exposer.expose(file);
    try {
      long t0 = System.nanoTime();
      Process curl = new ProcessBuilder("curl", "-sS", "-o", target.toString(), "-w", "%{http_code} %{size_download}",
          exposure.url().toString()).redirectErrorStream(true).start();
      String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!curl.waitFor(10, TimeUnit.MINUTES)) {
        curl.destroyForcibly();
        throw new IllegalStateException("curl did not finish in 10 minutes");
      }
      long nanos = System.nanoTime() - t0;
      if (!out.equals("200 " + size)) {
        throw new IllegalStateException("curl's download ended with '" + out + "', expected '200 " + size + "'");
      }
      return nanos;
    } finally {
      exposure.revoke();
    }
  }

  private static void print(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }

  /**
   * The exposer the uploader is given: the real one, with each exposure's listener wrapped to note
   * when the last byte was served (the uploader only learns it at its next status poll).
   */
  private static final class LastByteClock implements FileExposer {
    private final HttpFileExposer exposer;
    private final AtomicLong lastByte = new AtomicLong();

    LastByteClock(HttpFileExposer exposer) {
      this.exposer = exposer;
    }

    long lastByteNanos() {
      return lastByte.get();
    }

    @Override
    public Exposure expose(Path file, ExposureOptions options, ExposureListener listener) {
      return exposer.expose(file, options, new ExposureListener() {
        @Override
        public void onBytesServed(Exposure exposure, long offset, long count) {
          lastByte.set(System.nanoTime());
          listener.onBytesServed(exposure, offset, count);
        }

        @Override
        public void onRequest(Exposure exposure, String method, int status) {
          listener.onRequest(exposure, method, status);
        }
      });
    }

    @Override
    public int localPort() {
      return exposer.localPort();
    }

    /** The real exposer is closed by whoever opened it. */
    @Override
    public void close() {}
  }
}
