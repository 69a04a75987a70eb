package io.postflow.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many bytes the {@link DelayingRelay} lets one direction of one connection hold: what one
 * Linux TCP connection could have in flight over a real path with the same round trip.
 *
 * <p>A receiver advertises at most {@code tcp_win_from_space(tcp_rmem max)}: the buffer less its
 * overhead share ({@code tcp_adv_win_scale}), and a sender has at most that window in flight per
 * round trip. The relay holds bytes for half the round trip only (the other half is the answer's
 * way back), so it allows half that window. Read from this host's settings, 3 MiB when unreadable.
 */
final class WindowSize {
  private static final int FALLBACK = 3 << 20;

  private WindowSize() {}

  static int bytes() {
    try {
      // readAllLines, not readString: /proc files report a size of 0 and readString stops short.
      String[] rmem = Files.readAllLines(Path.of("/proc/sys/net/ipv4/tcp_rmem")).get(0).trim()
          .split("\\s+");
      long space = Long.parseLong(rmem[2]);
      int scale = Integer.parseInt(
          Files.readAllLines(Path.of("/proc/sys/net/ipv4/tcp_adv_win_scale")).get(0).trim());
      long window = scale <= 0 ? space >> -scale : space - (space >> scale);
      return (int) Math.min(Integer.MAX_VALUE, Math.max(64 * 1024, window / 2));
    } catch (IOException | RuntimeException e) {
      return FALLBACK;
    }
  }
}
