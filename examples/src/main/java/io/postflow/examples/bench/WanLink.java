package io.postflow.examples.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A link between this host's network namespace and a new one: a veth pair whose two ends each
 * send at most the given rate ({@code tc qdisc ... tbf}, on each end's egress, so both directions
 * are limited). Names are unique to this run (they carry the process id), and {@link #close()},
 * which a shutdown hook also calls, removes the namespace and with it both ends of the pair.
 *
 * <p>Needs root and {@code ip}/{@code tc} (iproute2); {@link #create} fails with a
 * {@link Unavailable} that says what is missing.
 */
final class WanLink implements AutoCloseable {
  /** The link cannot be built here: not root, no {@code ip netns}, no {@code tbf}. */
  static final class Unavailable extends Exception {
    Unavailable(String message) {
      super(message);
    }
  }

  private final String namespace;
  private final String nearDevice;
  private final String farDevice;
  private final String nearAddress;
  private final String farAddress;
  private final Thread cleanup;
  private boolean closed;

  private WanLink(String namespace, String nearDevice, String farDevice, String nearAddress,
      String farAddress) {
    this.namespace = namespace;
    this.nearDevice = nearDevice;
    this.farDevice = farDevice;
    this.nearAddress = nearAddress;
    this.farAddress = farAddress;
    this.cleanup = new Thread(this::remove, "wan-link-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
  }

  /** Creates the namespace and the link, rate-limited to {@code bitsPerSecond} each way. */
  static WanLink create(long bitsPerSecond) throws Unavailable, InterruptedException {
    String uid = run(List.of("id", "-u")).trim();
    if (!uid.equals("0")) {
      throw new Unavailable("building a link between network namespaces needs root (uid 0);"
          + " this runs as uid " + uid);
    }
    long pid = ProcessHandle.current().pid();
    String tag = Long.toString(pid, 36);
    // One /30 per run in 10.213.0.0/16, chosen from the process id: two runs at once do not meet.
    int net = (int) (pid % 16_384) * 4;
    String near = "10.213." + (net >> 8) + "." + (net & 255 | 1);
    String far = "10.213." + (net >> 8) + "." + (net & 255 | 2);
    WanLink link = new WanLink("pfwan-" + tag, "pfwn" + tag, "pfwf" + tag, near, far);
    try {
      link.build(bitsPerSecond);
    } catch (Unavailable e) {
      link.close();
      throw e;
    }
    return link;
  }

  private void build(long bitsPerSecond) throws Unavailable, InterruptedException {
    ip("netns", "add", namespace);
    ip("link", "add", nearDevice, "type", "veth", "peer", "name", farDevice);
    ip("link", "set", farDevice, "netns", namespace);
    ip("addr", "add", nearAddress + "/30", "dev", nearDevice);
    ip("link", "set", nearDevice, "up");
    inNamespace("ip", "addr", "add", farAddress + "/30", "dev", farDevice);
    inNamespace("ip", "link", "set", farDevice, "up");
    inNamespace("ip", "link", "set", "lo", "up");
    rate(bitsPerSecond);
  }

  /** Sets the rate of both ends (replacing the previous one). */
  void rate(long bitsPerSecond) throws Unavailable, InterruptedException {
    List<String> tbf = tbf(bitsPerSecond);
    List<String> near = new ArrayList<>(List.of("tc", "qdisc", "replace", "dev", nearDevice));
    near.addAll(tbf);
    run(near);
    List<String> far = new ArrayList<>(List.of("tc", "qdisc", "replace", "dev", farDevice));
    far.addAll(tbf);
    inNamespace(far.toArray(String[]::new));
  }

  /**
   * tbf's settings: the rate; a bucket of 2 ms at that rate (at least 64 KiB: one GSO packet must
   * fit, or tbf drops it), so bursts above the rate stay tiny next to a transfer of seconds; a
   * queue of 20 ms, enough for the relay's single hop across the link (its RTT is sub-millisecond).
   */
  private static List<String> tbf(long bitsPerSecond) {
    long burst = Math.max(64 * 1024 + 1514, bitsPerSecond / 8 / 500);
    return List.of("root", "tbf", "rate", bitsPerSecond + "bit", "burst", Long.toString(burst),
        "latency", "20ms");
  }

  /** The command prefix that runs a program in the far namespace. */
  List<String> inFarNamespace() {
    return List.of("ip", "netns", "exec", namespace);
  }

  String farAddress() {
    return farAddress;
  }

  String describe() {
    return String.format(Locale.ROOT, "namespace %s, veth %s (%s) <-> %s (%s)", namespace,
        nearDevice, nearAddress, farDevice, farAddress);
  }

  /** Removes the namespace and both ends of the link; safe to call twice. */
  @Override
  public void close() {
    remove();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs (or ran) remove() itself
    }
  }

  private synchronized void remove() {
    if (closed) {
      return;
    }
    closed = true;
    // Deleting the namespace deletes the far end, and a veth pair dies with either end; the near
    // end is deleted too in case the far one never made it into the namespace.
    quietly(List.of("ip", "netns", "del", namespace));
    quietly(List.of("ip", "link", "del", nearDevice));
  }

  private void ip(String... args) throws Unavailable, InterruptedException {
    List<String> command = new ArrayList<>(List.of("ip"));
    command.addAll(List.of(args));
    run(command);
  }

  private void inNamespace(String... args) throws Unavailable, InterruptedException {
    List<String> command = new ArrayList<>(inFarNamespace());
    command.addAll(List.of(args));
    run(command);
  }

  /** Runs a command and returns its output; fails with what it printed. */
  private static String run(List<String> command) throws Unavailable, InterruptedException {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new Unavailable("`" + String.join(" ", command) + "` did not finish in 30 s");
      }
      if (process.exitValue() != 0) {
        throw new Unavailable("`" + String.join(" ", command) + "` failed (exit "
            + process.exitValue() + "): " + output.trim());
      }
      return output;
    } catch (IOException e) {
      throw new Unavailable("cannot run `" + String.join(" ", command) + "`: " + e.getMessage());
    }
  }

  private static void quietly(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (IOException e) {
      // nothing left to remove
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
