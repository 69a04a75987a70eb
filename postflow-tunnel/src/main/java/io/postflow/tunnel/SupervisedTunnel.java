package io.postflow.tunnel;

import io.postflow.api.Tunnel;
import io.postflow.api.TunnelEndpoint;
import java.time.Duration;
import java.util.Optional;

/**
 * The common face of the public process tunnels: each is a thin, named configuration of the one
 * {@link ProcessTunnel} supervisor. Thread-safe as {@link Tunnel} requires.
 */
abstract class SupervisedTunnel implements Tunnel {
  private final ProcessTunnel supervisor;

  SupervisedTunnel(ProcessTunnel supervisor) {
    this.supervisor = supervisor;
  }

  /**
   * Starts the tunnel process and blocks until its agent reports ready and the public URL answers,
   * or {@code timeout} passes.
   *
   * @throws io.postflow.api.TunnelException when the binary is missing (the message says how to
   *     install it), the process exits early (with its last output), the provider rate-limits
   *     (retryable), or it is not ready in time (retryable)
   * @throws IllegalStateException when already open or closed
   */
  @Override
  public final TunnelEndpoint open(int localPort, Duration timeout) {
    return supervisor.open(localPort, timeout);
  }

  /** The current endpoint; empty while restarting, after giving up, and after {@link #close()}. */
  @Override
  public final Optional<TunnelEndpoint> endpoint() {
    return supervisor.endpoint();
  }

  /**
   * The current endpoint; while the process restarts (see {@link RestartPolicy}), waits at most
   * {@code timeout} for the new one, waking as soon as it is ready.
   *
   * @throws io.postflow.api.TunnelException retryable when the restart takes longer than
   *     {@code timeout}; not retryable when the tunnel is closed, not open, or gave up restarting
   */
  @Override
  public final TunnelEndpoint awaitEndpoint(Duration timeout) {
    return supervisor.awaitEndpoint(timeout);
  }

  /** Process alive, agent ready, public URL answering. Blocks for one HTTP probe (at most ~10 s). */
  @Override
  public final boolean isHealthy() {
    return supervisor.isHealthy();
  }

  /** Stops the process (SIGTERM, then SIGKILL after the grace period). Idempotent. */
  @Override
  public final void close() {
    supervisor.close();
  }

  final ProcessTunnel supervisor() {
    return supervisor;
  }

  @Override
  public final String toString() {
    return supervisor.toString();
  }
}
