package io.postflow.examples.bench;

import io.postflow.api.Exposure;
import io.postflow.tunnel.HttpFileExposer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Measures {@link HttpFileExposer} against nginx serving the same file from the same page cache, in
 * the same run: a full GET and 8 parallel ranges over loopback, several rounds, medians and ratios.
 * Not a test; results and the command are in {@code docs/benchmarks-tunnel.md}.
 *
 * <pre>
 * java -cp ... io.postflow.examples.bench.ExposerBenchmark [sizeGiB=2] [rounds=5] [workDir=/tmp] [nginx=/usr/sbin/nginx]
 * </pre>
 *
 * <p>Besides throughput it reports each server's CPU time per GiB served (the exposer's threads
 * through {@link ThreadMXBean}, nginx's master and workers through {@code /proc/<pid>/stat}): on a
 * busy machine throughput swings with the neighbours' load, CPU per byte much less.
 *
 * <p>nginx runs with a generated config ({@code sendfile on}, one worker per core, access log off)
 * on a free loopback port and is stopped at the end. The client is the same raw-socket reader for
 * both servers and discards the bytes, so what differs is the server.
 */
public final class ExposerBenchmark {
  private static final int PARALLEL = 8;

  private ExposerBenchmark() {}

  public static void main(String[] args) throws Exception {
    long size = (long) (Double.parseDouble(arg(args, 0, "2")) * (1L << 30));
    int rounds = Integer.parseInt(arg(args, 1, "5"));
    Path work = Files.createDirectories(Path.of(arg(args, 2, "/tmp")).resolve("postflow-exposer-bench"));
    String nginxBinary = arg(args, 3, "/usr/sbin/nginx");
    Path file = prepareFile(work.resolve("www").resolve("bench.bin"), size);

    int nginxPort = freePort();
    Process nginx = startNginx(nginxBinary, work, file.getParent(), nginxPort);
    try (HttpFileExposer exposer = HttpFileExposer.builder().maxConnections(64).build()) {
      Exposure exposure = exposer.expose(file);
      String exposerPath = exposure.url().getRawPath();
      waitForPort(nginxPort);
      // Warm both servers (and the page cache) once before measuring.
      fetch(exposer.localPort(), exposerPath, 0, size - 1);
      fetch(nginxPort, "/bench.bin", 0, size - 1);

      Server ours = new Server("exposer", exposer.localPort(), exposerPath, ExposerBenchmark::exposerCpuNanos);
      Server theirs = new Server("nginx", nginxPort, "/bench.bin", () -> processTreeCpuNanos(nginx.toHandle()));
      for (int round = 1; round <= rounds; round++) {
        // Interleaved, so that noise from other load on the machine hits both alike.
        double a = ours.measure(false, size);
        double b = theirs.measure(false, size);
        double c = ours.measure(true, size);
        double d = theirs.measure(true, size);
        System.out.printf("round %d: full exposer %.0f MB/s nginx %.0f MB/s | 8 ranges exposer %.0f MB/s nginx %.0f MB/s%n",
            round, a, b, c, d);
      }
      System.out.printf("%n%.1f GiB file, %d rounds, loopback, %d cores, load average at the end: %s%n",
          size / (double) (1L << 30), rounds, Runtime.getRuntime().availableProcessors(), loadAverage());
      System.out.println("| case | exposer MB/s (median) | nginx MB/s (median) | exposer / nginx |"
          + " exposer CPU ms/GiB | nginx CPU ms/GiB | CPU exposer / nginx |");
      System.out.println("|---|---|---|---|---|---|---|");
      row("full GET", ours.full, theirs.full, ours.fullCpuPerGiB(), theirs.fullCpuPerGiB());
      row("8 parallel ranges", ours.ranges, theirs.ranges, ours.rangesCpuPerGiB(), theirs.rangesCpuPerGiB());
      BenchReport.of("Exposer vs nginx (loopback)", ExposerBenchmark.class, args)
          .explainedIn("benchmarks-tunnel.md")
          .compare("full GET, MB/s", BenchReport.median(ours.full), "nginx (`sendfile on`), same file",
              BenchReport.median(theirs.full), "%.0f")
          .compare("8 parallel ranges, MB/s", BenchReport.median(ours.ranges), "nginx, same ranges",
              BenchReport.median(theirs.ranges), "%.0f")
          .compare("CPU per GiB, full GET, ms", ours.fullCpuPerGiB(), "nginx", theirs.fullCpuPerGiB(), "%.0f")
          .compare("CPU per GiB, 8 ranges, ms", ours.rangesCpuPerGiB(), "nginx", theirs.rangesCpuPerGiB(), "%.0f")
          .note(String.format(Locale.ROOT, "Medians of %d rounds of a %.2f GiB file, the two servers interleaved,"
              + " read by the same raw-socket client; CPU per GiB over all rounds.",
              rounds, size / (double) (1L << 30)))
          .appendIfRequested();
    } finally {
      nginx.destroy();
      nginx.waitFor(5, TimeUnit.SECONDS);
      nginx.destroyForcibly();
    }
  }

  private static void row(String name, List<Double> exposer, List<Double> nginx, double exposerCpu, double nginxCpu) {
    double e = BenchReport.median(exposer);
    double n = BenchReport.median(nginx);
    System.out.printf("| %s | %.0f | %.0f | %.2f | %.0f | %.0f | %.2f |%n", name, e, n, e / n, exposerCpu, nginxCpu,
        exposerCpu / nginxCpu);
  }

  /** One server under test: throughputs per round and the CPU it spent on them. */
  private static final class Server {
    final String name;
    final int port;
    final String path;
    final java.util.function.LongSupplier cpuNanos;
    final List<Double> full = new ArrayList<>();
    final List<Double> ranges = new ArrayList<>();
    long fullCpu;
    long fullBytes;
    long rangesCpu;
    long rangesBytes;

