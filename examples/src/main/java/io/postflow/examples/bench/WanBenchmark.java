package io.postflow.examples.bench;

import io.postflow.api.Sleeper;
import io.postflow.api.UploadListener;
import io.postflow.api.UploadRequest;
import io.postflow.api.UploadResult;
import io.postflow.frameio.FrameioClient;
import io.postflow.frameio.LocalUploader;
import io.postflow.frameio.PresignedUpload;
import io.postflow.frameio.auth.StaticTokenAuthenticator;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * {@link LocalUploader} over a WAN-like link, compared in the same run with the link itself and
 * with {@code curl}: a veth pair between this host's network namespace and a new one, limited by
 * {@code tc tbf} on both ends, with the round-trip delay added by a {@link DelayingRelay} (these
 * kernels have no {@code netem}). The Frame.io sandbox runs in the far namespace
 * ({@link WanFarSide}). Profiles: 1 Gbit/s with 40 ms RTT, 200 Mbit/s with 80 ms.
 *
 * <p>For each profile and repeat, pair by pair on the same path: a raw TCP blast (the physical
 * limit), one curl stream, curl with PostFlow's parallelism on the same kind of part URLs, and
 * PostFlow with its SHA-256 proof; every upload's bytes are checked against the sandbox's
 * SHA-256. Reports medians and ratios (see docs/benchmarks-wan.md).
 *
 * <p>Needs root (it creates and always removes its namespace and link), {@code ip}, {@code tc}
 * and {@code curl}; exits 2 saying what is missing otherwise. Arguments: {@code --quick}
 * (smaller files, fewer repeats), {@code --repeats N}, {@code --parts-in-flight N} (PostFlow's
 * {@code partConcurrency}; default: PostFlow's default), {@code --work DIR} (where the test files
 * go; default a temp directory).
 */
public final class WanBenchmark {
  /** A link profile and the file sizes sent over it (a transfer of a few seconds). */
  private record Profile(String name, long bitsPerSecond, Duration rtt, long fullMiB, long quickMiB) {}

  private static final List<Profile> PROFILES = List.of(
      new Profile("1 Gbit/s, 40 ms RTT", 1_000_000_000L, Duration.ofMillis(40), 512, 160),
      new Profile("200 Mbit/s, 80 ms RTT", 200_000_000L, Duration.ofMillis(80), 160, 64));

  /** LocalUploader's own default, what a studio gets without configuring anything. */
  private static final int POSTFLOW_DEFAULT_PARTS_IN_FLIGHT = 6;

