package io.postflow.examples.bench;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryState;
import io.postflow.examples.bench.RateLimitFloor.Bound;
import io.postflow.examples.bench.RateLimitFloor.Limit;
import io.postflow.examples.bench.ThreadCpuMeter.Owner;
import io.postflow.frameio.auth.StaticTokenAuthenticator;
import io.postflow.pipeline.PostFlow;
import io.postflow.testkit.FrameioSandbox;
import io.postflow.testkit.SandboxFile;
import io.postflow.testkit.TestFiles;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs renders through the whole pipeline ({@link PostFlow} with its SQLite journal, the default
 * nomenclature and folder template, a shot list, the local uploader) against an in-process
 * {@link FrameioSandbox} that enforces Frame.io's documented rate limits (its default), in three
 * phases: small files handed over with {@code submit()}, large files with {@code submit()}, and
 * small files written into the watched folder. For each phase it prints the wall time from the
 * first hand-over to the last delivery, files per second, <b>the least time the rate limits allow
 * for the calls the phase made</b> (see {@link RateLimitFloor}) and the ratio, the 429 answers,
 * CPU time per file of PostFlow's threads apart from the sandbox's, and the peak heap. A program,
 * not a test: see docs/benchmarks-pipeline.md for the command and figures.
 *
 * <p>Arguments (all optional): {@code [--quick] workDir smallFiles smallKiB largeFiles largeMiB
 * uploadsAtOnce watchedFiles}; defaults 1,000 small files of 1,024 KiB, 10 of 1,024 MiB, 3
 * uploads at once, 100 watched files (about 9 minutes on 2 vCPUs); {@code --quick} makes the
 * defaults 45 small files, 2 of 64 MiB and 9 watched files (about half a minute). Everything is
 * made in {@code workDir/pipeline-bench}, deleted at the end.
 */
public final class PipelineBenchmark {
  private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(30);
  private static final long MIB = 1 << 20;
  private static final Duration SETTLE = Duration.ofMillis(200);

  private final FrameioSandbox sandbox;
  private final PostFlow postflow;
  private final DeliveryTally tally;
  private final ThreadCpuMeter cpu;
  private final Map<String, Limit> limits = new LinkedHashMap<>();
  private final List<Phase> phases = new ArrayList<>();

  /** What one phase measured. */
  private record Phase(String name, int files, long bytes, Duration wall, Duration floor, int rateLimited,
      long postflowCpu, long sandboxCpu) {}

  private PipelineBenchmark(FrameioSandbox sandbox, PostFlow postflow, DeliveryTally tally, ThreadCpuMeter cpu) {
    this.sandbox = sandbox;
    this.postflow = postflow;
    this.tally = tally;
    this.cpu = cpu;
  }

