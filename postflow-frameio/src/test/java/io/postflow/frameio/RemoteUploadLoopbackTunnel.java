package io.postflow.frameio;

import io.postflow.api.Tunnel;
import io.postflow.api.TunnelEndpoint;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A "tunnel" whose public URL is the loopback address itself; counts opens and closes. */
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
