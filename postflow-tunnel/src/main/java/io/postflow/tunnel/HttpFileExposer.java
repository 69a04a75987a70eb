package io.postflow.tunnel;

import io.postflow.api.ConfigurationException;
import io.postflow.api.Exposure;
import io.postflow.api.ExposureListener;
import io.postflow.api.ExposureOptions;
import io.postflow.api.FileExposer;
import io.postflow.api.TunnelException;
import io.postflow.api.UploadException;
import io.postflow.api.internal.DaemonThreads;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 server that serves exactly the files it was asked to expose, each at
 * {@code http://<bind>:<port>/f/<token>/<name>} with a 128-bit random token, so that a
 * {@link io.postflow.api.Tunnel} can make it public for Frame.io's {@code remote_upload}.
 *
 * <pre>{@code
 * try (HttpFileExposer exposer = HttpFileExposer.builder().build()) {
 *   Exposure exposure = exposer.expose(file, ExposureOptions.builder().timeToLive(Duration.ofHours(2)).build(),
 *       new ExposureListener() {
 *         public void onBytesServed(Exposure e, long offset, long count) { progress.add(count); }
 *       });
 *   // give tunnelEndpoint.publicUrlFor(exposure.url()) to the service
 * }
 * }</pre>
 *
 * <p><b>Behaviour.</b> GET and HEAD only; {@code Range} (single, suffix and open ranges;
 * overlapping ranges coalesced, disjoint ones answered with the whole file), {@code If-Range},
 * {@code ETag} from size, mtime and a content fingerprint (16 sampled blocks of 4 KiB),
 * {@code Last-Modified}, {@code 416} with {@code bytes *}{@code /size},
 * {@code Cache-Control: no-store}. The file is opened first and the opened file checked: one whose
 * identity, size, mtime or fingerprint changed since {@link #expose} is refused with {@code 410};
 * if it changes mid-response the connection is closed short (the final byte is held back until a
 * last check). Every byte of a response comes from the handle that was checked, so a folder
 * renamed above the file never makes a request serve another file (on Linux; elsewhere see
 * {@code docs/tunnels.md}). Bytes go out with {@code FileChannel.transferTo} (sendfile on Linux),
 * never through the heap.
 *
 * <p><b>Limits.</b> Every client-facing limit is a builder setting with a default:
 * {@code maxConnections} 64 and {@code maxConnectionsPerAddress} 16 (when full, a newcomer takes the
 * place of the connection that has waited longest for a request; 503 only when all are busy
 * answering), {@code maxHeaderBytes} 8 KiB, {@code requestHeadTimeout} 10 s (not extended by bytes
 * trickling in), {@code idleTimeout} 30 s and {@code minDataRate} 16 KiB/s while answering. See
 * {@link Builder} and {@code docs/tunnels.md}. What the limits did is logged at most once a minute.
 *
 * <p><b>Thread-safety.</b> Thread-safe. {@link #expose} does not block on the network. Connections
 * are served on this exposer's own daemon threads, one per connection, bounded by the limits
 * above. Revoking an exposure cuts its running transfers at once.
 * {@link #close()} stops accepting, revokes every exposure, closes idle connections and waits up
 * to the idle timeout for connection threads to end.
 */
public final class HttpFileExposer implements FileExposer {
  private static final Logger LOG = LoggerFactory.getLogger(HttpFileExposer.class);
  /**
   * How long an expired exposure stays registered, so that a late request (a retry around the
   * expiry) still gets the honest 410 and the listener hears it. Afterwards it is swept: its token
   * is then unknown (404), like a guessed one, and the registry stays bounded.
   */
  static final Duration EXPIRED_KEPT = Duration.ofHours(1);
  /** Sweeps run at most this often (by the injected clock), so exposing stays O(1) on average. */
  private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

  private final ServerSocketChannel server;
  private final int port;
  private final String urlHost;
  private final Clock clock;
  private final Duration idleTimeout;
  private final ConnectionLimits limits;
  private final ConnectionTable connections;
  private final LimitLog limitLog;
  private final Map<String, ExposedFile> exposures = new ConcurrentHashMap<>();
  private final ExecutorService workers;
  private final ScheduledExecutorService reaper;
  private final Thread acceptor;
  private final FileResponder responder;
  private volatile boolean closing;
  /** When the last sweep ran ({@link Instant#MIN}: never), by the injected clock. */
  private final AtomicReference<Instant> lastSweep = new AtomicReference<>(Instant.MIN);

  private HttpFileExposer(Builder b) {
    this.clock = b.clock;
    this.idleTimeout = b.idleTimeout;
    this.limits = new ConnectionLimits(b.maxHeaderBytes, b.idleTimeout, b.requestHeadTimeout, b.minDataRate);
    this.connections = new ConnectionTable(b.maxConnections, b.perAddress());
    this.limitLog = new LimitLog(b.maxConnections + " connections, " + b.perAddress()
        + " per address, head within " + b.requestHeadTimeout + ", at least " + b.minDataRate
        + " bytes/s, idle " + b.idleTimeout);
    ServerSocketChannel opened = null;
    try {
      opened = ServerSocketChannel.open();
      opened.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      opened.bind(new InetSocketAddress(b.bindAddress, b.port), 128);
      server = opened;
    } catch (IOException e) {
      if (opened != null) {
        try {
          opened.close(); // a failed bind must not leak the descriptor
        } catch (IOException closing) {
          e.addSuppressed(closing);
        }
      }
      throw new TunnelException("file exposer cannot listen on " + b.bindAddress.getHostAddress() + ":" + b.port
          + ": " + e.getMessage(), List.of(), false, e);
    }
    this.port = ((InetSocketAddress) server.socket().getLocalSocketAddress()).getPort();
    InetAddress host = b.bindAddress.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : b.bindAddress;
    this.urlHost = host instanceof Inet6Address ? "[" + host.getHostAddress() + "]" : host.getHostAddress();
    this.responder = new FileResponder(this::lookup, clock, () -> closing);
    this.workers = Executors.newCachedThreadPool(DaemonThreads.factory("postflow-exposer-" + port));
    this.reaper = Executors.newSingleThreadScheduledExecutor(
        DaemonThreads.factory("postflow-exposer-" + port + "-reaper"));
    long period = limits.reaperPeriodMillis();
    reaper.scheduleWithFixedDelay(this::enforceLimits, period, period, TimeUnit.MILLISECONDS);
    this.acceptor = DaemonThreads.thread("postflow-exposer-" + port + "-accept", this::acceptLoop);
    acceptor.start();
    LOG.debug("file exposer listening on {}:{}", urlHost, port);
  }

  /**
   * A builder with safe defaults: loopback, a free port, 64 connections (16 per client address),
   * 8 KiB request heads complete within 10 s, 30 s idle, at least 16 KiB/s while answering.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Exposes {@code file} until {@code options.timeToLive()} passes, it is revoked, its downloads are
   * used up, or this exposer is closed. Does not block on the network; reads 64 KiB of the file
   * (16 sampled blocks) for its content fingerprint.
   *
   * @throws UploadException when the file is missing, not a regular file or unreadable
   * @throws IllegalStateException when this exposer is closed
   */
  @Override
  public Exposure expose(Path file, ExposureOptions options, ExposureListener listener) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(listener, "listener");
    if (closing) {
      throw new IllegalStateException("the file exposer is closed");
    }
    String name = String.valueOf(file.getFileName());
    Path real;
    BasicFileAttributes attributes;
    try {
      real = file.toRealPath();
      attributes = Files.readAttributes(real, BasicFileAttributes.class);
    } catch (IOException e) {
      throw new UploadException(name, null, "cannot be exposed: " + e, false, e);
    }
    if (!attributes.isRegularFile()) {
      throw new UploadException(name, null, "cannot be exposed: not a regular file", false, null);
    }
    if (!Files.isReadable(real)) {
      throw new UploadException(name, null, "cannot be exposed: not readable", false, null);
    }
    FileState state;
    String fingerprint;
    try (OpenedFile opened = OpenedFile.open(real)) {
      state = opened.state(); // of what was opened, so the record and the later checks agree
      fingerprint = state.isRegularFile() ? Fingerprint.of(opened.channel(), state.size()) : "";
    } catch (IOException e) {
      throw new UploadException(name, null, "cannot be exposed: " + e, false, e);
    }
    if (!state.isRegularFile()) {
      throw new UploadException(name, null, "cannot be exposed: not a regular file", false, null);
    }
    sweepExpired();
    String token = Tokens.newToken();
    URI url = URI.create("http://" + urlHost + ":" + port + "/f/" + token + "/"
        + UrlNames.encode(String.valueOf(real.getFileName())));
    ExposedFile exposure = new ExposedFile(token, real, state, fingerprint, clock.instant().plus(options.timeToLive()),
        options.maxDownloads().orElse(-1), url, listener, this::forget);
    exposures.put(Tokens.digest(token), exposure);
    LOG.debug("exposed {} ({} bytes) until {}", name, state.size(), exposure.expiresAt());
    return exposure;
  }

  /** The port this exposer listens on (a tunnel forwards to it). Never -1. */
  @Override
  public int localPort() {
    return port;
  }

  /** Connections open at the moment, serving or waiting; for tests. */
  int openConnections() {
    return connections.size();
  }

  /** Connections waiting for a request (idle keep-alive, or reading a head); for tests. */
  int waitingConnections() {
    return (int) connections.snapshot().stream().filter(Connection::isWaiting).count();
  }

  /**
   * How many exposures are registered: not revoked, and not expired for longer than an hour
   * (expired ones are swept by later calls to {@code expose}).
   */
  public int exposureCount() {
    return exposures.size();
  }

  /**
   * Stops accepting, revokes every exposure (cutting its transfers), closes idle connections and
   * waits at most the idle timeout for connection threads to finish, then closes what is left. Idempotent; restores
   * the interrupt flag if interrupted while waiting.
   */
  @Override
  public void close() {
    if (closing) {
      return;
    }
    closing = true;
    try {
      server.close();
    } catch (IOException e) {
      LOG.debug("closing the listening socket failed", e);
    }
    // Revoking cuts the transfers of each exposure; idle keep-alive connections just close.
    List.copyOf(exposures.values()).forEach(ExposedFile::revoke);
    connections.snapshot().stream().filter(Connection::isWaiting).forEach(Connection::abort);
    workers.shutdown();
    try {
      if (!workers.awaitTermination(idleTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        connections.snapshot().forEach(Connection::abort);
      }
    } catch (InterruptedException e) {
      connections.snapshot().forEach(Connection::abort);
      Thread.currentThread().interrupt();
    } finally {
      reaper.shutdownNow();
      workers.shutdownNow();
    }
    LOG.debug("file exposer on port {} closed", port);
  }

  /** What the connection limits did since their last WARN report (for tests). */
  LimitLog limitLog() {
    return limitLog;
  }

  @Override
  public String toString() {
    return "HttpFileExposer{" + urlHost + ":" + port + ", exposures=" + exposures.size() + (closing ? ", closed" : "") + "}";
  }

  /**
   * Drops a revoked exposure and cuts its running transfers now: one blocked in sendfile on a
   * client that stopped reading would otherwise only notice at its next chunk.
   */
  private void forget(ExposedFile exposure) {
    exposures.remove(Tokens.digest(exposure.token()), exposure);
    connections.snapshot().stream().filter(c -> c.isServing(exposure)).forEach(Connection::abort);
  }

  /**
   * Drops exposures expired for at least {@link #EXPIRED_KEPT}. They are not revoked: a transfer
   * that began before the expiry runs on with its own reference, as it always did.
   */
  private void sweepExpired() {
    Instant now = clock.instant();
    Instant last = lastSweep.get();
    if (last.isAfter(now.minus(SWEEP_EVERY)) || !lastSweep.compareAndSet(last, now)) {
      return; // swept recently, or another thread is sweeping now
    }
    Instant cutoff = now.minus(EXPIRED_KEPT);
    AtomicInteger swept = new AtomicInteger();
    exposures.values().removeIf(e -> !e.expiresAt().isAfter(cutoff) && swept.incrementAndGet() > 0);
    if (swept.get() > 0) {
      LOG.debug("swept {} exposure(s) expired for more than {}", swept, EXPIRED_KEPT);
    }
  }

  private ExposedFile lookup(String token) {
    ExposedFile exposure = exposures.get(Tokens.digest(token));
    return exposure != null && Tokens.sameToken(exposure.token(), token) ? exposure : null;
  }

  private void acceptLoop() {
    while (!closing) {
      SocketChannel channel;
      try {
        channel = server.accept();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        // Out of file descriptors, usually: pause rather than spin on the same failure.
        LOG.warn("accepting a connection failed: {}", e.toString());
        try {
          Thread.sleep(50);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
        continue;
      }
      admit(channel);
    }
  }

  /** Serves {@code channel} if the connection limits allow it (letting waiting ones go), else 503. */
  private void admit(SocketChannel channel) {
    Connection connection;
    try {
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      InetAddress peer = ((InetSocketAddress) channel.getRemoteAddress()).getAddress();
      Connection[] self = new Connection[1];
      self[0] = new Connection(channel, peer, responder, limits, () -> connections.ended(self[0]));
      connection = self[0];
    } catch (IOException | RuntimeException e) {
      LOG.debug("could not start serving a connection: {}", e.toString());
      closeQuietly(channel);
      return;
    }
    ConnectionTable.Admission admission = connections.admit(connection);
    if (!admission.admitted()) {
      limitLog.refused(admission.refusal);
      refuse(channel, admission.refusal);
      return;
    }
    for (Connection waiting : admission.letGo) {
      limitLog.letGo();
      waiting.abort();
    }
    try {
      workers.execute(connection);
    } catch (RuntimeException e) {
      LOG.debug("could not start serving a connection: {}", e.toString());
      connections.ended(connection);
      closeQuietly(channel);
    }
  }

  private static void refuse(SocketChannel channel, String reason) {
    try {
      channel.write(ByteBuffer.wrap(FileResponder.simpleHead(503, reason, false)
          .getBytes(StandardCharsets.ISO_8859_1)));
    } catch (IOException e) {
      LOG.debug("could not tell a refused client why", e);
    }
    closeQuietly(channel);
  }

  /** Closes the connections past a limit ({@link Connection#overdue}); logs what the limits did. */
  private void enforceLimits() {
    long now = System.nanoTime();
    for (Connection connection : connections.snapshot()) {
      Connection.Limit passed = connection.overdue(now);
      if (passed != null) {
        limitLog.closed(passed);
        connection.abort();
      }
    }
    limitLog.report(now);
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("closing a socket failed", e);
    }
  }

  /**
   * Configures an {@link HttpFileExposer}. Not thread-safe. {@link #build()} validates every
   * setting, naming the culprit, and starts listening.
   */
  public static final class Builder {
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port;
    private int maxConnections = 64;
    private Integer maxConnectionsPerAddress; // unset: 16, or maxConnections when lower
    private int maxHeaderBytes = 8192;
    private Duration requestHeadTimeout = Duration.ofSeconds(10);
    private Duration idleTimeout = Duration.ofSeconds(30);
    private long minDataRate = 16 << 10;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The address to listen on. Default: loopback, so only a tunnel (or this machine) reaches it. */
    public Builder bindAddress(InetAddress bindAddress) {
      this.bindAddress = bindAddress;
      return this;
    }

    /** The port; 0 (the default) picks a free one, see {@link HttpFileExposer#localPort()}. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * Connections open at once. Default 64. When all are open, a newcomer takes the place of the
     * connection that has waited longest for a request (idle between requests, or still sending
     * its head); only when every one is busy answering is it answered 503 and closed.
     */
    public Builder maxConnections(int maxConnections) {
      this.maxConnections = maxConnections;
      return this;
    }

    /**
     * Connections open at once from one client address (an IPv6 client: its /64), handled like
     * {@link #maxConnections}: a waiting one of that address makes room, else 503. Default 16 (or
     * {@code maxConnections} when that is lower); at most {@code maxConnections}. {@code 127.0.0.1} and {@code ::1} are not counted: every tunnel
     * agent on this machine connects from there, so behind a tunnel this cap does not apply (the
     * other limits do); it protects an exposer that clients reach directly.
     */
    public Builder maxConnectionsPerAddress(int maxConnectionsPerAddress) {
      this.maxConnectionsPerAddress = maxConnectionsPerAddress;
      return this;
    }

    /** The largest request head (request line and headers) accepted; longer is a 431. Default 8192. */
    public Builder maxHeaderBytes(int maxHeaderBytes) {
      this.maxHeaderBytes = maxHeaderBytes;
      return this;
    }

    /**
     * How long a request head may take: from the connection's accept (or, for a later request on
     * it, from the head's first byte) to its last. Bytes trickling in do not extend it: a head not
     * complete in time is closed without an answer. Default 10 s; enforced within a quarter of it.
     */
    public Builder requestHeadTimeout(Duration requestHeadTimeout) {
      this.requestHeadTimeout = requestHeadTimeout;
      return this;
    }

    /**
     * How long a connection may make no progress (no request byte read, no response byte written)
     * before it is closed. Default 30 s. Also the window of {@link #minDataRate} and the most
     * {@link HttpFileExposer#close()} waits.
     */
    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = idleTimeout;
      return this;
    }

    /**
     * The least a client must read, in bytes per second, while a response is sent: averaged over
     * windows as long as {@link #idleTimeout}, a slower connection is closed (its response ends
     * short; a resuming client can continue with {@code Range}). Default 16384 (16 KiB/s: 480 KiB
     * per 30 s window); 0 turns it off, leaving only the idle timeout.
     */
    public Builder minDataRate(long bytesPerSecond) {
      this.minDataRate = bytesPerSecond;
      return this;
    }

    /** The clock for expiry and {@code Date} headers. Default: the system clock. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    private int perAddress() {
      return maxConnectionsPerAddress != null ? maxConnectionsPerAddress : Math.min(16, maxConnections);
    }

    /**
     * Validates the settings and starts listening.
     *
     * @throws ConfigurationException naming the first invalid setting
     * @throws TunnelException when the address and port cannot be bound
     */
    public HttpFileExposer build() {
      if (bindAddress == null) {
        throw new ConfigurationException("'bindAddress' is required");
      }
      if (port < 0 || port > 65535) {
        throw new ConfigurationException("'port' must be between 0 and 65535, was " + port);
      }
      if (maxConnections < 1 || maxConnections > 10_000) {
        throw new ConfigurationException("'maxConnections' must be between 1 and 10000, was " + maxConnections);
      }
      if (maxHeaderBytes < 256 || maxHeaderBytes > 1 << 20) {
        throw new ConfigurationException("'maxHeaderBytes' must be between 256 and 1048576, was " + maxHeaderBytes);
      }
      if (maxConnectionsPerAddress != null
          && (maxConnectionsPerAddress < 1 || maxConnectionsPerAddress > maxConnections)) {
        throw new ConfigurationException("'maxConnectionsPerAddress' must be between 1 and 'maxConnections' ("
            + maxConnections + "), was " + maxConnectionsPerAddress);
      }
      if (requestHeadTimeout == null || requestHeadTimeout.isNegative() || requestHeadTimeout.isZero()) {
        throw new ConfigurationException("'requestHeadTimeout' must be positive, was " + requestHeadTimeout);
      }
      if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
        throw new ConfigurationException("'idleTimeout' must be positive, was " + idleTimeout);
      }
      if (minDataRate < 0 || minDataRate > 1L << 30) {
        throw new ConfigurationException("'minDataRate' must be between 0 (off) and 1073741824 bytes/s, was "
            + minDataRate);
      }
      if (clock == null) {
        throw new ConfigurationException("'clock' is required");
      }
      return new HttpFileExposer(this);
    }
  }
}
