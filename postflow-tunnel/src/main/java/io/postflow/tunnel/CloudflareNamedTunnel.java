package io.postflow.tunnel;

import io.postflow.api.ConfigurationException;
import io.postflow.api.TunnelException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Cloudflare named tunnel: a stable hostname on your own Cloudflare domain, created once with
 * {@code cloudflared tunnel create <name>} and routed with {@code cloudflared tunnel route dns}.
 * PostFlow writes a minimal config (this tunnel, its credentials file, one ingress rule for the
 * hostname to the exposer's port, then a 404 catch-all) and runs
 * {@code cloudflared tunnel --no-autoupdate --metrics 127.0.0.1:<port> --config <file> run <name>}.
 *
 * <pre>{@code
 * Tunnel tunnel = CloudflareNamedTunnel.builder()
 *     .tunnel("postflow").hostname("pull.studio.example").credentialsFile(Path.of("/etc/postflow/tunnel.json"))
 *     .build();
 * }</pre>
 *
 * <p>Readiness from {@code /ready}; the URL ({@code https://<hostname>}) is handed out once it
 * answers. Thread-safe.
 */
public final class CloudflareNamedTunnel extends SupervisedTunnel {
  private CloudflareNamedTunnel(ProcessTunnel supervisor) {
    super(supervisor);
  }

  /** A builder; {@code tunnel}, {@code hostname} and {@code credentialsFile} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Configures a {@link CloudflareNamedTunnel}. Not thread-safe. */
  public static final class Builder extends ProcessTunnelBuilder<Builder> {
    private String tunnel;
    private String hostname;
    private Path credentialsFile;
    private String protocol = "auto";
    private String scheme = "https";

    private Builder() {}

    /** The tunnel's name or UUID. Required. */
    public Builder tunnel(String nameOrId) {
      this.tunnel = nameOrId;
      return this;
    }

    /** The public hostname routed to this tunnel, e.g. {@code pull.studio.example}. Required. */
    public Builder hostname(String hostname) {
      this.hostname = hostname;
      return this;
    }

    /** The tunnel's credentials JSON from {@code cloudflared tunnel create}. Required; a secret. */
    public Builder credentialsFile(Path credentialsFile) {
      this.credentialsFile = credentialsFile;
      return this;
    }

    /** {@code auto} (default), {@code http2} or {@code quic}. */
    public Builder protocol(String protocol) {
      this.protocol = protocol;
      return this;
    }

    Builder scheme(String scheme) {
      this.scheme = scheme;
      return this;
    }

    /** @throws ConfigurationException naming the first missing or invalid setting */
    public CloudflareNamedTunnel build() {
      required("tunnel", tunnel);
      required("hostname", hostname);
      if (!hostname.matches("[A-Za-z0-9.-]+(:[0-9]+)?")) {
        throw new ConfigurationException("'hostname' must be a bare host name, was '" + hostname + "'");
      }
      if (credentialsFile == null || !Files.isReadable(credentialsFile)) {
        throw new ConfigurationException("'credentialsFile' must be a readable file, was " + credentialsFile);
      }
      CloudflaredDriver.checkProtocol(protocol);
      return new CloudflareNamedTunnel(supervisor(new Driver(this)));
    }
  }

  /** cloudflared named tunnel specifics: a generated config; the URL is the configured hostname. */
  private static final class Driver extends CloudflaredDriver {
    private static final Logger LOG = LoggerFactory.getLogger(CloudflareNamedTunnel.class);
    private final String tunnel;
    private final String hostname;
    private final Path credentialsFile;
    private final URI publicUrl;
    private Path configDir;

    Driver(Builder b) {
      super(b.protocol);
      this.tunnel = b.tunnel;
      this.hostname = b.hostname;
      this.credentialsFile = b.credentialsFile.toAbsolutePath();
      this.publicUrl = URI.create(b.scheme + "://" + b.hostname);
    }

    @Override
    List<String> arguments(int localPort) {
      return List.of("--config", writeConfig(localPort).toString(), "run", tunnel);
    }

    private Path writeConfig(int localPort) {
      String yaml = "tunnel: " + tunnel + "\n"
          + "credentials-file: " + credentialsFile + "\n"
          + "ingress:\n"
          + "  - hostname: " + hostname + "\n"
          + "    service: http://127.0.0.1:" + localPort + "\n"
          + "  - service: http_status:404\n";
      try {
        if (configDir == null) {
          configDir = Files.createTempDirectory("postflow-cloudflared-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return Files.writeString(configDir.resolve("config.yml"), yaml);
      } catch (IOException | UnsupportedOperationException e) {
        throw new TunnelException("cannot write the cloudflared config: " + e.getMessage(), List.of(), false, e);
      }
    }

    @Override
    public Optional<URI> poll(OutputLog output) {
      return reportsReady() ? Optional.of(publicUrl) : Optional.empty();
    }

    @Override
    public void cleanUp() {
      if (configDir != null) {
        try {
          Files.deleteIfExists(configDir.resolve("config.yml"));
          Files.deleteIfExists(configDir);
        } catch (IOException e) {
          LOG.debug("could not delete {}", configDir, e);
        }
      }
    }
  }
}
