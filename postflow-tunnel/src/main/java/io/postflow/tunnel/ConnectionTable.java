package io.postflow.tunnel;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The connections of an {@link HttpFileExposer} and its two caps: {@code maxConnections} in all
 * and {@code maxConnectionsPerAddress} per client address.
 *
 * <p>When a cap is reached a newcomer takes the place of the connection that has waited longest
 * for a request (idle between requests, or still sending its head): such a connection does no work
 * for anyone, and letting it go is what keeps a crowd of slow heads (slowloris) from locking out a
 * client whose request arrives at once. Only when every connection in the way is busy answering is
 * the newcomer refused. Connections let go end on their own threads; to keep those bounded, no
 * newcomer is admitted while twice {@code maxConnections} threads are still running.
 *
 * <p>Addresses: an IPv6 client is counted by its /64 network (one host easily holds a whole /64).
 * {@code 127.0.0.1} and {@code ::1} are not counted per address: every tunnel agent on this machine
 * connects from there, so a cap on them would cap the tunnel, not a client. The rest of
 * {@code 127.0.0.0/8} is counted like any other address.
 */
final class ConnectionTable {
  private final int maxConnections;
  private final int maxPerAddress;
  private final Set<Connection> open = new HashSet<>();
  private final Map<InetAddress, Integer> perAddress = new HashMap<>();
  private int running;

  ConnectionTable(int maxConnections, int maxPerAddress) {
    this.maxConnections = maxConnections;
    this.maxPerAddress = maxPerAddress;
  }

  /** The outcome of {@link #admit}: admitted or not, and whom to close to make room. */
  static final class Admission {
    final String refusal;
    final List<Connection> letGo;

    private Admission(String refusal, List<Connection> letGo) {
      this.refusal = refusal;
      this.letGo = letGo;
    }

    boolean admitted() {
      return refusal == null;
    }
  }

  /**
   * Admits {@code newcomer} if it fits, after letting waiting connections go if needed (they are
   * already out of the table; the caller closes them).
   */
  synchronized Admission admit(Connection newcomer) {
    if (running >= 2 * maxConnections) {
      return new Admission("too many connections", List.of());
    }
    List<Connection> letGo = new ArrayList<>(1);
    InetAddress key = newcomer.addressKey();
    if (key != null && perAddress.getOrDefault(key, 0) >= maxPerAddress) {
      Connection oldest = letOldestWaitingGo(key);
      if (oldest == null) {
        return new Admission("too many connections from one address", List.of());
      }
      letGo.add(oldest);
    }
    if (open.size() >= maxConnections) {
      Connection oldest = letOldestWaitingGo(null);
      if (oldest == null) {
        return new Admission("too many connections", List.of());
      }
      letGo.add(oldest);
    }
    open.add(newcomer);
    if (key != null) {
      perAddress.merge(key, 1, Integer::sum);
    }
    running++;
    return new Admission(null, letGo);
  }

  /** Called once when a connection admitted here has ended (or never started). */
  synchronized void ended(Connection connection) {
    running--;
    drop(connection);
  }

  synchronized List<Connection> snapshot() {
    return new ArrayList<>(open);
  }

  synchronized int size() {
    return open.size();
  }

  /** The key {@code address} is counted under, or null when it is not counted per address. */
  static InetAddress keyOf(InetAddress address) {
    if (address == null) {
      return null;
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet6Address) {
      if (address.isLoopbackAddress()) {
        return null;
      }
      byte[] network = new byte[16];
      System.arraycopy(bytes, 0, network, 0, 8);
      try {
        return InetAddress.getByAddress(network);
      } catch (java.net.UnknownHostException e) {
        throw new IllegalStateException("16 bytes are always an address", e);
      }
    }
    boolean agent = bytes.length == 4 && bytes[0] == 127 && bytes[1] == 0 && bytes[2] == 0 && bytes[3] == 1;
    return agent ? null : address;
  }

  /** Lets the longest-waiting connection (from {@code key}, or any) go; null when none is waiting. */
  private Connection letOldestWaitingGo(InetAddress key) {
    // A connection may start answering between the look and the let-go: then look again.
    for (int attempt = 0; attempt < 4; attempt++) {
      Connection oldest = null;
      for (Connection c : open) {
        if (c.isWaiting() && (key == null || key.equals(c.addressKey()))
            && (oldest == null || c.waitingSince() - oldest.waitingSince() < 0)) {
          oldest = c;
        }
      }
      if (oldest == null) {
        return null;
      }
      if (oldest.letGo()) {
        drop(oldest);
        return oldest;
      }
    }
    return null;
  }

  private void drop(Connection connection) {
    if (open.remove(connection)) {
      InetAddress key = connection.addressKey();
      if (key != null) {
        perAddress.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
      }
    }
  }
}