  public static void main(String[] args) throws Exception {
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    boolean quick = rest.remove("--quick");
    Path work = !rest.isEmpty() ? Path.of(rest.get(0)) : Files.createTempDirectory("postflow-pipeline-bench");
    int small = rest.size() > 1 ? Integer.parseInt(rest.get(1)) : quick ? 45 : 1000;
    long smallBytes = (rest.size() > 2 ? Long.parseLong(rest.get(2)) : 1024) << 10;
    int large = rest.size() > 3 ? Integer.parseInt(rest.get(3)) : quick ? 2 : 10;
    long largeBytes = (rest.size() > 4 ? Long.parseLong(rest.get(4)) : quick ? 64 : 1024) << 20;
    int uploads = rest.size() > 5 ? Integer.parseInt(rest.get(5)) : 3;
    int watched = rest.size() > 6 ? Integer.parseInt(rest.get(6)) : quick ? 9 : 100;

    long began = System.nanoTime();
    Path run = work.resolve("pipeline-bench");
    deleteTree(run); // what an interrupted run left
    try {
      Files.createDirectories(run);
      int shots = small + large + watched;
      int scenes = Math.max(1, Math.min(25, shots / 40));
      Path shotList = writeShotList(run.resolve("shots.csv"), shots, scenes);
      print("machine: %d CPUs, max heap %,d MiB, %s %s; shot list: %,d shots in %d scenes",
          Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
          System.getProperty("java.vm.name"), System.getProperty("java.version"), shots, scenes);
      List<Path> smallFiles = generate(Files.createDirectories(run.resolve("submitted")), 1, small, smallBytes);

      Set<Long> before = ThreadCpuMeter.liveThreads();
      DeliveryTally tally = new DeliveryTally();
      try (FrameioSandbox sandbox = FrameioSandbox.builder()
              .tempDirectory(Files.createDirectories(run.resolve("sandbox"))).start();
          ThreadCpuMeter cpu = new ThreadCpuMeter(before);
          PostFlow postflow = PostFlow.builder()
              .frameioBaseUri(sandbox.baseUri())
              .authenticator(StaticTokenAuthenticator.of(sandbox.issueAccessToken()))
              .accountId(sandbox.accountId())
              .projectId(sandbox.projectId())
              .shotList(shotList)
              .journalFile(run.resolve("journal.db"))
              .watch("renders", Files.createDirectories(run.resolve("watched")))
              .settleTime(SETTLE) // the files are complete when written
              .scanInterval(Duration.ofSeconds(5)) // file events see them first
              .maxConcurrentUploads(uploads)
              .notifier(n -> {})
              .listener(tally)
              .build()) {
        postflow.start();
        PipelineBenchmark bench = new PipelineBenchmark(sandbox, postflow, tally, cpu);
        if (small > 0) {
          bench.phase(String.format(Locale.ROOT, "%,d x %s, submit()", small, size(smallBytes)), smallFiles, uploads);
        }
        if (large > 0) {
          List<Path> largeFiles = generate(Files.createDirectories(run.resolve("large")), small + 1, large,
              largeBytes);
          bench.phase(String.format(Locale.ROOT, "%,d x %s, submit()", large, size(largeBytes)), largeFiles, uploads);
        }
        if (watched > 0) {
          List<Path> watchedFiles = new ArrayList<>();
          for (int i = small + large + 1; i <= shots; i++) {
            watchedFiles.add(run.resolve("watched").resolve(renderName(i)));
          }
          bench.watchedPhase(String.format(Locale.ROOT, "%,d x %s, watched folder", watched, size(smallBytes)),
              watchedFiles, smallBytes, uploads);
        }
        bench.summary();
        bench.verify(shots);
        bench.report(args, uploads);
      }
    } finally {
      deleteTree(run);
      print("deleted %s; the program ran %s in all (generating files and pauses included)", run,
          s(System.nanoTime() - began));
    }
  }

  /** Hands {@code files} over with {@code submit()} and waits until each has ended. */
  private void phase(String name, List<Path> files, int uploads) throws Exception {
    pauseForBuckets();
    Start start = new Start();
    var threadCpu = ManagementFactory.getThreadMXBean();
    long mainCpu = threadCpu.getCurrentThreadCpuTime();
    List<Long> submits = new ArrayList<>();
    for (Path file : files) {
      long t = System.nanoTime();
      postflow.submit(file);
      submits.add(System.nanoTime() - t);
    }
    long submitCpu = threadCpu.getCurrentThreadCpuTime() - mainCpu;
    Collections.sort(submits);
    finish(name, files, start, submitCpu, Duration.ZERO, uploads, String.format(Locale.ROOT,
        "submit() took %s median, %s max, %s of CPU in all on the caller's thread",
        ms(submits.get(submits.size() / 2)), ms(submits.get(submits.size() - 1)), ms(submitCpu)));
  }

  /** Writes {@code files} into the watched folder and waits until each has ended. */
  private void watchedPhase(String name, List<Path> files, long bytes, int uploads) throws Exception {
    pauseForBuckets();
    Start start = new Start();
    for (Path file : files) {
      TestFiles.random(file, bytes, file.getFileName().hashCode());
    }
    finish(name, files, start, 0, SETTLE, uploads, String.format(Locale.ROOT,
        "files written in %s; each counts as finished %s after its last write (settle time)",
        ms(System.nanoTime() - start.nanos), s(SETTLE)));
  }

