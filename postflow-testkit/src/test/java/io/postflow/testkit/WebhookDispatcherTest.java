package io.postflow.testkit;

import io.postflow.api.Sleeper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.postflow.testkit.WebhookDelivery.State;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Delivers to a loopback receiver that checks signatures itself and fails on request. */
class WebhookDispatcherTest {
  private static final String SECRET = "whsec_test_secret";
  private static final String BODY = "{\"type\":\"file.ready\",\"resource\":{\"id\":\"f1\",\"type\":\"file\"}}";
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** Back-offs are recorded; "sleeping" moves the clock instead of the test waiting. */
  private final ManualTime time = ManualTime.startingAt(Instant.parse("2026-03-01T10:00:00Z"));
  private final ManualClock clock = time.clock();
  private final Sleeper sleeper = time.sleeper();
  private final HttpClient http = HttpClient.newHttpClient();
  private Receiver receiver;
  private HttpServer server;
  private ExecutorService serverThreads;
  private String url;
  private WebhookDispatcher dispatcher;

  @BeforeEach
  void start() throws IOException {
    receiver = new Receiver();
    serverThreads = Executors.newCachedThreadPool();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hooks", receiver);
    server.setExecutor(serverThreads);
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/frameio?token=capability";
    dispatcher = dispatcher(Duration.ofSeconds(2));
  }

  @AfterEach
  void stop() {
    dispatcher.close();
    receiver.release.countDown();
    server.stop(0);
    serverThreads.shutdownNow();
  }

  private WebhookDispatcher dispatcher(Duration replyTimeout) {
    return new WebhookDispatcher(http, clock, replyTimeout, 5, Duration.ofSeconds(15), sleeper);
  }

