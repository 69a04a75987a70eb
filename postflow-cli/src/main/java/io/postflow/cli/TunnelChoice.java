package io.postflow.cli;

import io.postflow.api.Tunnel;
import io.postflow.tunnel.CloudflareQuickTunnel;
import io.postflow.tunnel.NgrokTunnel;
import io.postflow.tunnel.SshReverseTunnel;
import io.postflow.tunnel.StaticUrlTunnel;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * {@code --tunnel cloudflared|ngrok|ssh|static:URL}, read and checked before anything happens:
 * a bad URL or a missing binary is a usage error, not a stack trace after the upload started.
 * {@code ssh} goes to localhost.run unless {@code POSTFLOW_SSH_HOST} names your own server
 * ({@code user@host[:port]}, with {@code POSTFLOW_SSH_PUBLIC_URL} the address your proxy serves).
 */
final class TunnelChoice {
  /** localhost.run prints the address it gives in the session. */
  private static final Pattern LOCALHOST_RUN_URL = Pattern.compile("https://[A-Za-z0-9.-]+\\.lhr\\.life");

  final String kind;
  final Optional<URI> staticUrl;

  private TunnelChoice(String kind, Optional<URI> staticUrl) {
    this.kind = kind;
    this.staticUrl = staticUrl;
  }

  /** picocli's converter: names the accepted forms in its message. */
  static final class Converter implements CommandLine.ITypeConverter<TunnelChoice> {
    @Override
    public TunnelChoice convert(String value) {
      return parse(value);
    }
  }

  static TunnelChoice parse(String value) {
    switch (value) {
      case "cloudflared":
      case "ngrok":
      case "ssh":
        return new TunnelChoice(value, Optional.empty());
      default:
        if (value.startsWith("static:")) {
          return new TunnelChoice("static", Optional.of(url(value.substring("static:".length()))));
        }
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a tunnel: use cloudflared, ngrok, ssh or static:https://your.host/path");
    }
  }

  private static URI url(String text) {
    try {
      URI uri = new URI(text);
      if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
        throw new CommandLine.TypeConversionException("static:" + text
            + " is not an http(s) URL with a host (e.g. static:https://pull.studio.example)");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new CommandLine.TypeConversionException("static:" + text + " is not a URL: " + e.getReason());
    }
  }

  /** The program this tunnel runs, or empty for a static URL. */
  Optional<String> binary() {
    return kind.equals("static") ? Optional.empty() : Optional.of(kind);
  }

  /**
   * Checks what can be checked before anything is sent: the binary is on PATH, ngrok has its
   * token.
   *
   * @throws CliException naming what is missing and how to get it
   */
  void check(Map<String, String> env) {
    Optional<String> binary = binary();
    if (binary.isPresent() && Executables.find(binary.get(), env).isEmpty()) {
      throw new CliException(ExitCodes.USAGE, "--tunnel " + kind + ": '" + binary.get() + "' is not on PATH",
          Executables.installHint(binary.get()));
    }
    if (kind.equals("ssh") && !isBlank(env.get("POSTFLOW_SSH_HOST"))) {
      checkSsh(env);
    }
    if (kind.equals("ngrok") && isBlank(env.get("NGROK_AUTHTOKEN"))) {
      throw new CliException(ExitCodes.CONFIGURATION, "--tunnel ngrok needs NGROK_AUTHTOKEN in the environment",
          "copy it from the ngrok dashboard (Your Authtoken); note that ngrok's free plan moves 1 GB a month");
    }
  }

  private static void checkSsh(Map<String, String> env) {
    String host = env.get("POSTFLOW_SSH_HOST").strip();
    int colon = host.lastIndexOf(':');
    if (colon > 0 && !host.substring(colon + 1).matches("\\d{1,5}")) {
      throw new CliException(ExitCodes.CONFIGURATION, "POSTFLOW_SSH_HOST must be user@host[:port], was '" + host + "'", null);
    }
    String remotePort = env.getOrDefault("POSTFLOW_SSH_REMOTE_PORT", "8443").strip();
    if (!remotePort.matches("\\d{1,5}") || Integer.parseInt(remotePort) > 65535) {
      throw new CliException(ExitCodes.CONFIGURATION, "POSTFLOW_SSH_REMOTE_PORT must be a port number, was '"
          + remotePort + "'", null);
    }
    if (isBlank(env.get("POSTFLOW_SSH_PUBLIC_URL"))) {
      throw new CliException(ExitCodes.CONFIGURATION, "POSTFLOW_SSH_HOST is set but POSTFLOW_SSH_PUBLIC_URL is not",
          "set it to the public address your server's proxy gives the forwarded port ({port} is replaced)");
    }
  }

  /** A new tunnel, not started; the caller closes it (an uploader never closes its tunnel). */
  Tunnel create(Map<String, String> env) {
    switch (kind) {
      case "ngrok":
        return NgrokTunnel.builder().authtoken(env.get("NGROK_AUTHTOKEN")).build();
      case "ssh":
        return ssh(env);
      case "static":
        return StaticUrlTunnel.builder().publicUrl(staticUrl.get()).build();
      default:
        return CloudflareQuickTunnel.builder().build();
    }
  }

  private static Tunnel ssh(Map<String, String> env) {
    String target = env.get("POSTFLOW_SSH_HOST");
    if (isBlank(target)) {
      return SshReverseTunnel.builder().host("localhost.run").user("nokey").remotePort(80)
          .strictHostKeyChecking("accept-new").urlPattern(LOCALHOST_RUN_URL).build();
    }
    SshReverseTunnel.Builder ssh = SshReverseTunnel.builder();
    String host = target.strip();
    int at = host.indexOf('@');
    if (at > 0) {
      ssh.user(host.substring(0, at));
      host = host.substring(at + 1);
    }
    int colon = host.lastIndexOf(':');
    if (colon > 0) {
      ssh.port(Integer.parseInt(host.substring(colon + 1)));
      host = host.substring(0, colon);
    }
    checkSsh(env);
    return ssh.host(host).remotePort(Integer.parseInt(env.getOrDefault("POSTFLOW_SSH_REMOTE_PORT", "8443").strip()))
        .publicUrl(env.get("POSTFLOW_SSH_PUBLIC_URL")).build();
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
