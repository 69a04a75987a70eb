package io.postflow.lucidlink;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a short command with a hard timeout. Output goes to temporary files rather than pipes: a
 * child that hangs (or leaves a grandchild holding the pipe) can then never block the reader, and
 * the timeout is the only wait. On timeout the whole process tree is killed.
 */
final class ProcessRunner {
  private static final Logger log = LoggerFactory.getLogger(ProcessRunner.class);
  private static final int MAX_OUTPUT_CHARS = 1 << 20;

  record Result(int exitCode, String stdout, String stderr) {}

  private ProcessRunner() {}

  static Result run(List<String> command, Duration timeout) {
    // Messages name the binary, not its directory: shorter, and it is what users type.
    List<String> display = new java.util.ArrayList<>(command);
    display.set(0, String.valueOf(Path.of(command.get(0)).getFileName()));
    String shown = String.join(" ", display);
    Path out = null;
    Path err = null;
    Process process = null;
    try {
      out = Files.createTempFile("postflow-lucid", ".out");
      err = Files.createTempFile("postflow-lucid", ".err");
      log.debug("Running '{}' (timeout {})", shown, timeout);
      process = new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice())))
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(process);
        throw new LucidLinkException("'" + shown + "' did not finish within " + timeout
            + " and was killed" + tail(read(err)));
      }
      return new Result(process.exitValue(), read(out), read(err));
    } catch (IOException e) {
      throw new LucidLinkException("cannot run '" + command.get(0) + "': " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (process != null) {
        kill(process);
      }
      throw new LucidLinkException("interrupted while running '" + shown + "'", e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  /** The last few lines of some output, prefixed for a message; empty when there is none. */
  static String tail(String output) {
    List<String> lines = output.strip().lines().toList();
    if (lines.isEmpty()) {
      return "";
    }
    return "; output: " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String s = new String(bytes, StandardCharsets.UTF_8);
    return s.length() > MAX_OUTPUT_CHARS ? s.substring(0, MAX_OUTPUT_CHARS) : s;
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        log.debug("Cannot delete {}: {}", file, e.toString());
      }
    }
  }

  private static String nullDevice() {
    return System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null";
  }
}
