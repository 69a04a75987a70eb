package io.postflow.frameio.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.postflow.api.ConfigurationException;
import io.postflow.api.InvalidInputException;
import io.postflow.api.PostFlowException;
import io.postflow.api.internal.DaemonThreads;
import io.postflow.api.internal.OwnedExecutor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP endpoint for Frame.io webhooks: verifies each POST with a {@link WebhookVerifier},
 * answers at once (Frame.io counts a reply slower than 5 s as failed and redelivers), then hands
 * the parsed {@link WebhookEvent} to the listeners on an executor.
 *
 * <pre>{@code
 * try (WebhookReceiver receiver = WebhookReceiver.builder()
 *     .secret(webhookSecret)
 *     .port(8088)                          // behind the tunnel that Frame.io posts to
 *     .listener(event -> queue.offer(event))
 *     .build()
 *     .start()) {
 *   ...
 * }
 * }</pre>
 *
 * <p>Answers: 200 accepted; 401 when the signature is missing, wrong, stale or replayed; 400 for a
 * body that is not a webhook event; 405 for other methods; 413 for bodies over the limit; 503 when
 * {@code queueCapacity} events are already waiting for the listeners (Frame.io retries later).
 *
 * <p><b>Contract.</b> Thread-safe. Listens on the loopback interface unless told otherwise (put a
 * tunnel or reverse proxy in front). Listener exceptions are logged and never reach Frame.io.
 * {@link #close()} stops accepting, lets queued events finish for up to {@code closeTimeout}, and
 * shuts down only executors it created itself, never one passed to {@link Builder#executor}.
 */
public final class WebhookReceiver implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebhookReceiver.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final WebhookVerifier verifier;
  private final InetSocketAddress bindAddress;
  private final String path;
  private final List<WebhookListener> listeners;
  private final OwnedExecutor executor;
  private final Semaphore queueSlots;
  private final int maxBodyBytes;
  private final Duration closeTimeout;
  private HttpServer server;
  private ExecutorService httpThreads;

  private WebhookReceiver(Builder builder) {
    this.verifier = builder.verifier;
    this.bindAddress = new InetSocketAddress(builder.bindAddress, builder.port);
    this.path = builder.path;
    this.listeners = List.copyOf(builder.listeners);
    this.queueSlots = new Semaphore(builder.queueCapacity);
    this.maxBodyBytes = builder.maxBodyBytes;
    this.closeTimeout = builder.closeTimeout;
    this.executor = OwnedExecutor.givenOr(builder.executor, () -> Executors.newSingleThreadExecutor(
        DaemonThreads.factory("postflow-webhook-listener-" + INSTANCES.incrementAndGet())));
  }

  /** Starts a builder; a secret (or verifier) and at least one listener are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds the port and starts serving. Returns this, for chaining.
   *
   * @throws PostFlowException if the address cannot be bound
   * @throws IllegalStateException if already started
   */
  public synchronized WebhookReceiver start() {
    if (server != null) {
      throw new IllegalStateException("WebhookReceiver already started");
    }
    try {
      server = HttpServer.create(bindAddress, 50);
    } catch (IOException e) {
      throw new PostFlowException("Cannot listen for webhooks on " + bindAddress + ": " + e, e);
    }
    httpThreads = Executors.newFixedThreadPool(2, DaemonThreads.factory("postflow-webhook-http"));
    server.setExecutor(httpThreads);
    server.createContext(path, this::handle);
    server.start();
    log.debug("Receiving Frame.io webhooks at {}", uri());
    return this;
  }

  /** Where Frame.io (or the tunnel in front) must POST, with the port actually bound. */
  public synchronized URI uri() {
    if (server == null) {
      throw new IllegalStateException("WebhookReceiver not started");
    }
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().getHostAddress();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
        + address.getPort() + path);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        respond(exchange, 405, "only POST is accepted");
        return;
      }
      byte[] body = readBody(exchange.getRequestBody());
      if (body == null) {
        respond(exchange, 413, "body larger than " + maxBodyBytes + " bytes");
        return;
      }
      String signature = exchange.getRequestHeaders().getFirst(WebhookVerifier.SIGNATURE_HEADER);
      WebhookVerifier.Result result = verifier.verify(
          exchange.getRequestHeaders().getFirst(WebhookVerifier.TIMESTAMP_HEADER), signature, body);
      if (!result.isValid()) {
        log.warn("Refused a webhook from {}: {}", exchange.getRemoteAddress(), result.reason());
        respond(exchange, 401, result.reason());
        return;
      }
      WebhookEvent event;
      try {
        event = WebhookEvent.parse(new String(body, StandardCharsets.UTF_8));
      } catch (InvalidInputException e) {
        log.warn("Refused a signed webhook that is not an event: {}", e.getMessage());
        respond(exchange, 400, e.getMessage());
        return;
      }
      // A 503 asks Frame.io to deliver again, perhaps byte for byte: that must not be a replay.
      if (!queueSlots.tryAcquire()) {
        verifier.forget(signature);
        log.warn("Webhook queue full; answering 503 to {} for {} so Frame.io retries later",
            event.type(), event.resourceId());
        respond(exchange, 503, "busy, retry later");
        return;
      }
      try {
        executor.executor().execute(() -> deliver(event));
      } catch (RejectedExecutionException e) {
        queueSlots.release();
        verifier.forget(signature);
        respond(exchange, 503, "shutting down");
        return;
      }
      // No body: the JDK server then writes the answer in one segment. Headers and a body go out
      // as two, and Nagle's algorithm holds the second until the client's delayed ACK (~40 ms).
      exchange.sendResponseHeaders(200, -1);
      log.debug("Accepted webhook {} for {} {}", event.type(), event.resourceType(),
          event.resourceId());
    }
  }

  private void deliver(WebhookEvent event) {
    try {
      for (WebhookListener listener : listeners) {
        try {
          listener.onEvent(event);
        } catch (RuntimeException e) {
          log.warn("Webhook listener {} failed on {} for {}", listener, event.type(),
              event.resourceId(), e);
        }
      }
    } finally {
      queueSlots.release();
    }
  }

  /** The body, or null when it exceeds the limit (read no further than the limit). */
  private byte[] readBody(InputStream in) throws IOException {
    // One byte over the limit tells "too large" from "exactly the limit"; no array can be longer
    // than Integer.MAX_VALUE - 8 anyway, so the cap only keeps maxBodyBytes + 1 from overflowing.
    byte[] body = in.readNBytes(Math.min(maxBodyBytes, Integer.MAX_VALUE - 8) + 1);
    return body.length > maxBodyBytes ? null : body;
  }

  private static void respond(HttpExchange exchange, int status, String text) throws IOException {
    byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /**
   * Stops accepting requests, waits up to {@code closeTimeout} for queued events, and shuts down
   * the executors this receiver created. Idempotent. An interrupted caller stops waiting and keeps
   * its interrupt flag.
   */
  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      httpThreads.shutdownNow();
    }
    if (!executor.close(closeTimeout) && !Thread.currentThread().isInterrupted()) {
      log.warn("Webhook listeners still busy after {}; interrupted them", closeTimeout);
    }
  }

  @Override
  public String toString() {
    return "WebhookReceiver{" + bindAddress + path + ", " + verifier + "}";
  }

  /** Configures a {@link WebhookReceiver}. Not thread-safe. */
  public static final class Builder {
    private WebhookVerifier verifier;
    private String secret;
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port;
    private String path = "/";
    private final List<WebhookListener> listeners = new ArrayList<>();
    private Executor executor;
    private int queueCapacity = 1000;
    private int maxBodyBytes = 1 << 20;
    private Duration closeTimeout = Duration.ofSeconds(5);
    private Clock clock;

    private Builder() {}

    /** The webhook's secret; shorthand for a {@link WebhookVerifier} with default settings. */
    public Builder secret(String secret) {
      this.secret = secret;
      return this;
    }

    /**
     * The clock the timestamps of webhooks are judged by, for the verifier built from
     * {@link #secret}; default the system UTC clock. With a {@link #verifier}, set the clock on
     * that verifier instead.
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** A configured verifier (clock, tolerance); takes precedence over {@link #secret}. */
    public Builder verifier(WebhookVerifier verifier) {
      this.verifier = verifier;
      return this;
    }

    /** The interface to listen on; default loopback. Use a tunnel rather than a public address. */
    public Builder bindAddress(InetAddress bindAddress) {
      this.bindAddress = bindAddress;
      return this;
    }

    /** The port; default 0, a free port chosen at start (see {@link WebhookReceiver#uri()}). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The path webhooks are posted to; default {@code /}. */
    public Builder path(String path) {
      this.path = path;
      return this;
    }

    /** Adds a listener; called in the order added. */
    public Builder listener(WebhookListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * The executor listeners run on; default one daemon thread owned by the receiver. A supplied
     * executor is never shut down by the receiver.
     */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    /** How many accepted events may wait for listeners before answering 503; default 1000. */
    public Builder queueCapacity(int queueCapacity) {
      this.queueCapacity = queueCapacity;
      return this;
    }

    /** The largest body accepted; default 1 MiB (Frame.io events are a few hundred bytes). */
    public Builder maxBodyBytes(int maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /** How long {@link WebhookReceiver#close()} waits for queued events; default 5 s. */
    public Builder closeTimeout(Duration closeTimeout) {
      this.closeTimeout = closeTimeout;
      return this;
    }

    /**
     * Validates the settings; binds nothing until {@link WebhookReceiver#start()}.
     *
     * @throws ConfigurationException naming the setting at fault
     */
    public WebhookReceiver build() {
      if (verifier == null) {
        if (secret == null || secret.isEmpty()) {
          throw new ConfigurationException("'secret' (or 'verifier') is required");
        }
        verifier = WebhookVerifier.builder().secret(secret)
            .clock(clock != null ? clock : Clock.systemUTC()).build();
      } else if (clock != null) {
        throw new ConfigurationException("'clock' applies to the verifier built from 'secret';"
            + " set it on the 'verifier' given instead");
      }
      if (listeners.isEmpty()) {
        throw new ConfigurationException("'listener' is required: add at least one");
      }
      if (bindAddress == null) {
        throw new ConfigurationException("'bindAddress' is required");
      }
      if (port < 0 || port > 65535) {
        throw new ConfigurationException("'port' must be between 0 and 65535, was " + port);
      }
      if (path == null || !path.startsWith("/")) {
        throw new ConfigurationException("'path' must start with '/', was " + path);
      }
      if (queueCapacity < 1) {
        throw new ConfigurationException("'queueCapacity' must be at least 1, was " + queueCapacity);
      }
      if (maxBodyBytes < 1) {
        throw new ConfigurationException("'maxBodyBytes' must be at least 1, was " + maxBodyBytes);
      }
      if (closeTimeout == null || closeTimeout.isNegative()) {
        throw new ConfigurationException("'closeTimeout' must be zero or positive, was "
            + closeTimeout);
      }
      return new WebhookReceiver(this);
    }
  }
}