  /** A phase's starting point: time, request counts, CPU, heap. */
  private final class Start {
    final Instant at = Instant.now();
    final Map<String, Long> counts = sandbox.inspect().operationCounts();
    final int retries = tally.retries();
    final ThreadCpuMeter.Sample cpuSample = cpu.sample();
    final HeapWatcher heap = new HeapWatcher();
    final long nanos;

    Start() {
      heap.start();
      nanos = System.nanoTime();
    }
  }

  /**
   * Waits for the phase's files and prints what it measured. {@code settle} is how long a file
   * must wait before the pipeline may make its first call for it: part of the floor.
   */
  private void finish(String name, List<Path> files, Start start, long submitCpu, Duration settle, int uploads,
      String handOver) throws Exception {
    List<String> names = files.stream().map(f -> f.getFileName().toString()).toList();
    await(name, names, start.nanos);
    Duration wall = Duration.ofNanos(tally.lastEndNanos(names) - start.nanos);
    ThreadCpuMeter.Sample used = cpu.sample().minus(start.cpuSample);
    start.heap.stop();
    RateLimitFloor.Phase calls = RateLimitFloor.measure(sandbox, start.at, start.counts, limits);
    List<Bound> bounds = calls.bounds();
    Duration floor = calls.floor().plus(settle);
    int rateLimited = calls.rateLimited();
    long apiCalls = calls.limitedCalls(limits);
    boolean logFull = calls.logFull();
    long bytes = files.stream().mapToLong(PipelineBenchmark::sizeOf).sum();
    int[] ended = tally.ended(names);

    String p = "[" + name + "] ";
    print("%s%,d of %,d delivered in %s (first hand-over to last delivery) = %.2f files/s, %.1f MiB/s;"
        + " %d uploads at once", p, ended[1], names.size(), s(wall), names.size() / seconds(wall),
        bytes / MIB / seconds(wall), uploads);
    print("%s%s", p, handOver);
    if (bounds.isEmpty()) {
      print("%sno rate-limited calls", p);
    } else {
      Bound binding = bounds.get(0);
      print("%srate-limit floor %s%s, bound by %s (%,d calls, limit %s); wall / floor = %s", p, s(floor),
          settle.isZero() ? "" : " (settle time included)", binding.operation(), binding.calls(), binding.limit(),
          floor.isZero() ? "n/a (the calls fit in the initial bucket)" : String.format(Locale.ROOT, "%.2f",
              seconds(wall) / seconds(floor)));
      StringBuilder others = new StringBuilder();
      for (Bound b : bounds.subList(1, bounds.size())) {
        others.append(String.format(Locale.ROOT, "%s%s %,d at %s -> %s", others.length() == 0 ? "" : "; ",
            b.operation(), b.calls(), b.limit(), s(b.minimum())));
      }
      print("%s  other limited calls: %s", p, others.length() == 0 ? "none" : others);
    }
    print("%s429 answers: %s%,d (of %,d rate-limited API calls); pipeline retries: %d%s", p, logFull ? "at least " : "",
        rateLimited, apiCalls, tally.retries() - start.retries,
        tally.firstProblem(names) == null ? "" : "; NOT DELIVERED: " + tally.firstProblem(names));
    long postflowCpu = used.of(Owner.POSTFLOW) + submitCpu;
    print("%sCPU: PostFlow %s = %s per file%s (its threads %s + submit() %s); sandbox %s; GC, JIT and"
            + " threads shorter than 100 ms %s; other %s; process %s; %,d threads started", p, s(postflowCpu),
        ms(postflowCpu / names.size()), bytes >= (256 * MIB) * names.size() ? String.format(Locale.ROOT,
            ", %s per GiB", ms((long) (postflowCpu / (bytes / (double) (1L << 30))))) : "",
        s(used.of(Owner.POSTFLOW)), s(submitCpu), s(used.of(Owner.SANDBOX)), s(used.jvm()),
        s(used.of(Owner.OTHER) - submitCpu), s(used.process()), used.threadsStarted());
    print("%speak heap %.1f MiB (whole JVM, sandbox included), %d GC runs", p, start.heap.peakBytes() / (double) MIB,
        start.heap.gcRuns());
    phases.add(new Phase(name, names.size(), bytes, wall, floor, rateLimited, postflowCpu,
        used.of(Owner.SANDBOX)));
  }

