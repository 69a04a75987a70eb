package io.postflow.examples.bench;

import io.postflow.api.Sleeper;
import io.postflow.testkit.FrameioSandbox;
import io.postflow.testkit.SandboxFile;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The far side of {@link WanBenchmark}'s link, run by it in the far network namespace
 * ({@code ip netns exec}): the Frame.io sandbox on this namespace's loopback, at the port the
 * benchmark's relay holds on the near side (so the part URLs the sandbox hands out lead, from
 * the near side, into that relay); a plain forwarder from the link's far address to the sandbox
 * (the relay's far side: no delay); and the {@link DiscardSink} of the raw TCP measurement.
 *
 * <p>Arguments: {@code sandboxPort farAddress windowBytes}. Prints
 * {@code ready <baseUri> <forwardPort> <sinkPort> <accountId> <rootFolderId> <token>}, then answers
 * commands read from standard input, one a line: {@code sha <fileId>} ({@code sha <fileId> <hex>}
 * once the parts are all in, or {@code none} after a minute) and {@code cpu <n>} ({@code cpu <n>
 * <process ns> <forwarder ns>}) and {@code delivered <n> <nanoTime>} ({@code delivered <n> <nanoTime>}:
 * when the forwarder last handed bytes to the sandbox at or before the given moment). Ends when its input ends (the benchmark ended or was killed).
 */
public final class WanFarSide {
  private WanFarSide() {}

  public static void main(String[] args) throws Exception {
    int sandboxPort = Integer.parseInt(args[0]);
    InetAddress far = InetAddress.getByName(args[1]);
    int window = Integer.parseInt(args[2]);
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (FrameioSandbox sandbox = FrameioSandbox.builder().port(sandboxPort)
            .rateLimits(false).transcodeDelay(Duration.ZERO).start();
        DelayingRelay forwarder = new DelayingRelay("wan-forward", new ServerSocket(0, 64, far),
            new InetSocketAddress(InetAddress.getLoopbackAddress(), sandboxPort), Duration.ZERO,
            window, Clock.systemUTC(), Sleeper.system());
        DiscardSink sink = new DiscardSink(new ServerSocket(0, 64, far))) {
      System.out.println("ready " + sandbox.baseUri() + " " + forwarder.port() + " " + sink.port()
          + " " + sandbox.accountId() + " " + sandbox.rootFolderId() + " "
          + sandbox.issueAccessToken(Duration.ofHours(2)));
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line; (line = in.readLine()) != null; ) {
        String[] command = line.trim().split(" ");
        if (command[0].equals("sha") && command.length == 2) {
          System.out.println("sha " + command[1] + " " + awaitSha(sandbox, command[1]));
        } else if (command[0].equals("cpu") && command.length == 2) {
          System.out.println("cpu " + command[1] + " " + os.getProcessCpuTime() + " "
              + forwarder.cpuNanos());
        } else if (command[0].equals("delivered") && command.length == 3) {
          System.out.println("delivered " + command[1] + " "
              + forwarder.lastUpstreamWriteAtOrBefore(Long.parseLong(command[2])));
        } else {
          System.out.println("unknown command: " + line);
        }
      }
    }
  }

  /**
   * The SHA-256 the sandbox computed of the file's stitched parts, waiting up to a minute for the
   * last part to be stitched; {@code none} if it never was (or the file is unknown).
   */
  private static String awaitSha(FrameioSandbox sandbox, String fileId) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      Optional<SandboxFile> file = sandbox.inspect().file(fileId);
      if (file.isPresent() && file.get().sha256() != null) {
        return file.get().sha256();
      }
      Thread.sleep(20);
    }
    return "none";
  }
}
