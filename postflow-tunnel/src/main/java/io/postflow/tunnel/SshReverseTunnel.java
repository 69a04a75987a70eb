package io.postflow.tunnel;

import io.postflow.api.ConfigurationException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code ssh -R} reverse tunnel to a server of your own (a VPS with a reverse proxy) or to an
 * SSH-based tunnel service. Runs {@code ssh -N -o BatchMode=yes -o ExitOnForwardFailure=yes
 * -o ServerAliveInterval=<s> -o ServerAliveCountMax=3 -o StrictHostKeyChecking=<policy>
 * -R <remotePort>:127.0.0.1:<localPort> user@host}.
 *
 * <pre>{@code
 * Tunnel tunnel = SshReverseTunnel.builder()
 *     .host("edge.studio.example").user("postflow").identityFile(Path.of("/etc/postflow/id_ed25519"))
 *     .remotePort(8443).publicUrl("https://pull.studio.example")   // your proxy in front of :8443
 *     .build();
 * }</pre>
 *
 * <p>The public URL comes from configuration ({@link Builder#publicUrl}, where {@code {port}} is
 * replaced by the remote port, including the one the server allocates for {@code remotePort(0)})
 * or from the service's output ({@link Builder#urlPattern}, for services that print a URL; no
 * {@code -N} then, as they answer in the session). Batch mode: ssh never prompts, so a missing key
 * or an unknown host key fails fast with ssh's own message in the exception. Thread-safe.
 */
public final class SshReverseTunnel extends SupervisedTunnel {
  private SshReverseTunnel(ProcessTunnel supervisor) {
    super(supervisor);
  }

  /** A builder; {@code host} and one of {@code publicUrl} or {@code urlPattern} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Configures an {@link SshReverseTunnel}. Not thread-safe. */
  public static final class Builder extends ProcessTunnelBuilder<Builder> {
    private String host;
    private int port = 22;
    private String user;
    private Path identityFile;
    private Path knownHostsFile;
    private String strictHostKeyChecking = "yes";
    private int remotePort;
    private String remoteBindAddress;
    private String publicUrl;
    private Pattern urlPattern;
    private Duration serverAliveInterval = Duration.ofSeconds(15);
    private List<String> extraOptions = List.of();

    private Builder() {}

    /** The SSH server. Required. */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** The SSH port; default 22. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The login; default: ssh's own default (the local user or your ssh config). */
    public Builder user(String user) {
      this.user = user;
      return this;
    }

    /** The private key ({@code -i}, with {@code IdentitiesOnly=yes}). */
    public Builder identityFile(Path identityFile) {
      this.identityFile = identityFile;
      return this;
    }

    /** The known_hosts file to check the server's key against; default: ssh's own. */
    public Builder knownHostsFile(Path knownHostsFile) {
      this.knownHostsFile = knownHostsFile;
      return this;
    }

    /** {@code yes} (default), {@code accept-new} or {@code no}; {@code no} is only for throwaway servers. */
    public Builder strictHostKeyChecking(String policy) {
      this.strictHostKeyChecking = policy;
      return this;
    }

    /** The port opened on the server; 0 (default) lets the server pick one. */
    public Builder remotePort(int remotePort) {
      this.remotePort = remotePort;
      return this;
    }

    /** The server-side bind address of the forward (needs {@code GatewayPorts clientspecified}). */
    public Builder remoteBindAddress(String remoteBindAddress) {
      this.remoteBindAddress = remoteBindAddress;
      return this;
    }

    /** The public URL, {@code {port}} standing for the remote port, e.g. {@code http://edge.example:{port}}. */
    public Builder publicUrl(String publicUrlTemplate) {
      this.publicUrl = publicUrlTemplate;
      return this;
    }

    /** A pattern whose first match in the ssh output is the public URL, e.g. {@code https://\S+\.lhr\.life}. */
    public Builder urlPattern(Pattern urlPattern) {
      this.urlPattern = urlPattern;
      return this;
    }

    /** Keep-alive interval; ssh exits after three unanswered ones and is restarted. Default 15 s. */
    public Builder serverAliveInterval(Duration serverAliveInterval) {
      this.serverAliveInterval = serverAliveInterval;
      return this;
    }

