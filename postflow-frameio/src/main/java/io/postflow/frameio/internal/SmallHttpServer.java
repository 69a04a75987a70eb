package io.postflow.frameio.internal;

import io.postflow.api.internal.DaemonThreads;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal, not API. The HTTP/1.1 server behind PostFlow's two listening endpoints (the webhook
 * receiver and the login redirect listener): small requests, one answer per connection.
 *
 * <p><b>Why not the JDK's {@code HttpServer}.</b> It reads request heads and bodies on its
 * executor's threads with no deadline of its own; its only request timeouts are process-wide
 * system properties ({@code sun.net.httpserver.maxReqTime}, read once per JVM), which a library
 * must not set for its host application. A few connections that stop in the middle of a request
 * therefore hold every thread for as long as their peers like. This server gives each request its
 * own deadline instead.
 *
 * <p><b>Limits.</b> At most {@code maxConnections} connections at a time, one thread each; when a
 * new connection finds them all taken, the one that has been sending its request the longest is
 * dropped to make room (a slow sender cannot keep a fast one out), or, when every connection is
 * already being answered, the new one is closed. Each request (TLS handshake included) must arrive
 * completely within {@code requestTimeout} of its connection being accepted, or the connection is
 * closed: a scheduled deadline, not a per-read timeout, so a peer trickling one byte at a time gains
 * nothing. Heads over {@code maxHeadBytes} are answered 431, bodies over {@code maxBodyBytes} 413.
 * Every answer carries {@code Connection: close}, so no idle keep-alive connection holds a slot.
 * What the server refuses by itself is reported to the {@link RefusalListener}, once per
 * connection, on the connection's thread.
 *
 * <p>Thread-safe. {@link #start} binds; {@link #close(Duration)} stops accepting, lets answers in
 * progress finish for the grace given, then closes everything. Threads are daemons.
 */
public final class SmallHttpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SmallHttpServer.class);

  private final Builder settings;
  private final ServerSocket serverSocket;
  private final Semaphore slots;
  private final Set<ServerConnection> connections = ConcurrentHashMap.newKeySet();
  private final ExecutorService workers;
  private final ScheduledThreadPoolExecutor deadlines;
  private final Thread acceptor;
  private volatile boolean accepting = true;

  private SmallHttpServer(Builder settings, ServerSocket serverSocket) {
    this.settings = settings;
    this.serverSocket = serverSocket;
    this.slots = new Semaphore(settings.maxConnections);
    this.workers = Executors.newCachedThreadPool(DaemonThreads.factory(settings.threadName));
    this.deadlines = new ScheduledThreadPoolExecutor(1,
        DaemonThreads.factory(settings.threadName + "-deadline"));
    deadlines.setRemoveOnCancelPolicy(true);
    this.acceptor = DaemonThreads.thread(settings.threadName + "-accept", this::acceptLoop);
  }

  /** Starts configuring a server; the handler is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Handles one complete request on its connection's thread; may block, within reason. */
  @FunctionalInterface
  public interface Handler {
    SmallHttpResponse handle(SmallHttpRequest request);
  }

  /** Hears what the server refused by itself: too slow, malformed, over a limit, evicted. */
  @FunctionalInterface
  public interface RefusalListener {
    void onRefused(InetSocketAddress client, String reason);
  }

  /** The address actually bound (with the real port when 0 was asked for). */
  public InetSocketAddress address() {
    return (InetSocketAddress) serverSocket.getLocalSocketAddress();
  }

  /** How many connections are open right now. */
  public int connectionCount() {
    return connections.size();
  }

  private void acceptLoop() {
    while (accepting) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (IOException e) {
        if (accepting) {
          log.debug("accept failed on {}: {}", address(), e.toString());
          pauseAfterAcceptFailure(); // e.g. out of file descriptors: do not spin
        }
        continue;
      }
      if (!takeSlot()) {
        refuse(socket, "too many connections (" + settings.maxConnections
            + "), all of them being answered");
        continue;
      }
      ServerConnection connection = new ServerConnection(this, socket);
      connections.add(connection);
      if (!accepting) {
        connection.abort(null);
      }
      try {
        connection.deadline(deadlines.schedule(() -> connection.abort(
            "request not complete within " + settings.requestTimeout.toMillis() + " ms"),
            settings.requestTimeout.toNanos(), TimeUnit.NANOSECONDS));
        workers.execute(connection);
      } catch (RejectedExecutionException e) {
        connection.abort(null);
        finished(connection);
      }
    }
  }

  /** A free slot, if need be by evicting the connection that has been reading the longest. */
  private boolean takeSlot() {
    if (slots.tryAcquire()) {
      return true;
    }
    ServerConnection oldest = connections.stream().filter(ServerConnection::isReading)
        .min(Comparator.comparingLong(ServerConnection::acceptedAt)).orElse(null);
    if (oldest == null || !oldest.abort("dropped to make room: " + settings.maxConnections
        + " connections open and this one still had not sent its whole request")) {
      return false;
    }
    try {
      return slots.tryAcquire(1, TimeUnit.SECONDS); // the evicted thread frees it at once
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void refuse(Socket socket, String reason) {
    InetSocketAddress client = (InetSocketAddress) socket.getRemoteSocketAddress();
    try {
      socket.close();
    } catch (IOException e) {
      log.trace("closing a refused connection failed", e);
    }
    refused(client, reason);
  }

  void refused(InetSocketAddress client, String reason) {
    try {
      settings.refusals.onRefused(client, reason);
    } catch (RuntimeException e) {
      log.warn("refusal listener failed", e);
    }
  }

  private void pauseAfterAcceptFailure() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      accepting = false;
    }
  }

  void finished(ServerConnection connection) {
    if (connections.remove(connection)) {
      slots.release();
      synchronized (connections) {
        connections.notifyAll();
      }
    }
  }

  Builder settings() {
    return settings;
  }

  /**
   * Stops accepting connections and drops those still sending their request (they were not taken
   * on, so their clients may send them again); answers in progress go on. Idempotent.
   */
  public void stopAccepting() {
    accepting = false;
    try {
      serverSocket.close();
    } catch (IOException e) {
      log.debug("closing the listening socket failed", e);
    }
    for (ServerConnection connection : connections) {
      connection.abort(null);
    }
  }

  /**
   * Stops accepting, waits up to {@code grace} for the answers in progress, then closes every
   * connection and stops the threads. Idempotent. An interrupted caller stops waiting and keeps
   * its interrupt flag.
   */
  public void close(Duration grace) {
    stopAccepting();
    long deadline = System.nanoTime() + grace.toNanos();
    synchronized (connections) {
      long left;
      while (!connections.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(connections, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    for (ServerConnection connection : connections) {
      connection.forceClose();
    }
    workers.shutdownNow();
    deadlines.shutdownNow();
    acceptor.interrupt();
  }

  /** Closes at once: {@link #close(Duration)} with no grace. */
  @Override
  public void close() {
    close(Duration.ZERO);
  }

  @Override
  public String toString() {
    return "SmallHttpServer{" + address() + ", " + connections.size() + " connections}";
  }

  /** Configures a {@link SmallHttpServer}. Not thread-safe. */
  public static final class Builder {
    InetAddress bindAddress = InetAddress.getLoopbackAddress();
    int port;
    int backlog = 50;
    SSLContext tls;
    int maxConnections = 64;
    Duration requestTimeout = Duration.ofSeconds(5);
    int maxHeadBytes = 16 * 1024;
    int maxBodyBytes = 1 << 20;
    String threadName = "postflow-http";
    Handler handler;
    RefusalListener refusals = (client, reason) -> { };

    private Builder() {}

    public Builder bindAddress(InetAddress bindAddress) {
      this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Serves TLS with this context's key (the handshake counts towards the request deadline). */
    public Builder tls(SSLContext tls) {
      this.tls = tls;
      return this;
    }

    public Builder maxConnections(int maxConnections) {
      this.maxConnections = maxConnections;
      return this;
    }

    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
      return this;
    }

    public Builder maxHeadBytes(int maxHeadBytes) {
      this.maxHeadBytes = maxHeadBytes;
      return this;
    }

    public Builder maxBodyBytes(int maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /** Prefix of the server's thread names. */
    public Builder threadName(String threadName) {
      this.threadName = Objects.requireNonNull(threadName, "threadName");
      return this;
    }

    public Builder handler(Handler handler) {
      this.handler = Objects.requireNonNull(handler, "handler");
      return this;
    }

    public Builder refusals(RefusalListener refusals) {
      this.refusals = Objects.requireNonNull(refusals, "refusals");
      return this;
    }

    /**
     * Binds and starts accepting. The settings are the caller's to validate; these checks only
     * guard against programming errors.
     *
     * @throws IOException if the address cannot be bound
     */
    public SmallHttpServer start() throws IOException {
      Objects.requireNonNull(handler, "handler");
      if (maxConnections < 1 || maxHeadBytes < 64 || maxBodyBytes < 0
          || requestTimeout.isNegative() || requestTimeout.isZero()) {
        throw new IllegalArgumentException("invalid SmallHttpServer limits");
      }
      ServerSocket socket = new ServerSocket();
      try {
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(bindAddress, port), backlog);
      } catch (IOException e) {
        socket.close();
        throw e;
      }
      SmallHttpServer server = new SmallHttpServer(this, socket);
      server.acceptor.start();
      return server;
    }
  }
}
