package io.postflow.examples.bench;

import io.postflow.examples.bench.ThreadCpuMeter.Owner;
import io.postflow.testkit.TestFiles;
import io.postflow.api.UploadListener;
import io.postflow.api.UploadRequest;
import io.postflow.api.UploadResult;
import io.postflow.frameio.FrameioClient;
import io.postflow.frameio.LocalUploader;
import io.postflow.frameio.PresignedPart;
import io.postflow.frameio.PresignedUpload;
import io.postflow.frameio.auth.StaticTokenAuthenticator;
import io.postflow.testkit.FrameioSandbox;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Measures {@link LocalUploader} against the Frame.io sandbox on loopback and, in the same run,
 * {@code curl} PUTting the same bytes to the same part endpoint with the same concurrency, plus
 * the JVM's peak heap (run it with {@code -Xmx64m} to show that memory does not follow the file
 * size). A program, not a test: see docs/benchmarks-upload.md for the command and figures.
 *
 * <p>Arguments (all optional): {@code workDir sizeMiB concurrency rounds}; defaults: a temp
 * directory, 2048 MiB, 6 parts at a time, 1 round (PostFlow then curl; medians over the rounds).
 * The generated file is reused when it already has the right size.
 */
public final class UploadBenchmark {
  private UploadBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path work = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("postflow-upload-bench");
    long size = (args.length > 1 ? Long.parseLong(args[1]) : 2048) << 20;
    int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 6;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    Files.createDirectories(work);
    Path file = generate(work.resolve("BENCH_00001_v001.mov"), size);
    List<Double> postflowRates = new ArrayList<>();
    List<Double> curlRates = new ArrayList<>();
    double peakHeap = 0;
    // Loopback shares the 2 cores between both ends: how busy the sandbox was says whether it,
    // not the uploader, set the pace.
    List<Double> sandboxSharesPostflow = new ArrayList<>();
    List<Double> sandboxSharesCurl = new ArrayList<>();
    List<Double> postflowShares = new ArrayList<>();
    List<Double> postflowCpuPerGib = new ArrayList<>();
    List<Double> curlCpuPerGibs = new ArrayList<>();
    double gib = size / (double) (1L << 30);
    Set<Long> beforeSandbox = ThreadCpuMeter.liveThreads();

