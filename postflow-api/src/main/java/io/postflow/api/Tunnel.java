package io.postflow.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Gives a public URL for a local port, with a lifecycle like a test container: open and wait until
 * ready (the public URL itself answers), check health, restart with back-off, close.
 *
 * <p><b>Contract.</b> Thread-safe. {@link #open} blocks until the public URL answers or the
 * timeout passes. A tunnel process that dies is restarted a bounded number of times; its public URL
 * may then change, so ask again ({@link #awaitEndpoint} waits out a restart, {@link #endpoint()}
 * does not) rather than keeping the first one. Closing stops the process (politely, then
 * forcibly) and leaves no orphan behind.
 *
 * <p>Implementations: Cloudflare quick and named tunnels, ngrok, {@code ssh -R}, a static URL.
 *
 * <p><b>Failures.</b> A {@link TunnelException} when the tunnel cannot be started (the binary is
 * missing: the message names it and how to install it), is not ready in time, or fails for good.
 */
public interface Tunnel extends AutoCloseable {

  /** Opens a tunnel to {@code localPort} and waits at most {@code timeout} until it is usable. */
  TunnelEndpoint open(int localPort, Duration timeout);

  /**
   * The current endpoint, empty before {@link #open}, after {@link #close} and while the tunnel
   * restarts.
   */
  Optional<TunnelEndpoint> endpoint();

  /**
   * The endpoint to use now: the current one when the tunnel is up; while it restarts, waits at
   * most {@code timeout} for it to come back (its public URL may then differ).
   *
   * <p>The default polls {@link #endpoint()} every 50 ms. It cannot tell a restart from a tunnel
   * that is closed or was never opened, so it waits out the timeout in every case; implementations
   * that know (every PostFlow tunnel does) override it to fail at once when waiting cannot help.
   *
   * @throws TunnelException {@linkplain TunnelException#isRetryable() retryable} when the tunnel
   *     did not come back within {@code timeout}; not retryable when it is closed, not open, has
   *     given up restarting, or the calling thread was interrupted (its flag is then restored)
   * @throws IllegalArgumentException when {@code timeout} is negative
   */
  default TunnelEndpoint awaitEndpoint(Duration timeout) {
    if (timeout == null || timeout.isNegative()) {
      throw new IllegalArgumentException("'timeout' must not be negative, was " + timeout);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<TunnelEndpoint> current = endpoint();
      if (current.isPresent()) {
        return current.get();
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new TunnelException("the tunnel " + this + " had no endpoint within " + timeout
            + " (restarting, not open, or closed)", List.of(), true, null);
      }
      try {
        Thread.sleep(Math.max(1, Math.min(50, left / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TunnelException("interrupted while waiting for the tunnel " + this, List.of(),
            false, e);
      }
    }
  }

  /** Whether the tunnel works now (process alive, readiness reported, public URL answers). */
  boolean isHealthy();

  @Override
  void close();
}