  private WanBenchmark() {}

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    int repeats = -1;
    int partsInFlight = -1;
    Path work = null;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--quick" -> quick = true;
          case "--repeats" -> repeats = positive(args, ++i);
          case "--parts-in-flight" -> partsInFlight = positive(args, ++i);
          case "--work" -> work = Path.of(args[++i]);
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      System.err.println("WanBenchmark: " + (e instanceof ArrayIndexOutOfBoundsException
          ? "a value is missing after " + args[args.length - 1] : e.getMessage())
          + "; usage: [--quick] [--repeats N] [--parts-in-flight N] [--work DIR]");
      System.exit(2);
    }
    repeats = repeats > 0 ? repeats : quick ? 2 : 3;
    work = work != null ? work : Files.createTempDirectory("postflow-wan-bench");
    Files.createDirectories(work);
    String curl = curlVersion();
    if (curl == null) {
      System.err.println("WanBenchmark: curl is needed (the reference uploads): apt-get install -y curl");
      System.exit(2);
    }
    WanLink link;
    try {
      link = WanLink.create(PROFILES.get(0).bitsPerSecond());
    } catch (WanLink.Unavailable e) {
      System.err.println("WanBenchmark: cannot build the WAN link: " + e.getMessage()
          + "\nRun it as root on Linux with iproute2 (ip netns, tc tbf).");
      System.exit(2);
      return;
    }
    try {
      print("link: %s; %s; %d CPUs, %s %s, load average %.1f", link.describe(), curl,
          Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
          System.getProperty("java.version"),
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      List<WanSamples> results = run(link, work, quick, repeats, partsInFlight);
      BenchReport report = WanReport.section(results, args);
      System.out.println(report.markdown());
      report.appendIfRequested().ifPresent(file -> print("appended to %s", file));
    } finally {
      link.close();
    }
  }

  private static int positive(String[] args, int i) {
    try {
      int value = Integer.parseInt(args[i]);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(args[i - 1] + " needs a positive whole number, was " + args[i]);
  }

  private static List<WanSamples> run(WanLink link, Path work, boolean quick, int repeats,
      int partsInFlight) throws Exception {
    int window = WindowSize.bytes();
    InetAddress loopback = InetAddress.getLoopbackAddress();
    // The relay holds, on this side, the port the sandbox listens on over there: the part URLs
    // the sandbox hands out (http://127.0.0.1:<port>/...) lead from here into the relay.
    ServerSocket apiListener = new ServerSocket(0, 64, loopback);
    Duration firstDelay = PROFILES.get(0).rtt().dividedBy(2);
    int streams = partsInFlight > 0 ? partsInFlight : POSTFLOW_DEFAULT_PARTS_IN_FLIGHT;
    try (WanFarSideClient far = new WanFarSideClient(link, apiListener.getLocalPort(), window);
        DelayingRelay api = new DelayingRelay("wan-relay", apiListener,
            new InetSocketAddress(link.farAddress(), far.forwardPort), firstDelay, window,
            Clock.systemUTC(), Sleeper.system());
        DelayingRelay raw = new DelayingRelay("wan-relay-raw", new ServerSocket(0, 64, loopback),
            new InetSocketAddress(link.farAddress(), far.sinkPort), firstDelay, window,
            Clock.systemUTC(), Sleeper.system());
        FrameioClient client = FrameioClient.builder().baseUri(URI.create(far.baseUri))
            .authenticator(StaticTokenAuthenticator.of(far.token)).build()) {
      LocalUploader.Builder builder = LocalUploader.builder().client(client).accountId(far.accountId);
      if (partsInFlight > 0) {
        builder.partConcurrency(partsInFlight);
      }
      // Nothing of the sandbox runs in this JVM: every thread alive now counts as "not sandbox".
      try (LocalUploader uploader = builder.build();
          ThreadCpuMeter threads = new ThreadCpuMeter(ThreadCpuMeter.liveThreads())) {
        print("relay window %d KiB per direction and connection; far side %s", window / 1024,
            far.baseUri);
        Bench bench = new Bench(link, far, api, raw, client, uploader, threads, work, streams);
        List<WanSamples> results = new ArrayList<>();
        boolean warm = false;
        for (Profile profile : PROFILES) {
          results.add(bench.profile(profile, quick ? profile.quickMiB() : profile.fullMiB(),
              repeats, !warm));
          warm = true;
        }
        return results;
      }
    }
  }

  /** The parts of one run that every measurement uses. */
  private static final class Bench {
    private final WanLink link;
    private final WanFarSideClient far;
    private final DelayingRelay api;
    private final DelayingRelay raw;
    private final FrameioClient client;
    private final LocalUploader uploader;
    private final Path work;
    private final int streams;
    private final ThreadCpuMeter threads;
    private Duration oneWay;
    private final com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    Bench(WanLink link, WanFarSideClient far, DelayingRelay api, DelayingRelay raw,
        FrameioClient client, LocalUploader uploader, ThreadCpuMeter threads, Path work, int streams) {
      this.threads = threads;
      this.link = link;
      this.far = far;
      this.api = api;
      this.raw = raw;
      this.client = client;
      this.uploader = uploader;
      this.work = work;
      this.streams = streams;
    }

    WanSamples profile(Profile profile, long mib, int repeats, boolean warmUp) throws Exception {
      oneWay = profile.rtt().dividedBy(2);
      link.rate(profile.bitsPerSecond());
      api.oneWayDelay(profile.rtt().dividedBy(2));
      raw.oneWayDelay(profile.rtt().dividedBy(2));
      long size = mib << 20;
      Path file = UploadBenchmark.generate(work.resolve("WAN_" + mib + "MiB.mov"), size);
      String sha = sha256(file);
      PresignedUpload layout = client.account(far.accountId)
          .createLocalUpload(far.rootFolderId, "WAN_layout.mov", size);
      List<Path> slices = UploadBenchmark.slice(file, layout.parts(), work.resolve("slices-" + mib));
      client.account(far.accountId).deleteFile(layout.file().id());
      print("%n%s: %d MiB in %d parts, %d streams, %d repeats", profile.name(), mib,
          layout.parts().size(), streams, repeats);
      WanSamples samples = new WanSamples(profile.name(), profile.bitsPerSecond(), size, streams);
      if (warmUp) {
        double s = postflow(file, sha, null);
        print("  warm-up (JIT) PostFlow: %.1f MiB/s, not counted", mib / s);
      }
      InetSocketAddress rawAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), raw.port());
      for (int r = 1; r <= repeats; r++) {
        samples.tcp.add(TcpBlast.seconds(rawAddress, size, streams));
        CurlParts.Run one = curl(slices, size, sha, 1);
        samples.oneCurl.add(untilDelivered(one.startNanos(), one.endNanos()));
        CurlParts.Run parallel = curl(slices, size, sha, streams);
        samples.parallelCurl.add(untilDelivered(parallel.startNanos(), parallel.endNanos()));
        samples.parallelCurlAnswered.add(parallel.seconds());
        samples.curlCpuPerGiB.add(parallel.cpuSeconds() / ((double) size / (1 << 30)));
        samples.postflow.add(postflow(file, sha, samples));
        int last = samples.tcp.size() - 1;
        print("  repeat %d, MiB/s: raw TCP %.1f, one curl %.1f, curl x %d %.1f, PostFlow %.1f;"
                + " until the last answer: curl x %d %.1f, PostFlow %.1f", r,
            mib / samples.tcp.get(last), mib / samples.oneCurl.get(last), streams,
            mib / samples.parallelCurl.get(last), mib / samples.postflow.get(last), streams,
            mib / samples.parallelCurlAnswered.get(last), mib / samples.postflowAnswered.get(last));
        print("    CPU, share of one core during PostFlow's upload: PostFlow JVM %.0f%%, relay %.0f%%,"
                + " sandbox %.0f%%; CPU s per GiB: PostFlow's threads %.2f (JVM %.2f), curl x %d %.2f",
            100 * samples.postflowCpu.get(last), 100 * samples.relayCpu.get(last),
            100 * samples.sandboxCpu.get(last), samples.postflowThreadsCpuPerGiB.get(last),
            samples.postflowCpuPerGiB.get(last), streams,
            samples.curlCpuPerGiB.get(last));
      }
      for (Path slice : slices) {
        Files.deleteIfExists(slice);
      }
      return samples;
    }

    /** curl PUTs a new upload's parts over {@code curlStreams} connections. */
    private CurlParts.Run curl(List<Path> slices, long size, String sha, int curlStreams) throws Exception {
      PresignedUpload target = client.account(far.accountId)
          .createLocalUpload(far.rootFolderId, "WAN_curl.mov", size);
      CurlParts.Run run = CurlParts.put(target, slices, curlStreams);
      checkAndDelete(target.file().id(), sha, "curl x " + curlStreams);
      return run;
    }

    /**
     * Seconds from {@code startNanos} until the far side had handed the sandbox the last byte
     * sent before {@code answeredNanos}, plus the one-way delay an answer takes back: when the
     * last answer would have come from a server that answers a part once it has it, as S3 does.
     * The sandbox answers the last part only after hashing the whole file (its SHA-256 proof):
     * far-side work, not the link's nor the uploader's, so it is left out here (and reported).
     */
    private double untilDelivered(long startNanos, long answeredNanos) throws Exception {
      long delivered = far.lastDeliveredAtOrBefore(answeredNanos);
      return (delivered - startNanos + oneWay.toNanos()) / 1e9;
    }

    /**
     * One PostFlow upload, SHA-256 proof on; returns the seconds from the placeholder's creation
     * (curl's time starts with the part URLs too) until delivered (see {@link #untilDelivered}).
     * With {@code samples}, also records the time until the last part's answer and the CPU
     * shares during the whole upload call.
     */
    private double postflow(Path file, String sha, WanSamples samples) throws Exception {
      TransferClock clock = new TransferClock();
      long cpu0 = os.getProcessCpuTime();
      ThreadCpuMeter.Sample threads0 = threads.sample();
      long relay0 = api.cpuNanos();
      WanFarSideClient.Cpu far0 = far.cpu();
      long t0 = System.nanoTime();
      UploadResult result = uploader.upload(UploadRequest.builder().file(file)
          .folderId(far.rootFolderId).listener(clock).build()).completion().join();
      long wall = System.nanoTime() - t0;
      long relay = api.cpuNanos() - relay0;
      long cpu = os.getProcessCpuTime() - cpu0;
      long postflowThreads = threads.sample().minus(threads0).of(ThreadCpuMeter.Owner.POSTFLOW);
      WanFarSideClient.Cpu farCpu = far.cpu().minus(far0);
      if (!result.sha256().equals(sha)) {
        throw new IllegalStateException("PostFlow's SHA-256 " + result.sha256()
            + " is not the file's " + sha);
      }
      checkAndDelete(result.fileId(), sha, "PostFlow");
      if (samples != null) {
        samples.postflowCpu.add((double) (cpu - relay) / wall);
        double gib = (double) Files.size(file) / (1 << 30);
        samples.postflowCpuPerGiB.add((cpu - relay) / 1e9 / gib);
        samples.postflowThreadsCpuPerGiB.add(postflowThreads / 1e9 / gib);
        samples.relayCpu.add((double) (relay + farCpu.forwarderNanos()) / wall);
        samples.sandboxCpu.add((double) (farCpu.processNanos() - farCpu.forwarderNanos()) / wall);
      }
      if (samples != null) {
        samples.postflowAnswered.add((clock.lastPart - clock.created) / 1e9);
      }
      return untilDelivered(clock.created, clock.lastPart);
    }

    private void checkAndDelete(String fileId, String sha, String who) throws Exception {
      String remote = far.sha256(fileId);
      if (!remote.equals(sha)) {
        throw new IllegalStateException(who + ": the sandbox holds SHA-256 " + remote
            + ", the file is " + sha);
      }
      client.account(far.accountId).deleteFile(fileId);
    }
  }

  /** When the placeholder was created and when the last part was accepted. */
  private static final class TransferClock implements UploadListener {
    private int done;
    volatile long created;
    volatile long lastPart;

    @Override
    public void onRemoteFileCreated(UploadRequest request, String fileId) {
      created = System.nanoTime();
    }

    @Override
    public void onPartCompleted(int partIndex, int totalParts, long partBytes) {
      // Listener calls never overlap for one upload, so a plain counter is enough.
      if (++done == totalParts) {
        lastPart = System.nanoTime();
      }
    }
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    byte[] buffer = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** curl's first version line, or null when there is no curl. */
  private static String curlVersion() throws InterruptedException {
    try {
      Process p = new ProcessBuilder("curl", "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      return p.waitFor() == 0 ? out.lines().findFirst().orElse("curl").split(" \\(")[0] : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static void print(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }
}
