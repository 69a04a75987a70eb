package io.postflow.tunnel;

import io.postflow.api.ConfigurationException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

  public static Builder builder() {
    return new Builder();
  }

  /** Configures a {@link CloudflareQuickTunnel}. Not thread-safe. */
  public static final class Builder {
    private static final Set<String> PROTOCOLS = Set.of("auto", "http2", "quic");
    private final ProcessSettings settings = new ProcessSettings();
    private String protocol = "http2";
    private String scheme = "https";

    private Builder() {}

    /** The cloudflared executable; default: {@code cloudflared} on PATH. */
    public Builder binary(Path binary) {
      settings.binary = binary;
      return this;
    }

    /** {@code http2} (default), {@code quic} or {@code auto}. */
    public Builder protocol(String protocol) {
      this.protocol = protocol;
      return this;
    }

    /** Restarts, back-off and stop grace; default {@link RestartPolicy#ofDefaults()}. */
    public Builder restartPolicy(RestartPolicy restartPolicy) {
      settings.restartPolicy = restartPolicy;
      return this;
    }

    Builder sleeper(Sleeper sleeper) {
      settings.sleeper = sleeper;
      return this;
    }

    Builder probe(UrlProbe probe) {
      settings.probe = probe;
      return this;
    }

    Builder clock(Clock clock) {
      settings.clock = clock;
      return this;
    }

    /** Tests only: the fake agent serves plain HTTP on loopback. */
    Builder scheme(String scheme) {
      this.scheme = scheme;
      return this;
    }

    /** @throws ConfigurationException naming the first invalid setting */
    public CloudflareQuickTunnel build() {
      if (protocol == null || !PROTOCOLS.contains(protocol)) {
        throw new ConfigurationException("'protocol' must be one of auto, http2, quic; was " + protocol);
      }
      return new CloudflareQuickTunnel(settings.supervisor(new Driver(protocol, scheme)));
    }
  }

  /** cloudflared quick tunnel specifics. */
  private static final class Driver implements TunnelDriver {
    private static final Pattern BANNER_URL = Pattern.compile("https://[a-z0-9-]+\\.trycloudflare\\.com");
    private final CloudflaredMetrics metrics = new CloudflaredMetrics();
    private final String protocol;
    private final String scheme;

    Driver(String protocol, String scheme) {
      this.protocol = protocol;
      this.scheme = scheme;
    }

    @Override
    public String provider() {
      return "cloudflared";
    }

    @Override
    public String binaryName() {
      return "cloudflared";
    }

    @Override
    public String installHint() {
      return CloudflaredMetrics.INSTALL_HINT;
    }

    @Override
    public List<String> command(Path binary, int localPort) {
      List<String> command = new ArrayList<>();
      command.add(binary.toString());
      command.add("tunnel");
      command.addAll(metrics.flagsForNewProcess());
      command.add("--protocol");
      command.add(protocol);
      command.add("--url");
      command.add("http://127.0.0.1:" + localPort);
      return command;
    }

    @Override
    public Optional<URI> poll(OutputLog output) {
      if (!metrics.ready()) {
        return Optional.empty();
      }
      String hostname = metrics.quickTunnelHostname();
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

    @Override
    public boolean reportsReady() {
      return metrics.ready();
    }

    @Override
    public boolean rateLimited(List<String> output) {
      return CloudflaredMetrics.rateLimited(output);
    }
  }
}
