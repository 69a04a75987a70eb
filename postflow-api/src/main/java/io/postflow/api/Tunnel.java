package io.postflow.api;

import java.time.Duration;
import java.util.Optional;

/**
 * Gives a public URL for a local port, with a lifecycle like a test container: open and wait until
 * ready (the public URL itself answers), check health, restart with back-off, close.
 *
 * <p><b>Contract.</b> Thread-safe. {@link #open} blocks until the public URL answers or the
 * timeout passes. A tunnel process that dies is restarted a bounded number of times; its public URL
 * may then change, so read {@link #endpoint()} again rather than keeping the first one. Closing
 * stops the process (politely, then forcibly) and leaves no orphan behind.
 *
 * <p>Implementations: Cloudflare quick and named tunnels, ngrok, {@code ssh -R}, a static URL.
 *
 * @throws TunnelException when the tunnel cannot be started (the binary is missing: the message
 *     names it and how to install it), is not ready in time, or fails for good
 */
public interface Tunnel extends AutoCloseable {

  /** Opens a tunnel to {@code localPort} and waits at most {@code timeout} until it is usable. */
  TunnelEndpoint open(int localPort, Duration timeout);

  /** The current endpoint, empty before {@link #open} or after {@link #close}. */
  Optional<TunnelEndpoint> endpoint();

  /** Whether the tunnel works now (process alive, readiness reported, public URL answers). */
  boolean isHealthy();

  @Override
  void close();
}
