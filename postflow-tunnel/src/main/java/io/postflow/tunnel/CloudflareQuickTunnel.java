package io.postflow.tunnel;

import io.postflow.api.ConfigurationException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Cloudflare quick tunnel ({@code cloudflared tunnel --url ...}): no account, a random
 * {@code https://<words>.trycloudflare.com} URL that changes on every restart, no SLA.
 *
 * <pre>{@code
 * try (Tunnel tunnel = CloudflareQuickTunnel.builder().build()) {
 *   TunnelEndpoint endpoint = tunnel.open(exposer.localPort(), Duration.ofMinutes(1));
 * }
 * }</pre>
 *
 * <p>Spawned with {@code --no-autoupdate}, an explicit {@code --metrics 127.0.0.1:<free port>} and
 * {@code --protocol} (default {@code http2}, which works wherever outbound TCP 443 does; quick
 * tunnels otherwise force QUIC over UDP). The URL comes from the metrics server's
 * {@code /quicktunnel}, readiness from {@code /ready}, with the banner cloudflared prints as a
 * fallback; the URL is handed out only after it answers. Cloudflare rate-limits creating quick
 * tunnels ("error code: 1015"): {@link #open} then fails with a retryable
 * {@link io.postflow.api.TunnelException} instead of respawning, and a restart waits
 * {@link RestartPolicy#rateLimitBackoff()}. Thread-safe.
 */
public final class CloudflareQuickTunnel extends SupervisedTunnel {
  private CloudflareQuickTunnel(ProcessTunnel supervisor) {
    super(supervisor);
  }

  /** A builder with defaults: {@code cloudflared} on PATH, {@code --protocol http2}, default restarts. */
  public static Builder builder() {
    return new Builder();
  }

  /** Configures a {@link CloudflareQuickTunnel}. Not thread-safe. */
  public static final class Builder extends ProcessTunnelBuilder<Builder> {
    private String protocol = "http2";
    private String scheme = "https";

    private Builder() {}

    /** {@code http2} (default), {@code quic} or {@code auto}. */
    public Builder protocol(String protocol) {
      this.protocol = protocol;
      return this;
    }

    /** Tests only: the fake agent serves plain HTTP on loopback. */
    Builder scheme(String scheme) {
      this.scheme = scheme;
      return this;
    }

    /** @throws ConfigurationException naming the first invalid setting */
    public CloudflareQuickTunnel build() {
      return new CloudflareQuickTunnel(supervisor(new Driver(CloudflaredDriver.checkProtocol(protocol), scheme)));
    }
  }

  /** cloudflared quick tunnel specifics: the URL from /quicktunnel, else from the banner. */
  private static final class Driver extends CloudflaredDriver {
    private static final Pattern BANNER_URL = Pattern.compile("https://[a-z0-9-]+\\.trycloudflare\\.com");
    private final String scheme;

    Driver(String protocol, String scheme) {
      super(protocol);
      this.scheme = scheme;
    }

    @Override
    List<String> arguments(int localPort) {
      return List.of("--url", "http://127.0.0.1:" + localPort);
    }

    @Override
    public Optional<URI> poll(OutputLog output) {
      if (!reportsReady()) {
        return Optional.empty();
      }
      String hostname = quickTunnelHostname();
      if (hostname != null) {
        return Optional.of(URI.create(scheme + "://" + hostname));
      }
      for (String line : output.lines()) {
        Matcher m = BANNER_URL.matcher(line);
        if (m.find()) {
          return Optional.of(URI.create(m.group()));
        }
      }
      return Optional.empty();
    }
  }
}
