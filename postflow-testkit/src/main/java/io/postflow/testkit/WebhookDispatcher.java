package io.postflow.testkit;

import io.postflow.api.Sleeper;
import io.postflow.api.internal.DaemonThreads;
import io.postflow.testkit.WebhookDelivery.State;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers webhook events the way Frame.io does: a signed JSON {@code POST}, a reply that is not
 * 2xx within the reply timeout counts as failed, up to five attempts with a doubling back-off from
 * 15 s. Each attempt is signed afresh with the clock's current time, so receivers that reject
 * timestamps older than five minutes accept late retries.
 *
 * <p>Headers: {@code Content-Type: application/json}, a {@code User-Agent} naming the sender
 * ({@link #USER_AGENT}), and the signature: header {@code X-Frameio-Request-Timestamp} is the epoch
 * second and
 * {@code X-Frameio-Signature} is {@code "v0=" + hex(HMAC-SHA256(secret, "v0:" + timestamp + ":" +
 * body))}.
 *
 * <p>Thread-safe. {@link #deliver} returns at once; each delivery runs on its own daemon thread so
 * a receiver that keeps failing does not hold up the others. {@link #close()} interrupts retries
 * in progress and marks unfinished deliveries failed; it never closes the caller's
 * {@link HttpClient}.
 */
final class WebhookDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
  static final Duration DEFAULT_REPLY_TIMEOUT = Duration.ofSeconds(5);
  static final int DEFAULT_MAX_ATTEMPTS = 5;
  static final Duration DEFAULT_BASE_BACKOFF = Duration.ofSeconds(15);
  /**
   * Frame.io names its sender, not the HTTP library it uses; the exact value is not documented, so
   * a receiver must not depend on it. Never Java's default, which would give the fake away.
   */
  static final String USER_AGENT = "Frame.io-Webhooks/4 (PostFlow sandbox)";

  private final HttpClient client;
  private final Clock clock;
  private final Duration replyTimeout;
  private final int maxAttempts;
  private final Duration baseBackoff;
  private final Sleeper sleeper;
  private final ReplyTimer replyTimer;
  private final ExecutorService workers;
  private final Object lock = new Object();
  /** Guarded by {@link #lock}; in the order deliver was called. */
  private final List<Tracked> all = new ArrayList<>();
  private int pending;
  private boolean closed;

  /** Frame.io's schedule: 5 s reply timeout, 5 attempts, 15 s first back-off, waited with {@code sleeper}. */
  WebhookDispatcher(HttpClient client, Clock clock, Sleeper sleeper) {
    this(client, clock, DEFAULT_REPLY_TIMEOUT, DEFAULT_MAX_ATTEMPTS, DEFAULT_BASE_BACKOFF, sleeper);
  }

  /**
   * @throws IllegalArgumentException naming the argument that is out of range
   */
  WebhookDispatcher(HttpClient client, Clock clock, Duration replyTimeout, int maxAttempts,
      Duration baseBackoff, Sleeper sleeper) {
    this(client, clock, replyTimeout, maxAttempts, baseBackoff, sleeper, ReplyTimer.REAL_TIME);
  }

  /**
   * As above, with the timer that ends an attempt whose reply is late ({@link ReplyTimer#REAL_TIME}
   * unless a test ends attempts itself).
   *
   * @throws IllegalArgumentException naming the argument that is out of range
   */
  WebhookDispatcher(HttpClient client, Clock clock, Duration replyTimeout, int maxAttempts,
      Duration baseBackoff, Sleeper sleeper, ReplyTimer replyTimer) {
    this.replyTimer = Objects.requireNonNull(replyTimer, "replyTimer");
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.replyTimeout = Objects.requireNonNull(replyTimeout, "replyTimeout");
    this.baseBackoff = Objects.requireNonNull(baseBackoff, "baseBackoff");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    if (replyTimeout.isZero() || replyTimeout.isNegative()) {
      throw new IllegalArgumentException("replyTimeout must be positive, was " + replyTimeout);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (baseBackoff.isNegative()) {
      throw new IllegalArgumentException("baseBackoff must not be negative, was " + baseBackoff);
    }
    this.maxAttempts = maxAttempts;
    this.workers = Executors.newCachedThreadPool(DaemonThreads.factory("postflow-sandbox-webhook"));
  }

  /**
   * Queues a delivery and returns at once. After {@link #close()}, or for a URL that is not an
   * absolute http(s) URI, the delivery is recorded as failed without being sent.
   *
   * @throws NullPointerException if an argument is null
   */
  void deliver(String url, String secret, String jsonBody) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(jsonBody, "jsonBody");
    Tracked d;
    synchronized (lock) {
      d = new Tracked(all.size() + 1, url, jsonBody);
      all.add(d);
      if (closed) {
        d.finish(State.FAILED, "the dispatcher was closed before delivery");
        return;
      }
      pending++;
    }
    URI target = target(url);
    if (target == null) {
      finish(d, State.FAILED, "url is not an absolute http(s) URI");
      return;
    }
    try {
      workers.execute(() -> run(d, target, secret));
    } catch (RejectedExecutionException e) {
      finish(d, State.FAILED, "the dispatcher was closed before delivery");
    }
  }

  /** Snapshots of every delivery so far, in the order {@link #deliver} was called. */
  List<WebhookDelivery> deliveries() {
    synchronized (lock) {
      return all.stream().map(Tracked::snapshot).toList();
    }
  }

  /**
   * Blocks until no delivery is pending or {@code timeout} passes.
   *
   * @return whether every delivery had finished
   * @throws InterruptedException if interrupted while waiting
   */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (pending > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return true;
    }
  }

  /**
   * Stops: retries in progress are interrupted and every unfinished delivery is marked failed.
   * Idempotent; waits at most the reply timeout for the delivery threads to end.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    workers.shutdownNow();
    try {
      if (!workers.awaitTermination(replyTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
        LOG.warn("Webhook delivery threads did not stop within {} ms", replyTimeout.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (lock) {
      for (Tracked d : all) {
        if (d.state == State.PENDING) {
          d.finish(State.FAILED, "the dispatcher was closed before delivery");
          pending--;
        }
      }
      lock.notifyAll();
    }
  }

  /** {@code "v0=" + hex(HMAC-SHA256(secret, "v0:" + timestamp + ":" + body))}. */
  static String signature(String secret, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] sig = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
      return "v0=" + HexFormat.of().formatHex(sig);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }

  private void run(Tracked d, URI target, String secret) {
    String name = RemoteFetchException.redact(target);
    try {
      for (int attempt = 1; attempt <= maxAttempts; attempt++) {
        String error = attempt(d, target, secret);
        if (error == null) {
          LOG.debug("Webhook delivery {} to {} delivered on attempt {}", d.id, name, attempt);
          finish(d, State.DELIVERED, null);
          return;
        }
        LOG.debug("Webhook delivery {} to {} attempt {} of {} failed: {}", d.id, name, attempt,
            maxAttempts, error);
        synchronized (lock) {
          d.lastError = error;
        }
        if (attempt < maxAttempts) {
          sleeper.sleep(baseBackoff.multipliedBy(1L << (attempt - 1)));
        }
      }
      LOG.warn("Webhook delivery {} to {} failed after {} attempts", d.id, name, maxAttempts);
      finish(d, State.FAILED, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      finish(d, State.FAILED, "the dispatcher was closed during delivery");
    }
  }

  /** One signed POST; null when a 2xx came back in time, else what went wrong. */
  private String attempt(Tracked d, URI target, String secret) throws InterruptedException {
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest request = HttpRequest.newBuilder(target)
        .timeout(replyTimeout)
        .header("Content-Type", "application/json")
        .header("User-Agent", USER_AGENT)
        .header("X-Frameio-Request-Timestamp", Long.toString(timestamp))
        .header("X-Frameio-Signature", signature(secret, timestamp, d.body))
        .POST(HttpRequest.BodyPublishers.ofString(d.body, StandardCharsets.UTF_8))
        .build();
    synchronized (lock) {
      d.attempts++;
    }
    CompletableFuture<HttpResponse<Void>> reply =
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    // The whole reply, body included, must come within the timeout, as on Frame.io.
    CompletableFuture<?> expired = replyTimer.start(replyTimeout);
    try {
      CompletableFuture.anyOf(reply, expired).get();
    } catch (ExecutionException e) {
      // the reply failed: told below
    } catch (InterruptedException e) {
      reply.cancel(true);
      throw e;
    }
    if (!reply.isDone()) {
      reply.cancel(true);
      return "no reply within " + replyTimeout.toMillis() + " ms";
    }
    try {
      int status = reply.get().statusCode();
      synchronized (lock) {
        d.lastStatus = status;
      }
      return status >= 200 && status < 300 ? null : "HTTP " + status;
    } catch (ExecutionException e) {
      return e.getCause() instanceof java.net.http.HttpTimeoutException
          ? "no reply within " + replyTimeout.toMillis() + " ms"
          : RemoteSourceFetcher.describe(e.getCause());
    }
  }

  /**
   * Ends one attempt's wait for its reply: the attempt fails when the future {@link #start}
   * returns completes before the reply. Frame.io's timer is real time; a test ends attempts when
   * it chooses, so a slow machine cannot make a prompt reply late.
   */
  @FunctionalInterface
  interface ReplyTimer {
    /** A timer that fires {@code timeout} from now, in real time. */
    ReplyTimer REAL_TIME = timeout ->
        new CompletableFuture<Void>().completeOnTimeout(null, timeout.toNanos(), TimeUnit.NANOSECONDS);

    /** Starts the timer of one attempt that may wait {@code timeout} for its reply. */
    CompletableFuture<?> start(Duration timeout);
  }

  private void finish(Tracked d, State state, String error) {
    synchronized (lock) {
      if (d.state == State.PENDING) {
        d.finish(state, error);
        pending--;
        lock.notifyAll();
      }
    }
  }

  private static URI target(String url) {
    try {
      URI uri = new URI(url);
      boolean http = "http".equalsIgnoreCase(uri.getScheme())
          || "https".equalsIgnoreCase(uri.getScheme());
      return http && uri.getHost() != null ? uri : null;
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  /** Mutable delivery state, guarded by the dispatcher's lock. */
  private static final class Tracked {
    final long id;
    final String url;
    final String body;
    int attempts;
    int lastStatus = -1;
    State state = State.PENDING;
    String lastError;

    Tracked(long id, String url, String body) {
      this.id = id;
      this.url = url;
      this.body = body;
    }

    void finish(State newState, String error) {
      state = newState;
      if (error != null) {
        lastError = error;
      } else if (newState == State.DELIVERED) {
        lastError = null;
      }
    }

    WebhookDelivery snapshot() {
      return new WebhookDelivery(id, url, body, attempts, lastStatus, state, lastError);
    }
  }
}
