package io.postflow.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A {@code main} class run in a JVM of its own on the test's class path, for tests that kill,
 * pause or restart a PostFlow agent: its output lines (stdout and stderr) are collected by a
 * thread of ours and handed to a listener, and the test waits for lines with a deadline.
 *
 * <pre>{@code
 * try (ChildJvm agent = ChildJvm.start(AgentMain.class, List.of(url, work.toString()), line -> {})) {
 *   agent.awaitLine("running"::equals, Duration.ofSeconds(30));
 *   agent.kill();
 * }
 * }</pre>
 */
public final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final Consumer<String> listener;
  private final List<String> lines = new ArrayList<>();

  private ChildJvm(Process process, Consumer<String> listener) {
    this.process = process;
    this.listener = listener;
    Thread reader = new Thread(this::read, "child-jvm-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code main} with {@code args} in a small JVM (256 MiB heap, quick start-up) that logs
   * WARN and above; {@code listener} sees every output line, on the reading thread, in order.
   */
  public static ChildJvm start(Class<?> main, List<String> args, Consumer<String> listener) throws IOException {
    return start(List.of(), List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto"), main,
        args, listener);
  }

  /**
   * Starts {@code main} with {@code args} in a JVM with {@code jvmOptions} (heap, JIT) in place of
   * the small-JVM defaults of {@link #start(Class, List, Consumer)}, its command prefixed by
   * {@code launcher}: {@code ip netns exec <namespace>} runs the JVM in another network namespace
   * (that command execs the JVM, so {@link #pid()} and {@link #kill()} still reach the JVM itself).
   * WARN logging and the class path of this JVM, as there.
   */
  public static ChildJvm start(List<String> launcher, List<String> jvmOptions, Class<?> main,
      List<String> args, Consumer<String> listener) throws IOException {
    List<String> command = new ArrayList<>(launcher);
    command.addAll(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path")));
    command.addAll(jvmOptions);
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    command.add(main.getName());
    command.addAll(args);
    return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start(), listener);
  }

  /**
   * Writes {@code line} and a newline to the child's standard input, for a child that reads
   * commands there (it sees end of input when this JVM ends or {@link #close()}s it).
   */
  public void sendLine(String line) throws IOException {
    synchronized (process) {
      process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().flush();
    }
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        synchronized (this) {
          lines.add(line);
          listener.accept(line);
          notifyAll();
        }
      }
    } catch (IOException e) {
      // the process was killed
    }
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Every line so far. */
  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  /**
   * Waits until a line matches.
   *
   * @throws AssertionError with the output so far when none did before the deadline or the process ended
   */
  public synchronized String awaitLine(Predicate<String> expected, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int seen = 0;
    while (true) {
      for (; seen < lines.size(); seen++) {
        if (expected.test(lines.get(seen))) {
          return lines.get(seen);
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || !process.isAlive()) {
        throw new AssertionError("child " + process.pid() + " printed no expected line in " + timeout
            + (process.isAlive() ? "" : " (it ended)") + ": " + lines);
      }
      TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, 50_000_000));
    }
  }

  /** {@code kill -9}: the process dies at once, whatever it was doing. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** {@code kill -STOP}: the process stops where it is, holding what it holds, until {@link #resume()}. */
  public void pause() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** {@code kill -CONT}. */
  public void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IOException("kill -" + signal + " " + process.pid() + " failed");
    }
  }

  /**
   * Waits for the process to end by itself.
   *
   * @return its exit code
   * @throws AssertionError with its output when it did not end in time (it is then killed)
   */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("child " + process.pid() + " did not finish in " + timeout + "; its output: " + lines());
    }
    return process.exitValue();
  }

  /** Kills the process if it is still running. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