  @Test
  void deliver_postsJsonSignedWithTheClocksTimestamp() throws Exception {
    dispatcher.deliver(url, SECRET, BODY);

    assertThat(dispatcher.awaitIdle(WAIT)).isTrue();
    Received r = receiver.received.get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.contentType()).isEqualTo("application/json");
    assertThat(r.body()).isEqualTo(BODY);
    assertThat(r.timestamp()).isEqualTo("1772359200");
    assertThat(r.signatureValid()).isTrue();
    assertThat(dispatcher.deliveries()).singleElement().satisfies(d -> {
      assertThat(d.delivered()).isTrue();
      assertThat(d.attempts()).isEqualTo(1);
      assertThat(d.lastStatus()).isEqualTo(204);
      assertThat(d.body()).isEqualTo(BODY);
      assertThat(d.url()).isEqualTo(url);
    });
  }

  @Test
  void signature_matchesAnIndependentHmac_andDiffersForAnotherSecret() throws Exception {
    String expected = Receiver.hmac(SECRET, "v0:1700000000:" + BODY);

    assertThat(WebhookDispatcher.signature(SECRET, 1_700_000_000L, BODY)).isEqualTo(expected);
    assertThat(WebhookDispatcher.signature("other", 1_700_000_000L, BODY)).isNotEqualTo(expected);
  }

  @Test
  void deliver_returnsAtOnce_whileTheReceiverIsStillThinking() throws Exception {
    receiver.script.put(0, Receiver.HANG);
    WebhookDispatcher slow = dispatcher(Duration.ofSeconds(30));
    try {
      slow.deliver(url, SECRET, BODY);

      // The receiver answers only once released: a deliver that waited for the reply could only
      // have returned after it, delivered.
      assertThat(slow.deliveries()).singleElement()
          .satisfies(d -> assertThat(d.state()).isEqualTo(State.PENDING));
      receiver.release.countDown();
      assertThat(slow.awaitIdle(WAIT)).isTrue();
      assertThat(slow.deliveries().get(0).delivered()).isTrue();
    } finally {
      slow.close();
    }
  }

  @Test
  void deliver_whenReceiverFailsTwice_retriesWithBackoffAndFreshSignatures() throws Exception {
    receiver.script.put(0, 500);
    receiver.script.put(1, 503);

    dispatcher.deliver(url, SECRET, BODY);

    assertThat(dispatcher.awaitIdle(WAIT)).isTrue();
    WebhookDelivery d = dispatcher.deliveries().get(0);
    assertThat(d.delivered()).isTrue();
    assertThat(d.attempts()).isEqualTo(3);
    assertThat(d.lastError()).isNull();
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(15), Duration.ofSeconds(30));
    assertThat(receiver.received).extracting(Received::timestamp)
        .containsExactly("1772359200", "1772359215", "1772359245");
    assertThat(receiver.received).allMatch(Received::signatureValid);
  }

  @Test
  void deliver_whenReceiverAlwaysFails_givesUpAfterFiveAttempts() throws Exception {
    receiver.defaultStatus = 500;

    dispatcher.deliver(url, SECRET, BODY);

    assertThat(dispatcher.awaitIdle(WAIT)).isTrue();
    WebhookDelivery d = dispatcher.deliveries().get(0);
    assertThat(d.state()).isEqualTo(State.FAILED);
    assertThat(d.attempts()).isEqualTo(5);
    assertThat(d.lastStatus()).isEqualTo(500);
    assertThat(d.lastError()).isEqualTo("HTTP 500");
    assertThat(receiver.received).hasSize(5);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(15), Duration.ofSeconds(30),
        Duration.ofSeconds(60), Duration.ofSeconds(120));
  }

  @Test
  void deliver_whenReplyIsSlowerThanTheTimeout_countsItAsFailedAndRetries() throws Exception {
    receiver.script.put(0, Receiver.HANG);
    // The first attempt's timer fires once its request hangs in the receiver; the second's never
    // does, so only the retry's prompt reply can end the delivery, however slow the machine.
    CompletableFuture<Void> firstTimerFires = new CompletableFuture<>();
    List<Duration> timersStarted = new CopyOnWriteArrayList<>();
    dispatcher.close();
    dispatcher = new WebhookDispatcher(http, clock, Duration.ofHours(1), 5, Duration.ofSeconds(15), sleeper,
        timeout -> {
          timersStarted.add(timeout);
          return timersStarted.size() == 1 ? firstTimerFires : new CompletableFuture<>();
        });

    dispatcher.deliver(url, SECRET, BODY);
    assertThat(receiver.hanging.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("first attempt reached the receiver").isTrue();
    assertThat(dispatcher.deliveries().get(0).state()).as("waiting for the late reply").isEqualTo(State.PENDING);
    firstTimerFires.complete(null);

    assertThat(dispatcher.awaitIdle(WAIT)).isTrue();
    WebhookDelivery d = dispatcher.deliveries().get(0);
    assertThat(d.delivered()).isTrue();
    assertThat(d.attempts()).isEqualTo(2);
    assertThat(receiver.received).hasSize(2);
    assertThat(timersStarted).containsExactly(Duration.ofHours(1), Duration.ofHours(1));
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(15));
  }

  @Test
  void deliver_whenNobodyListens_failsWithTheConnectionError() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }

    dispatcher.deliver("http://127.0.0.1:" + closedPort + "/gone", SECRET, BODY);

    assertThat(dispatcher.awaitIdle(WAIT)).isTrue();
    WebhookDelivery d = dispatcher.deliveries().get(0);
    assertThat(d.state()).isEqualTo(State.FAILED);
    assertThat(d.attempts()).isEqualTo(5);
    assertThat(d.lastStatus()).isEqualTo(-1);
    assertThat(d.lastError()).contains("ConnectException");
  }

  @Test
  void deliver_withUnusableUrl_recordsAFailureWithoutSending() throws Exception {
    dispatcher.deliver("ftp://example.com/x", SECRET, BODY);
    dispatcher.deliver("not a url", SECRET, BODY);

    assertThat(dispatcher.awaitIdle(WAIT)).isTrue();
    assertThat(dispatcher.deliveries()).allSatisfy(d -> {
      assertThat(d.state()).isEqualTo(State.FAILED);
      assertThat(d.attempts()).isZero();
      assertThat(d.lastError()).contains("not an absolute http(s) URI");
    });
    assertThatThrownBy(() -> dispatcher.deliver(url, null, BODY))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("secret");
  }

  @Test
  void deliver_fromManyThreads_deliversEachOnceInCallOrderIds() throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      for (int i = 0; i < 40; i++) {
        String body = "{\"n\":" + i + "}";
        callers.execute(() -> dispatcher.deliver(url, SECRET, body));
      }
      callers.shutdown();
      assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      callers.shutdownNow();
    }

    assertThat(dispatcher.awaitIdle(WAIT)).isTrue();
    List<WebhookDelivery> all = dispatcher.deliveries();
    assertThat(all).hasSize(40).allMatch(WebhookDelivery::delivered);
    assertThat(all).extracting(WebhookDelivery::id)
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 40).boxed().toList());
    assertThat(receiver.received).hasSize(40).allMatch(Received::signatureValid);
    assertThat(receiver.received).extracting(Received::body).doesNotHaveDuplicates();
  }

  @Test
  void close_interruptsRetriesMarksPendingFailed_andLeavesTheClientOpen() throws Exception {
    receiver.defaultStatus = 500;
    CountDownLatch sleeping = new CountDownLatch(1);
    WebhookDispatcher real = new WebhookDispatcher(http, clock, Duration.ofSeconds(2), 5,
        Duration.ofHours(1), d -> {
          sleeping.countDown();
          Sleeper.system().sleep(d);
        });
    real.deliver(url, SECRET, BODY);
    assertThat(sleeping.await(10, TimeUnit.SECONDS)).isTrue();

    long before = System.nanoTime();
    real.close();

    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(2));
    assertThat(real.deliveries()).singleElement().satisfies(d -> {
      assertThat(d.state()).isEqualTo(State.FAILED);
      assertThat(d.attempts()).isEqualTo(1);
      assertThat(d.lastError()).contains("closed");
    });
    real.deliver(url, SECRET, BODY);
    assertThat(real.deliveries().get(1).state()).isEqualTo(State.FAILED);
    assertThat(real.awaitIdle(Duration.ZERO)).isTrue();
    real.close(); // idempotent
    HttpResponse<Void> stillUsable = http.send(HttpRequest.newBuilder(URI.create(url))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    assertThat(stillUsable.statusCode()).isEqualTo(500);
  }

  @Test
  void constructor_withOutOfRangeArgument_namesIt() {
    assertThatThrownBy(() -> new WebhookDispatcher(http, clock, Duration.ZERO, 5,
        Duration.ofSeconds(1), sleeper)).hasMessageContaining("replyTimeout");
    assertThatThrownBy(() -> new WebhookDispatcher(http, clock, Duration.ofSeconds(1), 0,
        Duration.ofSeconds(1), sleeper)).hasMessageContaining("maxAttempts");
  }

  @Test
  void deliveryToString_hidesTheUrlQuery() {
    WebhookDelivery d = new WebhookDelivery(1, url, BODY, 1, 200, State.DELIVERED, null);

    assertThat(d.toString()).contains("/hooks/frameio?...").doesNotContain("capability");
  }

  // ---- the receiver ----

  record Received(String method, String contentType, String timestamp, String body,
      boolean signatureValid) {}

  /** Replies 204 unless scripted; verifies each signature with its own HMAC code. */
  static final class Receiver implements com.sun.net.httpserver.HttpHandler {
    static final int HANG = -1;
    final Map<Integer, Integer> script = new ConcurrentHashMap<>();
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger count = new AtomicInteger();
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch hanging = new CountDownLatch(1);
    volatile int defaultStatus = 204;

    @Override
    public void handle(HttpExchange ex) throws IOException {
      try (ex) {
        int index = count.getAndIncrement();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String ts = ex.getRequestHeaders().getFirst("X-Frameio-Request-Timestamp");
        String sig = ex.getRequestHeaders().getFirst("X-Frameio-Signature");
        boolean valid = ts != null && sig != null && sig.equals(hmac(SECRET, "v0:" + ts + ":" + body));
        received.add(new Received(ex.getRequestMethod(),
            ex.getRequestHeaders().getFirst("Content-Type"), ts, body, valid));
        int status = script.getOrDefault(index, defaultStatus);
        if (status == HANG) {
          hanging.countDown();
          release.await(10, TimeUnit.SECONDS);
          status = 204;
        }
        ex.sendResponseHeaders(status, -1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        // The dispatcher gave up on a hanging reply and closed the connection.
      }
    }

    static String hmac(String secret, String message) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "v0=" + HexFormat.of().formatHex(
            mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
