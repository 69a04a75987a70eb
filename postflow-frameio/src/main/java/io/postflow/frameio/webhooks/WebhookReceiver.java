package io.postflow.frameio.webhooks;

import io.postflow.api.ConfigurationException;
import io.postflow.api.InvalidInputException;
import io.postflow.api.PostFlowException;
import io.postflow.api.internal.DaemonThreads;
import io.postflow.api.internal.OwnedExecutor;
import io.postflow.frameio.internal.SmallHttpRequest;
import io.postflow.frameio.internal.SmallHttpResponse;
import io.postflow.frameio.internal.SmallHttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP endpoint for Frame.io webhooks: verifies each POST with a {@link WebhookVerifier},
 * hands the parsed {@link WebhookEvent} to the listeners on an executor, and answers 200 as soon
 * as the listeners have it (Frame.io counts a reply slower than 5 s as failed and redelivers, and
 * never redelivers what was answered 200).
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
 * <p>Answers: 200 once the listeners' executor has begun delivering the event; 401 when the
 * signature is missing, wrong, stale or replayed; 400 for a body that is not a webhook event or a
 * malformed request; 404 outside {@code path}; 405 for other methods; 413 for bodies over the
 * limit; 503 when {@code queueCapacity} events already wait for the listeners, when the listeners
 * did not take the event within {@code deliveryTimeout}, or while closing (Frame.io retries
 * later, and the 503'd event is not delivered, so the retry is not a duplicate).
 *
 * <p><b>Limits.</b> At most {@code maxConnections} connections at a time; each request must
 * arrive completely within {@code requestTimeout}, and when all connections are taken, the one
 * that has been sending its request the longest is dropped, so stalled or slow connections never
 * keep Frame.io's deliveries waiting. Everything refused before a listener could see it (unsigned,
 * forged, stale or replayed deliveries, malformed or oversized requests, other methods and paths,
 * requests too slow or over the connection limit) is counted in {@link #rejectedCount()}; only the
 * first five per minute are logged at WARN, then one summary line with the number not logged.
 *
 * <p><b>Contract.</b> Thread-safe. Listens on the loopback interface unless told otherwise (put a
 * tunnel or reverse proxy in front). Listener exceptions are logged and never reach Frame.io.
 * An event answered 200 is always given to every listener, in the order they were added, even when
 * {@link #close()} comes right after. {@link #close()} stops accepting, lets the deliveries already
 * waiting reach the listeners for up to {@code closeTimeout} (those still waiting then are answered
 * 503), and shuts down only executors it created itself, never one passed to
 * {@link Builder#executor}.
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
  private final int maxConnections;
  private final Duration requestTimeout;
  private final Duration deliveryTimeout;
  private final Duration closeTimeout;
  private final RefusalLog refusals = new RefusalLog(log);
  private final Set<Delivery> waiting = ConcurrentHashMap.newKeySet();
  private volatile boolean closing;
  private SmallHttpServer server;
  private boolean closed;

  private WebhookReceiver(Builder builder) {
    this.verifier = builder.verifier;
    this.bindAddress = new InetSocketAddress(builder.bindAddress, builder.port);
    this.path = builder.path;
    this.listeners = List.copyOf(builder.listeners);
    this.queueSlots = new Semaphore(builder.queueCapacity);
    this.maxBodyBytes = builder.maxBodyBytes;
    this.maxConnections = builder.maxConnections;
    this.requestTimeout = builder.requestTimeout;
    this.deliveryTimeout = builder.deliveryTimeout;
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
   * @throws IllegalStateException if already started, or closed
   */
  public synchronized WebhookReceiver start() {
    if (server != null || closed) {
      throw new IllegalStateException("WebhookReceiver already " + (closed ? "closed" : "started"));
    }
    try {
      server = SmallHttpServer.builder().bindAddress(bindAddress.getAddress())
          .port(bindAddress.getPort()).maxConnections(maxConnections)
          .requestTimeout(requestTimeout).maxBodyBytes(maxBodyBytes)
          .threadName("postflow-webhook-http").handler(this::handle)
          .refusals((client, reason) -> refusals.refused(client, reason))
          .start();
    } catch (IOException e) {
      throw new PostFlowException("Cannot listen for webhooks on " + bindAddress + ": " + e, e);
    }
    log.debug("Receiving Frame.io webhooks at {}", uri());
    return this;
  }

  /** Where Frame.io (or the tunnel in front) must POST, with the port actually bound. */
  public synchronized URI uri() {
    if (server == null) {
      throw new IllegalStateException("WebhookReceiver not started");
    }
    InetSocketAddress address = server.address();
    String host = address.getAddress().getHostAddress();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
        + address.getPort() + path);
  }

  /**
   * How many requests were refused before a listener could see them since {@link #start()}:
   * unsigned, forged, stale or replayed deliveries (401), malformed requests, other methods and
   * paths, oversized bodies, and connections too slow or over the connection limit. Deliveries
   * answered 503 (busy) and signed bodies that are not events are not counted.
   */
  public long rejectedCount() {
    return refusals.total();
  }

  /** Open connections right now; for tests. */
  synchronized int connectionCount() {
    return server == null ? 0 : server.connectionCount();
  }

  /** Verified deliveries waiting for the listeners right now; for tests. */
  int waitingCount() {
    return waiting.size();
  }

  private SmallHttpResponse handle(SmallHttpRequest request) {
    // The JDK server this replaced matched contexts by string prefix; kept, so existing setups
    // that post below the path keep working.
    if (!request.rawPath().startsWith(path)) {
      return refuse(request, 404, "no webhook endpoint at this path");
    }
    if (!"POST".equals(request.method())) {
      return refuse(request, 405, "only POST is accepted").withHeader("Allow", "POST");
    }
    byte[] body = request.body();
    String signature = request.header(WebhookVerifier.SIGNATURE_HEADER);
    WebhookVerifier.Result result =
        verifier.verify(request.header(WebhookVerifier.TIMESTAMP_HEADER), signature, body);
    if (!result.isValid()) {
      return refuse(request, 401, result.reason());
    }
    WebhookEvent event;
    try {
      event = WebhookEvent.parse(new String(body, StandardCharsets.UTF_8));
    } catch (InvalidInputException e) {
      log.warn("Refused a signed webhook that is not an event: {}", e.getMessage());
      return SmallHttpResponse.text(400, e.getMessage());
    }
    return deliver(event, signature);
  }

  private SmallHttpResponse refuse(SmallHttpRequest request, int status, String reason) {
    refusals.refused(request.remoteAddress(), request.method() + " " + status + ": " + reason);
    return SmallHttpResponse.text(status, reason);
  }

  /**
   * Queues the event and waits until the listeners' executor begins delivering it: only then is
   * it answered 200. Frame.io never redelivers a 200, so an event answered before the listeners
   * had it would be lost if the process stopped first (the review lost 148 of 200 that way). An
   * event the listeners do not take in time is taken back and answered 503: Frame.io delivers it
   * again later, and since it was never delivered here, that is no duplicate.
   */
  private SmallHttpResponse deliver(WebhookEvent event, String signature) {
    // A 503 asks Frame.io to deliver again, perhaps byte for byte: that must not be a replay.
    if (!queueSlots.tryAcquire()) {
      verifier.forget(signature);
      log.warn("Webhook queue full; answering 503 to {} for {} so Frame.io retries later",
          event.type(), event.resourceId());
      return SmallHttpResponse.text(503, "busy, retry later");
    }
    Delivery delivery = new Delivery(event);
    waiting.add(delivery);
    if (closing) { // read after the add: close() either sees this delivery or it sees closing
      delivery.takeBack();
    } else {
      try {
        executor.executor().execute(delivery);
      } catch (RejectedExecutionException e) {
        delivery.takeBack();
      }
    }
    boolean started;
    try {
      started = delivery.awaitStart(deliveryTimeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      delivery.takeBack();
      started = delivery.hasStarted();
    }
    if (!started) {
      verifier.forget(signature);
      boolean stopping = closing;
      log.warn("Webhook listeners did not take {} for {} within {}; answering 503 so Frame.io"
          + " retries later", event.type(), event.resourceId(),
          stopping ? "the close" : deliveryTimeout);
      return SmallHttpResponse.text(503, stopping ? "shutting down" : "busy, retry later");
    }
    log.debug("Accepted webhook {} for {} {}", event.type(), event.resourceType(),
        event.resourceId());
    return SmallHttpResponse.empty(200);
  }

  /**
   * One event on its way to the listeners: queued, then either started (every listener will be
   * called, whatever happens next) or taken back (never delivered; answered 503). Exactly one of
   * the two happens.
   */
  private final class Delivery implements Runnable {
    private static final int QUEUED = 0;
    private static final int STARTED = 1;
    private static final int TAKEN_BACK = 2;
    private final AtomicInteger state = new AtomicInteger(QUEUED);
    private final CountDownLatch decided = new CountDownLatch(1);
    private final WebhookEvent event;

    Delivery(WebhookEvent event) {
      this.event = event;
    }

    @Override
    public void run() {
      if (!state.compareAndSet(QUEUED, STARTED)) {
        return; // taken back: answered 503, its queue slot already freed
      }
      waiting.remove(this);
      decided.countDown();
      try {
        for (WebhookListener listener : listeners) {
          // No stop on interrupt: an event answered 200 goes to every listener.
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

    /** Takes the event back if no listener has it yet; whether it did. */
    boolean takeBack() {
      if (!state.compareAndSet(QUEUED, TAKEN_BACK)) {
        return false;
      }
      waiting.remove(this);
      queueSlots.release();
      decided.countDown();
      return true;
    }

    /**
     * Waits until the delivery started or was taken back, taking it back at the timeout;
     * whether it started.
     */
    boolean awaitStart(Duration timeout) throws InterruptedException {
      decided.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
      takeBack();
      return hasStarted();
    }

    boolean hasStarted() {
      return state.get() == STARTED;
    }

    /** Waits until the delivery started or was taken back, at most {@code nanos}. */
    void awaitDecided(long nanos) throws InterruptedException {
      decided.await(nanos, TimeUnit.NANOSECONDS);
    }
  }

  /**
   * Stops accepting requests; lets the deliveries already waiting reach the listeners for up to
   * {@code closeTimeout} and answers those still waiting then with 503 (Frame.io retries them
   * later); then waits what is left of {@code closeTimeout} for the listeners and shuts down the
   * executors this receiver created. An event answered 200 is never dropped: once its delivery has
   * begun, every listener is called even if interrupted. Idempotent. An interrupted caller stops
   * waiting and keeps its interrupt flag.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    closing = true;
    long deadline = System.nanoTime() + closeTimeout.toNanos();
    if (server != null) {
      server.stopAccepting();
    }
    try {
      for (Delivery delivery : List.copyOf(waiting)) {
        delivery.awaitDecided(Math.max(0, deadline - System.nanoTime()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Delivery delivery : List.copyOf(waiting)) {
      delivery.takeBack();
    }
    if (server != null) {
      server.close(Duration.ofSeconds(1)); // time to write the answers just decided
    }
    Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    if (!executor.close(left) && !Thread.currentThread().isInterrupted()) {
      log.warn("Webhook listeners still busy after {}; interrupted them", closeTimeout);
    }
    refusals.flush();
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
    private int maxConnections = 64;
    private Duration requestTimeout = Duration.ofSeconds(5);
    private Duration deliveryTimeout = Duration.ofSeconds(3);
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

    /**
     * How many verified deliveries may wait for the listeners at once; further ones are answered
     * 503 at once. Default 1000; each waiting delivery also holds one of the
     * {@link #maxConnections} connections, which by default is the tighter bound.
     */
    public Builder queueCapacity(int queueCapacity) {
      this.queueCapacity = queueCapacity;
      return this;
    }

    /** The largest body accepted; default 1 MiB (Frame.io events are a few hundred bytes). */
    public Builder maxBodyBytes(int maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /**
     * How many connections may be open at once; default 64. When all are taken, the one that has
     * been sending its request the longest is dropped for the newcomer; when every one is being
     * answered, the newcomer is closed (Frame.io retries it).
     */
    public Builder maxConnections(int maxConnections) {
      this.maxConnections = maxConnections;
      return this;
    }

    /**
     * How long a client may take to send a whole request, from connecting to the last byte of the
     * body; default 5 s (Frame.io itself gives up after 5 s). Slower connections are closed and
     * counted in {@link WebhookReceiver#rejectedCount()}.
     */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    /**
     * How long a verified delivery waits for the listeners' executor to take its event before it
     * is answered 503 (and the event is not delivered); default 3 s, inside Frame.io's 5 s.
     */
    public Builder deliveryTimeout(Duration deliveryTimeout) {
      this.deliveryTimeout = deliveryTimeout;
      return this;
    }

    /**
     * How long {@link WebhookReceiver#close()} waits, in all, for the deliveries already waiting
     * and then for the listeners; default 5 s.
     */
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
      if (maxConnections < 1) {
        throw new ConfigurationException("'maxConnections' must be at least 1, was "
            + maxConnections);
      }
      if (requestTimeout == null || requestTimeout.toMillis() < 1) {
        throw new ConfigurationException("'requestTimeout' must be at least 1 ms, was "
            + requestTimeout);
      }
      if (deliveryTimeout == null || deliveryTimeout.toMillis() < 1) {
        throw new ConfigurationException("'deliveryTimeout' must be at least 1 ms, was "
            + deliveryTimeout);
      }
      if (closeTimeout == null || closeTimeout.isNegative()) {
        throw new ConfigurationException("'closeTimeout' must be zero or positive, was "
            + closeTimeout);
      }
      return new WebhookReceiver(this);
    }
  }
}