    /** More {@code -o} options as {@code Name=value}. */
    public Builder extraOptions(List<String> extraOptions) {
      this.extraOptions = List.copyOf(extraOptions);
      return this;
    }

    /** @throws ConfigurationException naming the first missing or invalid setting */
    public SshReverseTunnel build() {
      required("host", host);
      if (port < 1 || port > 65535) {
        throw new ConfigurationException("'port' must be between 1 and 65535, was " + port);
      }
      if (remotePort < 0 || remotePort > 65535) {
        throw new ConfigurationException("'remotePort' must be between 0 and 65535, was " + remotePort);
      }
      if ((publicUrl == null) == (urlPattern == null)) {
        throw new ConfigurationException("exactly one of 'publicUrl' and 'urlPattern' is required");
      }
      if (publicUrl != null) {
        try {
          URI.create(publicUrl.replace("{port}", "1"));
        } catch (IllegalArgumentException e) {
          throw new ConfigurationException("'publicUrl' is not a URL: " + e.getMessage(), e);
        }
      }
      if (!Set.of("yes", "accept-new", "no").contains(strictHostKeyChecking)) {
        throw new ConfigurationException("'strictHostKeyChecking' must be yes, accept-new or no; was "
            + strictHostKeyChecking);
      }
      if (identityFile != null && !Files.isReadable(identityFile)) {
        throw new ConfigurationException("'identityFile' must be a readable file, was " + identityFile);
      }
      if (serverAliveInterval == null || serverAliveInterval.toSeconds() < 1) {
        throw new ConfigurationException("'serverAliveInterval' must be at least 1 s, was " + serverAliveInterval);
      }
      return new SshReverseTunnel(supervisor(new Driver(this)));
    }
  }

  /** ssh specifics. */
  private static final class Driver implements TunnelDriver {
    private static final Pattern ALLOCATED = Pattern.compile("Allocated port (\\d+) for remote forward");
    private final Builder b;

    Driver(Builder b) {
      this.b = b;
    }

    @Override
    public String provider() {
      return "ssh";
    }

    @Override
    public String binaryName() {
      return "ssh";
    }

    @Override
    public String installHint() {
      return "install the OpenSSH client (Debian/Ubuntu: apt-get install openssh-client)";
    }

    @Override
    public List<String> command(Path binary, int localPort) {
      List<String> c = new ArrayList<>(List.of(binary.toString(), b.urlPattern == null ? "-N" : "-T",
          "-o", "BatchMode=yes", "-o", "ExitOnForwardFailure=yes",
          "-o", "ServerAliveInterval=" + b.serverAliveInterval.toSeconds(), "-o", "ServerAliveCountMax=3",
          "-o", "StrictHostKeyChecking=" + b.strictHostKeyChecking, "-p", String.valueOf(b.port)));
      if (b.knownHostsFile != null) {
        c.addAll(List.of("-o", "UserKnownHostsFile=" + b.knownHostsFile));
      }
      if (b.identityFile != null) {
        c.addAll(List.of("-i", b.identityFile.toString(), "-o", "IdentitiesOnly=yes"));
      }
      for (String option : b.extraOptions) {
        c.addAll(List.of("-o", option));
      }
      String bind = b.remoteBindAddress == null ? "" : b.remoteBindAddress + ":";
      c.addAll(List.of("-R", bind + b.remotePort + ":127.0.0.1:" + localPort));
      c.add(b.user == null ? b.host : b.user + "@" + b.host);
      return c;
    }

    @Override
    public Optional<URI> poll(OutputLog output) {
      List<String> lines = output.lines();
      if (b.urlPattern != null) {
        for (String line : lines) {
          Matcher m = b.urlPattern.matcher(line);
          if (m.find()) {
            return Optional.of(URI.create(m.group()));
          }
        }
        return Optional.empty();
      }
      int remote = b.remotePort;
      if (remote == 0) {
        for (String line : lines) {
          Matcher m = ALLOCATED.matcher(line);
          if (m.find()) {
            remote = Integer.parseInt(m.group(1));
          }
        }
        if (remote == 0) {
          return Optional.empty();
        }
      }
      return Optional.of(URI.create(b.publicUrl.replace("{port}", String.valueOf(remote))));
    }
  }
}
