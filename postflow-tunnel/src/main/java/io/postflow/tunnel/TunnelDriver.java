package io.postflow.tunnel;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What differs between tunnel programs; {@link ProcessTunnel} does everything else (spawn,
 * logging, readiness loop, probe, restart, stop). One instance per tunnel, called from one
 * thread at a time.
 */
interface TunnelDriver {
  /** The provider name for endpoints and log prefixes: {@code cloudflared}, {@code ngrok}, {@code ssh}. */
  String provider();

  /** The executable's name on PATH. */
  String binaryName();

  /** How to install the binary, for the "not found" error. */
  String installHint();

  /** The command line for a new process forwarding to {@code localPort}; may pick fresh ports. */
  List<String> command(Path binary, int localPort);

  /** Extra environment for the process (for secrets that must not appear on the command line). */
  default Map<String, String> environment() {
    return Map.of();
  }

  /**
   * The public URL once the agent reports itself ready, empty while it does not yet. Called about
   * every 100 ms during start-up; {@code output} is the process's latest output.
   */
  Optional<URI> poll(OutputLog output);

  /** Whether the running agent still reports itself ready (used by health checks). */
  default boolean reportsReady() {
    return true;
  }

  /** Whether the output says the provider refused because of its rate limit. */
  default boolean rateLimited(List<String> output) {
    return false;
  }

  /** Called when the tunnel is closed, to delete generated files. */
  default void cleanUp() {}
}
