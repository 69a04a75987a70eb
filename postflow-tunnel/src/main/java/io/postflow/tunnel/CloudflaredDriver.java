package io.postflow.tunnel;

import io.postflow.api.ConfigurationException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What quick and named Cloudflare tunnels share: the binary, the start of the command line and
 * cloudflared's metrics server, which this module always places explicitly on a free loopback port
 * (otherwise cloudflared races for 20241..20245). {@code /ready} is 200 once an edge connection
 * exists; {@code /quicktunnel} names a quick tunnel's hostname.
 */
abstract class CloudflaredDriver implements TunnelDriver {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final Set<String> PROTOCOLS = Set.of("auto", "http2", "quic");
  private final String protocol;
  private volatile int metricsPort;

  CloudflaredDriver(String protocol) {
    this.protocol = protocol;
  }

  /** @throws ConfigurationException unless {@code protocol} is auto, http2 or quic */
  static String checkProtocol(String protocol) {
    if (protocol == null || !PROTOCOLS.contains(protocol)) {
      throw new ConfigurationException("'protocol' must be one of auto, http2, quic; was " + protocol);
    }
    return protocol;
  }

  @Override
  public final String provider() {
    return "cloudflared";
  }

  @Override
  public final String binaryName() {
    return "cloudflared";
  }

  @Override
  public final String installHint() {
    return "install cloudflared from https://developers.cloudflare.com/cloudflare-one/connections/connect-networks/"
        + "downloads/ (Debian/Ubuntu: Cloudflare's apt repository; macOS: brew install cloudflared)";
  }

  /**
   * {@code cloudflared tunnel --no-autoupdate --metrics 127.0.0.1:<new free port> --protocol <p>}
   * followed by the subclass's arguments.
   */
  @Override
  public final List<String> command(Path binary, int localPort) {
    metricsPort = FreePorts.next();
    List<String> command = new ArrayList<>(List.of(binary.toString(), "tunnel", "--no-autoupdate",
        "--metrics", "127.0.0.1:" + metricsPort, "--protocol", protocol));
    command.addAll(arguments(localPort));
    return command;
  }

  /** What follows the common flags for a process forwarding to {@code localPort}. */
  abstract List<String> arguments(int localPort);

  @Override
  public final boolean reportsReady() {
    return metricsPort > 0 && LocalHttp.get(metrics("/ready"), TIMEOUT).status == 200;
  }

  /** The quick tunnel's hostname from the metrics server, or null when not (yet) known. */
  final String quickTunnelHostname() {
    LocalHttp.Reply reply = LocalHttp.get(metrics("/quicktunnel"), TIMEOUT);
    if (reply.status != 200) {
      return null;
    }
    String hostname = JsonFields.first(reply.body, "hostname");
    return hostname == null || hostname.isBlank() ? null : hostname;
  }

  private URI metrics(String path) {
    return URI.create("http://127.0.0.1:" + metricsPort + path);
  }

  /** Cloudflare's tunnel-creation rate limit: "error code: 1015", 429, or older builds' unmarshal error. */
  @Override
  public final boolean rateLimited(List<String> output) {
    for (String line : output) {
      if (line.contains("1015") || line.contains("429 Too Many Requests")
          || line.contains("failed to unmarshal quick Tunnel")) {
        return true;
      }
    }
    return false;
  }
}