  private void await(String name, List<String> names, long startNanos) throws InterruptedException {
    long deadline = startNanos + PHASE_TIMEOUT.toNanos();
    long nextReport = System.nanoTime() + 10_000_000_000L;
    int[] ended = tally.ended(names);
    while (ended[0] < names.size()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(name + ": not done after " + PHASE_TIMEOUT + "; the journal holds "
            + postflow.deliveries().counts());
      }
      if (System.nanoTime() > nextReport) {
        print("  %s: %,d of %,d ended (%,d delivered) after %s", name, ended[0], names.size(), ended[1],
            s(System.nanoTime() - startNanos));
        nextReport += 10_000_000_000L;
      }
      Thread.sleep(50);
      ended = tally.ended(names);
    }
  }

  /**
   * Lets the sandbox's per-second buckets drain between phases, so that each phase starts from
   * empty buckets as its floor assumes (per-minute operations are used a handful of times only).
   */
  private static void pauseForBuckets() throws InterruptedException {
    Thread.sleep(2000);
  }

  private void summary() {
    Duration wall = phases.stream().map(Phase::wall).reduce(Duration.ZERO, Duration::plus);
    Duration floor = phases.stream().map(Phase::floor).reduce(Duration.ZERO, Duration::plus);
    int files = phases.stream().mapToInt(Phase::files).sum();
    long bytes = phases.stream().mapToLong(Phase::bytes).sum();
    long postflowCpu = phases.stream().mapToLong(Phase::postflowCpu).sum();
    long sandboxCpu = phases.stream().mapToLong(Phase::sandboxCpu).sum();
    print("whole batch: %,d files, %.2f GiB in %s (sum of the phases) = %.2f files/s; rate-limit floor %s"
            + " (sum of the phases'); wall / floor = %.2f; 429 answers %d; PostFlow CPU %s (%s per file),"
            + " sandbox CPU %s", files, bytes / (double) (1L << 30), s(wall), files / seconds(wall), s(floor),
        seconds(wall) / seconds(floor), phases.stream().mapToInt(Phase::rateLimited).sum(), s(postflowCpu),
        ms(postflowCpu / files), s(sandboxCpu));
  }

  /** The section of docs/benchmarks.md (when {@code scripts/bench all} asks for it): each phase's medians. */
  private void report(String[] args, int uploads) {
    BenchReport report = BenchReport.of("Pipeline: renders to Frame.io with the rate limits on", PipelineBenchmark.class,
        args).explainedIn("benchmarks-pipeline.md");
    for (Phase phase : phases) {
      if (phase.floor().isZero()) {
        report.value(phase.name() + ": wall time, s", String.format(Locale.ROOT, "%.2f (the calls fit in the"
            + " initial bucket: no floor)", seconds(phase.wall())));
      } else {
        report.compare(phase.name() + ": wall time, s", seconds(phase.wall()),
            "least time the rate limits allow", seconds(phase.floor()), "%.2f");
      }
      report.value(phase.name() + ": 429 answers (goal 0)", Integer.toString(phase.rateLimited()));
      report.value(phase.name() + ": PostFlow CPU per file", ms(phase.postflowCpu() / phase.files())
          + (phase.bytes() >= 256 * MIB * phase.files() ? String.format(Locale.ROOT, " (%s per GiB)",
              ms((long) (phase.postflowCpu() / (phase.bytes() / (double) (1L << 30))))) : ""));
    }
    report.note(String.format(Locale.ROOT, "One run (each phase's figure is its wall time from the first hand-over"
        + " to the last delivery); %d uploads at once; the sandbox enforces Frame.io's documented limits and the"
        + " floor is what they allow for the calls each phase made. Every file"
        + " was checked on the sandbox once with PostFlow's SHA-256.", uploads)).appendIfRequested();
  }

  /** Every file once on the sandbox, with the SHA-256 PostFlow computed from the local file. */
  private void verify(int expected) {
    List<Delivery> delivered = postflow.deliveries().list(Set.of(DeliveryState.DELIVERED), expected + 10);
    Map<String, SandboxFile> remote = new HashMap<>();
    for (SandboxFile f : sandbox.inspect().files()) {
      remote.put(f.id(), f);
    }
    long matching = delivered.stream().filter(d -> {
      SandboxFile f = remote.get(d.facts().fileId().orElse(""));
      return f != null && f.sha256() != null && f.sha256().equals(d.facts().sha256().orElse(null));
    }).count();
    print("check: journal %s; %,d files on the sandbox; %,d of %,d delivered with the sandbox's SHA-256 equal"
        + " to PostFlow's", postflow.deliveries().counts(), remote.size(), matching, delivered.size());
    if (delivered.size() != expected || matching != expected || remote.size() != expected) {
      throw new IllegalStateException("expected " + expected + " files delivered once each with matching SHA-256");
    }
  }

  /** Files {@code first}.. of {@code size} random bytes (video does not compress) named as renders. */
  private static List<Path> generate(Path dir, int first, int count, long size) {
    long t0 = System.nanoTime();
    List<Path> files = new ArrayList<>();
    for (int i = first; i < first + count; i++) {
      if (size >= 256 * MIB) {
        print("  generating %s (%d of %d, %s)", renderName(i), i - first + 1, count, size(size));
      }
      files.add(TestFiles.random(dir.resolve(renderName(i)), size, i));
    }
    print("generated %,d files of %s in %s (not timed)", count, size(size), s(System.nanoTime() - t0));
    return files;
  }

  static String renderName(int shot) {
    return String.format(Locale.ROOT, "BENCH_%05d_v001.mov", shot);
  }

  /**
   * A shot list in the production's export format (the header of postflow-pipeline's
   * {@code ShotListFixture}): shots BENCH_00001.. of 4 s each in {@code scenes} consecutive scenes.
   */
  static Path writeShotList(Path csv, int shots, int scenes) throws IOException {
    StringBuilder out = new StringBuilder("PLAN,VIGNETTE,SEQUENCE,TC IN,TC OUT,TC IN SOURCE,TC OUT SOURCE,DURÉE,"
        + "SOURCE NAME,Doublons,NOMENCLATURE PLAN,LUT,GRAPHISTE,COMMENTAIRE,GRAPH VALIDÉ PAR PROD,"
        + "VERIF TECHNIQUE,MISE À DISPO EN MONTAGE\n");
    for (int i = 1; i <= shots; i++) {
      int scene = (int) ((i - 1L) * scenes / shots) + 1;
      out.append(String.format(Locale.ROOT, "%03d,,DECOR %02d,%s,%s,00:00:00:00,00:00:04:00,00:00:04:00,"
          + "SRC_%05d.mov,,BENCH_%05d,,,,FALSE,FALSE,FALSE%n", i, scene, timecode((i - 1) * 4), timecode(i * 4), i, i));
    }
    Files.writeString(csv, out, StandardCharsets.UTF_8);
    return csv;
  }

  private static String timecode(int seconds) {
    return String.format(Locale.ROOT, "%02d:%02d:%02d:00", 1 + seconds / 3600, seconds / 60 % 60, seconds % 60);
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Deletes {@code root} and everything below it, if it exists. */
  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static String size(long bytes) {
    return bytes >= MIB ? String.format(Locale.ROOT, "%,d MiB", bytes / MIB)
        : String.format(Locale.ROOT, "%,d KiB", bytes >> 10);
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private static String s(Duration d) {
    return s(d.toNanos());
  }

  private static String s(long nanos) {
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
  }

  private static void print(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }
}
