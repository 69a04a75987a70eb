package io.postflow.examples.bench;

import io.postflow.testkit.ChildJvm;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * {@link WanBenchmark}'s handle on the {@link WanFarSide} JVM in the far namespace: starts it,
 * reads its ready line, and asks it for a file's SHA-256 and its CPU time.
 */
final class WanFarSideClient implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(90);

  private final ChildJvm jvm;
  final String baseUri;
  final int forwardPort;
  final int sinkPort;
  final String accountId;
  final String rootFolderId;
  final String token;
  private int requests;

  /** The far side's CPU time: the whole process, and its forwarder's share of it. */
  record Cpu(long processNanos, long forwarderNanos) {
    Cpu minus(Cpu earlier) {
      return new Cpu(processNanos - earlier.processNanos, forwarderNanos - earlier.forwarderNanos);
    }
  }

  WanFarSideClient(WanLink link, int sandboxPort, int windowBytes) throws IOException, InterruptedException {
    // A full JIT (the sandbox hashes and stores every byte) and room for its part buffers.
    jvm = ChildJvm.start(link.inFarNamespace(), List.of("-Xmx512m"), WanFarSide.class,
        List.of(Integer.toString(sandboxPort), link.farAddress(), Integer.toString(windowBytes)),
        line -> { });
    String[] ready;
    try {
      ready = jvm.awaitLine(line -> line.startsWith("ready "), START_TIMEOUT).split(" ");
    } catch (AssertionError e) {
      jvm.close();
      throw new IOException("the far side did not start: " + e.getMessage());
    }
    baseUri = ready[1];
    forwardPort = Integer.parseInt(ready[2]);
    sinkPort = Integer.parseInt(ready[3]);
    accountId = ready[4];
    rootFolderId = ready[5];
    token = ready[6];
  }

  /** The SHA-256 the sandbox computed of a completed file, or {@code none}. */
  String sha256(String fileId) throws IOException, InterruptedException {
    jvm.sendLine("sha " + fileId);
    String prefix = "sha " + fileId + " ";
    return answer(prefix);
  }

  synchronized Cpu cpu() throws IOException, InterruptedException {
    String prefix = "cpu " + ++requests + " ";
    jvm.sendLine(prefix.trim());
    String[] answer = answer(prefix).split(" ");
    return new Cpu(Long.parseLong(answer[0]), Long.parseLong(answer[1]));
  }

  /**
   * When the far side last handed request bytes to the sandbox at or before {@code nanos}, on
   * {@link System#nanoTime()}'s clock (the same in every process of this host on Linux).
   *
   * @throws IOException if it does not know (0: too many writes since)
   */
  synchronized long lastDeliveredAtOrBefore(long nanos) throws IOException, InterruptedException {
    String prefix = "delivered " + ++requests + " ";
    jvm.sendLine(prefix + nanos);
    long at = Long.parseLong(answer(prefix));
    if (at == 0) {
      throw new IOException("the far side no longer knows when its last bytes were delivered");
    }
    return at;
  }

  /**
   * The rest of the answer line that starts with {@code prefix}. ChildJvm's timeout error quotes
   * every line, the ready line's token included: it is replaced by one that does not.
   */
  private String answer(String prefix) throws IOException, InterruptedException {
    try {
      return jvm.awaitLine(line -> line.startsWith(prefix), ANSWER_TIMEOUT).substring(prefix.length());
    } catch (AssertionError e) {
      throw new IOException("the far side did not answer `" + prefix.trim() + "` within "
          + ANSWER_TIMEOUT + (jvm.isAlive() ? "" : " (it ended)"));
    }
  }

  @Override
  public void close() throws InterruptedException {
    jvm.close();
  }
}
