package io.postflow.tunnel;

import io.postflow.api.TunnelException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * A free loopback port for a tunnel agent's local API. There is a small window between closing
 * our probe socket and the agent binding it; a lost race shows up as a start failure and is
 * retried with a new port by the supervisor.
 */
final class FreePorts {
  private FreePorts() {}

  static int next() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new TunnelException("no free loopback port for the tunnel agent: " + e.getMessage(), List.of(), true, e);
    }
  }
}
