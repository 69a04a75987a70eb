package io.postflow.examples.bench;

import io.postflow.lucidlink.DirectoryWatcher;
import io.postflow.lucidlink.FileVersion;
import io.postflow.lucidlink.ReadyFile;
import io.postflow.lucidlink.ReadyJournal;
import io.postflow.lucidlink.SettleGate;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Measures {@link DirectoryWatcher} over a generated tree (default 100,000 files in 5,000
 * folders): the time of the first scan, the CPU time of a steady-state reconcile scan when nothing
 * changed, and the delay from a new file's last write to its ready event, with and without file
 * events. A program, not a test: run it by hand (see docs/benchmarks-lucidlink.md).
 *
 * <p>Arguments (all optional): {@code workDir files folders settleSeconds scanSeconds samples}.
 */
public final class WatcherBenchmark {
  private WatcherBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path work = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("postflow-bench");
    int files = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int folders = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
    Duration settle = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 2);
    Duration scan = Duration.ofSeconds(args.length > 4 ? Long.parseLong(args[4]) : 5);
    int samples = args.length > 5 ? Integer.parseInt(args[5]) : 5;
    Path root = Files.createDirectories(work.resolve("tree"));

    long t0 = System.nanoTime();
    boolean fresh = generate(root, files, folders);
    print("%s %,d files in %,d folders under %s in %s", fresh ? "generated" : "reused", files, folders,
        root, since(t0));

    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    AtomicInteger reported = new AtomicInteger();
    DirectoryWatcher watcher = DirectoryWatcher.builder().root(root)
        .settleGate(SettleGate.builder().settleTime(Duration.ZERO).build())
        .fileEvents(false).journal(ReadyJournal.inMemory())
        .listener(f -> reported.incrementAndGet()).build();

    long wall = System.nanoTime();
    long cpuStart = cpu.getCurrentThreadCpuTime();
    watcher.scanNow();
    long firstScanWall = System.nanoTime() - wall;
    print("first scan (every file new, settling):  wall %s, CPU %s, tracked %,d",
        ms(firstScanWall), ms(cpu.getCurrentThreadCpuTime() - cpuStart), watcher.trackedCount());

    wall = System.nanoTime();
    cpuStart = cpu.getCurrentThreadCpuTime();
    watcher.scanNow();
    print("second scan (reports all %,d as ready):  wall %s, CPU %s", reported.get(), since(wall),
        ms(cpu.getCurrentThreadCpuTime() - cpuStart));

    List<Long> walls = new ArrayList<>();
    List<Long> cpus = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      wall = System.nanoTime();
      cpuStart = cpu.getCurrentThreadCpuTime();
      watcher.scanNow();
      cpus.add(cpu.getCurrentThreadCpuTime() - cpuStart);
      walls.add(System.nanoTime() - wall);
    }
    long steadyCpu = median(cpus);
    print("steady-state scan, nothing changed (median of 7): wall %s, CPU %s; reported still %,d",
        ms(median(walls)), ms(steadyCpu), reported.get());

    walls.clear();
    cpus.clear();
    for (int i = 0; i < 7; i++) {
      wall = System.nanoTime();
      cpuStart = cpu.getCurrentThreadCpuTime();
      watcher.lightScanNow();
      cpus.add(cpu.getCurrentThreadCpuTime() - cpuStart);
      walls.add(System.nanoTime() - wall);
    }
    print("steady-state light scan (fullScanEvery > 1), nothing changed (median of 7): wall %s, CPU %s",
        ms(median(walls)), ms(median(cpus)));
    System.gc();
    Runtime rt = Runtime.getRuntime();
    long heapMiB = (rt.totalMemory() - rt.freeMemory()) >> 20;
    print("heap in use with %,d files tracked: %,d MiB", watcher.trackedCount(), heapMiB);
    watcher.close();

    long scanOnly = latency(root, folders, settle, scan, samples, false);
    long withEvents = latency(root, folders, settle, scan, samples, true);
    durableJournal(work, files, folders);

    double bound = settle.plus(scan).toMillis();
    BenchReport.of(String.format(Locale.ROOT, "Watcher: %,d files in %,d folders", files, folders),
            WatcherBenchmark.class, args).explainedIn("benchmarks-lucidlink.md")
        .value("first scan, wall", ms(firstScanWall))
        .value("steady-state reconcile scan, CPU (median of 7)", ms(steadyCpu))
        .compare("last write to ready, scans only, ms (median)", scanOnly / 1e6,
            "design bound: settle + one scan interval", bound, "%.0f")
        .compare("last write to ready, file events on, ms (median)", withEvents / 1e6,
            "design bound: settle + one scan interval", bound, "%.0f")
        .value("heap in use with every file tracked", heapMiB + " MiB")
        .note(String.format(Locale.ROOT, "Settle %d s, scan every %d s, %d new files per latency median."
            + " No program does the same job, so the reference is the watcher's own design bound.",
            settle.toSeconds(), scan.toSeconds(), samples))
        .appendIfRequested();
  }

  /** The file journal's cost on a first run (one append per report) and on a restart (reading it). */
  private static void durableJournal(Path work, int files, int folders) throws IOException {
    Path file = work.resolve("seen.journal");
    Files.deleteIfExists(file);
    ReadyJournal journal = ReadyJournal.durable(file);
    long t0 = System.nanoTime();
    for (int i = 0; i < files; i++) {
      journal.markReported(FileVersion.of(
          work.resolve("tree/d" + (i % folders) + "/f" + i + ".exr"), 1, Instant.now()));
    }
    String marks = since(t0);
    t0 = System.nanoTime();
    ReadyJournal.durable(file);
    print("durable journal: %,d marks in %s; reopened (%,d bytes) in %s", files, marks,
        Files.size(file), since(t0));
  }

  /**
   * Starts a watcher, waits for its start-up scan, then times new files from last write to ready;
   * returns the median delay in nanoseconds.
   */
  private static long latency(Path root, int folders, Duration settle, Duration scan, int samples,
      boolean events) throws Exception {
    Map<Path, Long> readyAt = new ConcurrentHashMap<>();
    AtomicInteger startup = new AtomicInteger();
    try (DirectoryWatcher w = DirectoryWatcher.builder().root(root)
        .settleGate(SettleGate.builder().settleTime(settle).build())
        .scanInterval(scan).fileEvents(events)
        .listener((ReadyFile f) -> {
          if (f.path().getFileName().toString().startsWith("probe")) {
            readyAt.put(f.path(), System.nanoTime());
          } else {
            startup.incrementAndGet();
          }
        }).build()) {
      w.start();
      while (w.trackedCount() == 0 || startup.get() < w.trackedCount() - readyAt.size()) {
        Thread.sleep(100); // until the start-up scan has reported the existing tree
      }
      List<Long> delays = new ArrayList<>();
      List<Path> probes = new ArrayList<>();
      for (int i = 0; i < samples; i++) {
        Path probe = root.resolve("d" + (i * 997 % folders))
            .resolve("probe-" + (events ? "events-" : "scan-") + i + ".mov");
        probes.add(probe);
        Files.write(probe, new byte[1024]);
        long lastWrite = System.nanoTime();
        while (!readyAt.containsKey(probe)) {
          Thread.sleep(5);
        }
        delays.add(readyAt.get(probe) - lastWrite);
        Thread.sleep(317 * (i + 1) % 1500); // spread the writes over the scan cycle
      }
      for (Path p : probes) {
        Files.delete(p); // leave the tree as generated, for the next run
      }
      Collections.sort(delays);
      print("last write -> ready, events %s, settle %ss, scan every %ss (%d samples): min %s, median %s, max %s",
          events ? "on " : "off", settle.toSeconds(), scan.toSeconds(), samples, ms(delays.get(0)),
          ms(median(delays)), ms(delays.get(delays.size() - 1)));
      return median(delays);
    }
  }

  /** Creates the tree, or reuses one from an earlier run; returns whether it was created. */
  private static boolean generate(Path root, int files, int folders) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      // Probes left by an interrupted run would be reported at start-up and skew the latency.
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith("probe-")).toList()) {
        Files.delete(p);
      }
    }
    if (Files.exists(root.resolve("d" + ((files - 1) % folders)).resolve("f" + (files - 1) + ".exr"))) {
      return false;
    }
    byte[] content = new byte[1];
    for (int d = 0; d < folders; d++) {
      Files.createDirectories(root.resolve("d" + d));
    }
    for (int i = 0; i < files; i++) {
      Files.write(root.resolve("d" + (i % folders)).resolve("f" + i + ".exr"), content);
    }
    return true;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static String since(long startNanos) {
    return ms(System.nanoTime() - startNanos);
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%,d ms", nanos / 1_000_000);
  }

  private static void print(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }
}