    Server(String name, int port, String path, java.util.function.LongSupplier cpuNanos) {
      this.name = name;
      this.port = port;
      this.path = path;
      this.cpuNanos = cpuNanos;
    }

    double measure(boolean parallel, long size) throws Exception {
      long cpu = cpuNanos.getAsLong();
      double rate = parallel ? ranges(port, path, size) : full(port, path, size);
      long spent = cpuNanos.getAsLong() - cpu;
      if (parallel) {
        ranges.add(rate);
        rangesCpu += spent;
        rangesBytes += size;
      } else {
        full.add(rate);
        fullCpu += spent;
        fullBytes += size;
      }
      return rate;
    }

    double fullCpuPerGiB() {
      return fullCpu / 1e6 / (fullBytes / (double) (1L << 30));
    }

    double rangesCpuPerGiB() {
      return rangesCpu / 1e6 / (rangesBytes / (double) (1L << 30));
    }
  }

  /** CPU time of the exposer's connection threads (they live 60 s idle, so deltas are complete). */
  static long exposerCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith("postflow-exposer-")) {
        total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return total;
  }

  /** utime + stime of a process and its children from /proc (Linux; clock ticks of 10 ms). */
  private static long processTreeCpuNanos(ProcessHandle root) {
    long ticks = 0;
    List<ProcessHandle> all = new ArrayList<>();
    all.add(root);
    root.children().forEach(all::add);
    for (ProcessHandle p : all) {
      try {
        String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      } catch (IOException | RuntimeException e) {
        // a worker that just exited: its time is lost, which only flatters nginx
      }
    }
    return ticks * 10_000_000L;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static double full(int port, String path, long size) throws Exception {
    long start = System.nanoTime();
    long got = fetch(port, path, 0, size - 1);
    return rate(got, start);
  }

  private static double ranges(int port, String path, long size) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
    try {
      long part = size / PARALLEL;
      long start = System.nanoTime();
      List<Future<Long>> parts = new ArrayList<>();
      for (int i = 0; i < PARALLEL; i++) {
        long from = i * part;
        long to = i == PARALLEL - 1 ? size - 1 : from + part - 1;
        parts.add(pool.submit(() -> fetch(port, path, from, to)));
      }
      long got = 0;
      for (Future<Long> f : parts) {
        got += f.get();
      }
      return rate(got, start);
    } finally {
      pool.shutdownNow();
    }
  }

  /** GETs bytes {@code from..to} and discards them; the number of body bytes read. */
  private static long fetch(int port, String path, long from, long to) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setReceiveBufferSize(4 << 20);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: bench\r\nRange: bytes=" + from + "-" + to
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("closed in the head: " + head);
        }
        head.append((char) b);
      }
      if (!head.toString().startsWith("HTTP/1.1 206")) {
        throw new IOException("expected 206, got " + head.toString().split("\r\n")[0]);
      }
      long expected = to - from + 1;
      byte[] buffer = new byte[1 << 20];
      long got = 0;
      int n;
      while (got < expected && (n = in.read(buffer)) > 0) {
        got += n;
      }
      if (got != expected) {
        throw new IOException("short body: " + got + " of " + expected);
      }
      return got;
    }
  }

  private static Process startNginx(String binary, Path work, Path root, int port) throws IOException {
    Path temp = Files.createDirectories(work.resolve("nginx-temp"));
    boolean root_ = "root".equals(System.getProperty("user.name"));
    String config = (root_ ? "user root;\n" : "") + "daemon off;\nworker_processes auto;\n"
        + "pid " + work.resolve("nginx.pid") + ";\nerror_log " + work.resolve("nginx-error.log") + ";\n"
        + "events { worker_connections 1024; }\n"
        + "http {\n  access_log off;\n  sendfile on;\n  tcp_nopush on;\n"
        + "  client_body_temp_path " + temp + "/body;\n  proxy_temp_path " + temp + "/proxy;\n"
        + "  fastcgi_temp_path " + temp + "/fastcgi;\n  uwsgi_temp_path " + temp + "/uwsgi;\n"
        + "  scgi_temp_path " + temp + "/scgi;\n"
        + "  server {\n    listen 127.0.0.1:" + port + ";\n    location / { root " + root + "; }\n  }\n}\n";
    Path conf = Files.writeString(work.resolve("nginx.conf"), config);
    return new ProcessBuilder(binary, "-p", work.toString(), "-c", conf.toString())
        .redirectErrorStream(true).redirectOutput(work.resolve("nginx-out.log").toFile()).start();
  }

  /** Reuses the file when it has the right size; else writes pseudo-random bytes (not sparse). */
  private static Path prepareFile(Path file, long size) throws IOException {
    Files.createDirectories(file.getParent());
    if (Files.exists(file) && Files.size(file) == size) {
      return file;
    }
    byte[] block = new byte[8 << 20];
    new Random(7).nextBytes(block);
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      for (long written = 0; written < size; ) {
        ByteBuffer buffer = ByteBuffer.wrap(block, 0, (int) Math.min(block.length, size - written));
        written += out.write(buffer);
      }
    }
    return file;
  }

  private static void waitForPort(int port) throws Exception {
    for (int i = 0; i < 100; i++) {
      try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
        if (probe.isConnected()) {
          return;
        }
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new IOException("nginx did not listen on " + port);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static double rate(long bytes, long startNanos) {
    return bytes / 1e6 / ((System.nanoTime() - startNanos) / 1e9);
  }

  private static String arg(String[] args, int i, String fallback) {
    return args.length > i ? args[i] : fallback;
  }
}
