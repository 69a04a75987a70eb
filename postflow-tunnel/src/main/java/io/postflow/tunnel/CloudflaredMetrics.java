package io.postflow.tunnel;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * cloudflared's metrics server, which this module always places explicitly on a free loopback
 * port (otherwise cloudflared races for 20241..20245): {@code /ready} is 200 once an edge
 * connection exists, {@code /quicktunnel} names a quick tunnel's hostname.
 */
final class CloudflaredMetrics {
  static final Duration TIMEOUT = Duration.ofSeconds(2);
  private volatile int port;

  /** Picks a new port for the next process and returns the flags that put metrics on it. */
  List<String> flagsForNewProcess() {
    port = FreePorts.next();
    List<String> flags = new ArrayList<>();
    flags.add("--no-autoupdate");
    flags.add("--metrics");
    flags.add("127.0.0.1:" + port);
    return flags;
  }

  boolean ready() {
    return port > 0 && LocalHttp.get(uri("/ready"), TIMEOUT).status == 200;
  }

  /** The quick tunnel's hostname, or null when not (yet) known. */
  String quickTunnelHostname() {
    LocalHttp.Reply reply = LocalHttp.get(uri("/quicktunnel"), TIMEOUT);
    if (reply.status != 200) {
      return null;
    }
    String hostname = JsonFields.first(reply.body, "hostname");
    return hostname == null || hostname.isBlank() ? null : hostname;
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  static boolean rateLimited(List<String> output) {
    for (String line : output) {
      if (line.contains("1015") || line.contains("429 Too Many Requests")
          || line.contains("failed to unmarshal quick Tunnel")) {
        return true;
      }
    }
    return false;
  }

  static final String INSTALL_HINT = "install cloudflared from https://developers.cloudflare.com/cloudflare-one/"
      + "connections/connect-networks/downloads/ (Debian/Ubuntu: Cloudflare's apt repository; macOS: brew install"
      + " cloudflared)";
}
