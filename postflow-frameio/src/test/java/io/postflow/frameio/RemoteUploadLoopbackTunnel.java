package io.postflow.frameio;

import io.postflow.api.Tunnel;
import io.postflow.api.TunnelEndpoint;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A "tunnel" whose public URL is the loopback address itself; counts opens and closes, and can go
 * down and come back as a restarting tunnel does. Its {@code awaitEndpoint} is the interface's
 * default, which polls {@link #endpoint()}.
 */
final class RemoteUploadLoopbackTunnel implements Tunnel {
  final AtomicInteger opened = new AtomicInteger();
  final AtomicInteger closed = new AtomicInteger();
  private volatile TunnelEndpoint endpoint;

  @Override
  public TunnelEndpoint open(int localPort, Duration timeout) {
    opened.incrementAndGet();
    endpoint = TunnelEndpoint.builder().publicUrl(URI.create("http://localhost:" + localPort))
        .localPort(localPort).provider("loopback").openedAt(Instant.now()).build();
    return endpoint;
  }

  /** No endpoint until {@link #backAt}, as while a tunnel process restarts. */
  void down() {
    endpoint = null;
  }

  /** Up again after a restart, under another public host (restarted quick tunnels get new URLs). */
  void backAt(String host, int localPort) {
    endpoint = TunnelEndpoint.builder().publicUrl(URI.create("http://" + host + ":" + localPort))
        .localPort(localPort).provider("loopback").openedAt(Instant.now()).build();
  }

  @Override
  public Optional<TunnelEndpoint> endpoint() {
    return Optional.ofNullable(endpoint);
  }

  @Override
  public boolean isHealthy() {
    return endpoint != null;
  }

  @Override
  public void close() {
    closed.incrementAndGet();
    endpoint = null;
  }
}
