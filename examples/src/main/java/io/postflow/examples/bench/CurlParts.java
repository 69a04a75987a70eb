package io.postflow.examples.bench;

import io.postflow.frameio.PresignedUpload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code curl} PUTting a local upload's parts to their presigned URLs with the headers S3 checks:
 * {@code streams} curl processes, each sending its share of the parts one after another on one
 * kept-alive connection (part i goes to stream i mod streams), which is how PostFlow's part
 * workers share the parts. One stream is a plain single-connection upload.
 */
final class CurlParts {
  private CurlParts() {}

  /**
   * When the PUTs started and ended ({@link System#nanoTime()}), and the CPU time (user + system)
   * of the curl processes.
   */
  record Run(long startNanos, long endNanos, double cpuSeconds) {
    double seconds() {
      return (endNanos - startNanos) / 1e9;
    }
  }

  /** PUTs every part ({@code slices.get(i)} to part i). */
  static Run put(PresignedUpload target, List<Path> slices, int streams) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(streams);
    try {
      long cpu0 = childrenCpuTicks();
      long start = System.nanoTime();
      List<Future<?>> runs = new ArrayList<>();
      for (int s = 0; s < streams; s++) {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--fail-early",
            "-H", "Content-Type: " + target.mediaType(), "-H", "x-amz-acl: private",
            "-w", "%{http_code}\\n"));
        int parts = 0;
        for (int i = s; i < slices.size(); i += streams) {
          command.addAll(List.of("-T", slices.get(i).toString(), "-o", "/dev/null",
              target.parts().get(i).url()));
          parts++;
        }
        if (parts > 0) {
          int expected = parts;
          runs.add(pool.submit(() -> {
            run(command, expected);
            return null;
          }));
        }
      }
      for (Future<?> run : runs) {
        run.get(10, TimeUnit.MINUTES);
      }
      long end = System.nanoTime();
      return new Run(start, end, (childrenCpuTicks() - cpu0) / (double) TICKS_PER_SECOND);
    } finally {
      pool.shutdownNow();
    }
  }

  /** USER_HZ, the unit of /proc's CPU times: 100 on every Linux architecture PostFlow runs on. */
  private static final int TICKS_PER_SECOND = 100;

  /**
   * CPU time of this JVM's ended child processes ({@code cutime + cstime} of /proc/self/stat): the
   * JDK waits for every process it started, which adds that process's time here.
   */
  private static long childrenCpuTicks() throws IOException {
    String stat = Files.readAllLines(Path.of("/proc/self/stat")).get(0);
    // Fields after the command name (which may hold spaces, hence the last ')'): state is
    // field 3, cutime and cstime fields 16 and 17.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[16 - 3]) + Long.parseLong(fields[17 - 3]);
  }

  private static void run(List<String> command, int parts) throws Exception {
    Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!curl.waitFor(10, TimeUnit.MINUTES)) {
      curl.destroyForcibly();
      throw new IllegalStateException("curl did not finish in 10 minutes");
    }
    // One status line per part; anything else is curl's own complaint. URLs (secrets: their
    // signatures) are never part of what curl prints with -sS -w.
    String expected = "200\n".repeat(parts).trim();
    if (curl.exitValue() != 0 || !out.equals(expected)) {
      throw new IllegalStateException("curl PUT of " + parts + " parts answered: " + out);
    }
  }
}