    try (FrameioSandbox sandbox = FrameioSandbox.builder()
            .tempDirectory(Files.createDirectories(work.resolve("sandbox"))).start();
        ThreadCpuMeter cpu = new ThreadCpuMeter(beforeSandbox);
        FrameioClient client = FrameioClient.builder().baseUri(sandbox.baseUri())
            .authenticator(StaticTokenAuthenticator.of(sandbox.issueAccessToken())).build();
        LocalUploader uploader = LocalUploader.builder().client(client)
            .accountId(sandbox.accountId()).partConcurrency(concurrency).build()) {
      for (int round = 1; round <= rounds; round++) {
        if (rounds > 1) {
          print("round %d of %d", round, rounds);
        }
        HeapWatcher heap = new HeapWatcher();
        heap.start();
        LastPartClock lastPart = new LastPartClock();
        ThreadCpuMeter.Sample cpuBefore = cpu.sample();
        long t0 = System.nanoTime();
        UploadResult result = uploader.upload(UploadRequest.builder().file(file)
            .folderId(sandbox.rootFolderId()).listener(lastPart).build()).completion().join();
        double postflowSeconds = (lastPart.at - t0) / 1e9;
        double totalSeconds = (System.nanoTime() - t0) / 1e9;
        ThreadCpuMeter.Sample used = cpu.sample().minus(cpuBefore);
        heap.stop();
        double postflowCpu = used.of(Owner.POSTFLOW) / 1e9;
        postflowShares.add(postflowCpu / totalSeconds);
        sandboxSharesPostflow.add(used.of(Owner.SANDBOX) / 1e9 / totalSeconds);
        print("PostFlow's CPU by kind of thread, s per GiB: %s", perGib(used.postflowByKind(), size));
        print("CPU during PostFlow's upload, share of one core: PostFlow's threads %.0f%%, the sandbox's %.0f%%",
            100 * postflowShares.get(postflowShares.size() - 1),
            100 * sandboxSharesPostflow.get(sandboxSharesPostflow.size() - 1));
        String remoteSha = sandbox.inspect().file(result.fileId()).orElseThrow().sha256();
        print("PostFlow LocalUploader: %,d bytes, parts sent (SHA-256 pass included) in %.2f s ="
                + " %.1f MiB/s; %.2f s until confirmed (%d parts, concurrency %d); sha256 %s"
                + " matches the sandbox: %s",
            size, postflowSeconds, size / postflowSeconds / (1 << 20), totalSeconds,
            sandbox.inspect().file(result.fileId()).orElseThrow().partsExpected(), concurrency,
            result.sha256(), result.sha256().equals(remoteSha));
        print("peak heap used during the upload: %.1f MiB (max heap %.0f MiB, whole JVM including"
                + " the in-process sandbox), GC runs: %d", heap.peakBytes() / 1048576.0,
            Runtime.getRuntime().maxMemory() / 1048576.0, heap.gcRuns());
        if (!result.sha256().equals(remoteSha)) {
          throw new IllegalStateException("the sandbox holds SHA-256 " + remoteSha + ", PostFlow computed "
              + result.sha256());
        }
        peakHeap = Math.max(peakHeap, heap.peakBytes() / 1048576.0);

        PresignedUpload target = client.account(sandbox.accountId())
            .createLocalUpload(sandbox.rootFolderId(), "BENCH_00001_v001_curl.mov", size);
        List<Path> slices = slice(file, target.parts(), work.resolve("slices"));
        ThreadCpuMeter.Sample curlCpuBefore = cpu.sample();
        CurlParts.Run curlRun = CurlParts.put(target, slices, concurrency);
        double curlSeconds = curlRun.seconds();
        sandboxSharesCurl.add(cpu.sample().minus(curlCpuBefore).of(Owner.SANDBOX) / 1e9 / curlSeconds);
        String curlSha = awaitSha(sandbox, target.file().id());
        double curlCpuPerGib = curlRun.cpuSeconds() / gib;
        postflowCpuPerGib.add(postflowCpu / gib);
        curlCpuPerGibs.add(curlCpuPerGib);
        print("curl -T (same part URLs, headers and concurrency; slicing not timed): %.2f s ="
                + " %.1f MiB/s, sandbox sha256 matches: %s", curlSeconds,
            size / curlSeconds / (1 << 20), result.sha256().equals(curlSha));
        print("CPU per GiB sent: PostFlow's threads %.2f s (SHA-256 included), curl's processes"
            + " %.2f s, ratio %.2f", postflowCpu / gib, curlCpuPerGib, postflowCpu / gib / curlCpuPerGib);
        print("ratio PostFlow / curl throughput (parts sent): %.2f", curlSeconds / postflowSeconds);
        for (Path slice : slices) {
          Files.deleteIfExists(slice);
        }
        postflowRates.add(size / postflowSeconds / (1 << 20));
        curlRates.add(size / curlSeconds / (1 << 20));
      }
    }
    double postflow = BenchReport.median(postflowRates);
    double curl = BenchReport.median(curlRates);
    if (rounds > 1) {
      print("medians of %d rounds: PostFlow %.1f MiB/s, curl %.1f MiB/s, ratio %.2f", rounds, postflow, curl,
          postflow / curl);
    }
    BenchReport.of("Upload: LocalUploader to the sandbox on loopback", UploadBenchmark.class, args)
        .explainedIn("benchmarks-upload.md")
        .compare("throughput, MiB/s (parts sent, SHA-256 pass included)", postflow,
            "`curl -T` PUTting the same parts, same concurrency", curl, "%.1f")
        .row("CPU during the upload, share of one core: the sandbox's threads",
            percent(BenchReport.median(sandboxSharesPostflow)), "the sandbox's threads while curl uploads",
            percent(BenchReport.median(sandboxSharesCurl)), Double.NaN)
        .value("CPU during the upload, share of one core: PostFlow's threads (SHA-256 included)",
            percent(BenchReport.median(postflowShares)))
        .compare("CPU per GiB sent, s: PostFlow's threads (SHA-256 included)",
            BenchReport.median(postflowCpuPerGib), "curl's processes",
            BenchReport.median(curlCpuPerGibs), "%.2f")
        .value("peak heap, whole JVM with the sandbox", String.format(Locale.ROOT, "%.1f MiB (max heap %.0f MiB)",
            peakHeap, Runtime.getRuntime().maxMemory() / 1048576.0))
        .note(String.format(Locale.ROOT, "Medians of %d round(s) of a %,d MiB file, %d parts at a time; curl's parts"
            + " are sliced beforehand (not timed) and it computes no SHA-256.",
            rounds, size >> 20, concurrency))
        .appendIfRequested();
  }

  /** {@code kind 0.12, kind 0.34}: each kind's CPU seconds per GiB, the smallest left out. */
  private static String perGib(Map<String, Long> nanosByKind, long bytes) {
    StringBuilder out = new StringBuilder();
    nanosByKind.forEach((kind, nanos) -> {
      double perGib = nanos / 1e9 / (bytes / (double) (1L << 30));
      if (perGib >= 0.005) {
        out.append(out.length() == 0 ? "" : ", ").append(kind)
            .append(String.format(Locale.ROOT, " %.2f", perGib));
      }
    });
    return out.toString();
  }

  private static String percent(double shareOfOneCore) {
    return String.format(Locale.ROOT, "%.0f%%", 100 * shareOfOneCore);
  }

  /** The file: random 1 MiB blocks (so hashing and copying do real work), reused when present. */
  static Path generate(Path file, long size) throws IOException {
    if (Files.exists(file) && Files.size(file) == size) {
      return file;
    }
    return TestFiles.random(file, size, size);
  }

  static List<Path> slice(Path file, List<PresignedPart> parts, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Path> slices = new ArrayList<>();
    long offset = 0;
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      for (int i = 0; i < parts.size(); i++) {
        Path slice = dir.resolve("part-" + i);
        try (FileChannel out = FileChannel.open(slice, StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
          long size = parts.get(i).size();
          for (long done = 0; done < size; ) {
            done += in.transferTo(offset + done, size - done, out);
          }
          offset += size;
        }
        slices.add(slice);
      }
    }
    return slices;
  }

  private static String awaitSha(FrameioSandbox sandbox, String fileId) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      String sha = sandbox.inspect().file(fileId).orElseThrow().sha256();
      if (sha != null) {
        return sha;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the sandbox never completed " + fileId);
  }

  private static void print(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }

  /** Notes when the last part was accepted: the transfer time, comparable with curl's. */
  private static final class LastPartClock implements UploadListener {
    private int done;
    private volatile long at;

    @Override
    public void onPartCompleted(int partIndex, int totalParts, long partBytes) {
      // Listener calls never overlap for one upload, so a plain counter is enough.
      if (++done == totalParts) {
        at = System.nanoTime();
      }
    }
  }
}
