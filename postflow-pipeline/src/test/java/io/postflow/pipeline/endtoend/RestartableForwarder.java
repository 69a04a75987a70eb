package io.postflow.pipeline.endtoend;

import io.postflow.api.Tunnel;
import io.postflow.api.TunnelEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * A tunnel with a stable public address, like a named Cloudflare tunnel or {@code ssh -R} to a fixed
 * port: a TCP forwarder on loopback that a test can kill (every connection dropped, the port closed)
 * and bring back on the same port. Counts the bytes it carries towards the client.
 */
final class RestartableForwarder implements Tunnel {
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong forwarded = new AtomicLong();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger restarts = new AtomicInteger();
  private volatile LongConsumer onForwarded = total -> {};
  private volatile ServerSocket listener;
  private volatile TunnelEndpoint endpoint;
  private int targetPort;
  private int publicPort;

  @Override
  public synchronized TunnelEndpoint open(int localPort, Duration timeout) {
    targetPort = localPort;
    listen(0);
    publicPort = listener.getLocalPort();
    endpoint = TunnelEndpoint.builder().publicUrl(URI.create("http://127.0.0.1:" + publicPort))
        .localPort(localPort).provider("test-forwarder").openedAt(Instant.now()).build();
    return endpoint;
  }

  /** Called with the running total of bytes carried to clients, on the forwarding threads. */
  void onForwarded(LongConsumer callback) {
    this.onForwarded = callback;
  }

  /** Drops every connection and closes the port, as a dying tunnel process does. */
  synchronized void kill() {
    closeQuietly(listener);
    open.forEach(RestartableForwarder::closeQuietly);
  }

  /** Listens again on the same public port. */
  synchronized void restart() {
    listen(publicPort);
    restarts.incrementAndGet();
  }

  long forwardedBytes() {
    return forwarded.get();
  }

  int connections() {
    return connections.get();
  }

  int restarts() {
    return restarts.get();
  }

  @Override
  public Optional<TunnelEndpoint> endpoint() {
    return Optional.ofNullable(endpoint);
  }

  @Override
  public boolean isHealthy() {
    ServerSocket current = listener;
    return current != null && !current.isClosed();
  }

  @Override
  public synchronized void close() {
    kill();
    endpoint = null;
  }

  private void listen(int port) {
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      listener = socket;
      Thread acceptor = new Thread(() -> accept(socket), "forwarder-accept");
      acceptor.setDaemon(true);
      acceptor.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Socket origin = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        open.add(client);
        open.add(origin);
        connections.incrementAndGet();
        pump(client, origin, false);
        pump(origin, client, true);
      } catch (IOException e) {
        return; // killed
      }
    }
  }

  private void pump(Socket from, Socket to, boolean towardsClient) {
    Thread pump = new Thread(() -> {
      byte[] buffer = new byte[256 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) > 0) {
          out.write(buffer, 0, n);
          if (towardsClient) {
            onForwarded.accept(forwarded.addAndGet(n));
          }
        }
      } catch (IOException e) {
        // one side went away: take the other down too
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        open.remove(from);
        open.remove(to);
      }
    }, "forwarder-pump");
    pump.setDaemon(true);
    pump.start();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      if (closeable != null) {
        closeable.close();
      }
    } catch (Exception e) {
      // closing is best effort
    }
  }
}
