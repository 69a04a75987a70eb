package io.postflow.frameio.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.ConfigurationException;
import io.postflow.api.InvalidInputException;
import io.postflow.testkit.ManualTime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WebhookReceiverTest {
  static final String SECRET = "receiver-secret";
  static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  static final String EVENT = "{\"type\":\"file.ready\",\"resource\":{\"id\":\"f-9\",\"type\":\"file\"},"
      + "\"account\":{\"id\":\"acc\"},\"workspace\":{\"id\":\"ws\"},\"project\":{\"id\":\"prj\"},"
      + "\"user\":{\"id\":\"usr\"}}";

  final HttpClient http = HttpClient.newHttpClient();
  final WebhookVerifier verifier = WebhookVerifier.builder().secret(SECRET)
      .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();

  HttpResponse<String> post(URI uri, String body, String timestamp, String signature)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (timestamp != null) {
      request.header(WebhookVerifier.TIMESTAMP_HEADER, timestamp);
    }
    if (signature != null) {
      request.header(WebhookVerifier.SIGNATURE_HEADER, signature);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> postSigned(URI uri, String body, Instant at) throws Exception {
    String ts = Long.toString(at.getEpochSecond());
    return post(uri, body, ts, verifier.signatureHeader(ts, body.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Posts again on 503, as Frame.io does: the listener thread frees its queue slot only after the
   * listener returned, a moment after the test saw the event delivered.
   */
  HttpResponse<String> postSignedWhileBusy(URI uri, String body, Instant at) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    HttpResponse<String> response = postSigned(uri, body, at);
    while (response.statusCode() == 503 && System.nanoTime() < deadline) {
      Thread.sleep(5);
      response = postSigned(uri, body, at);
    }
    return response;
  }

  /** A listener that signals {@code started}, holds its thread until {@code release}, then records. */
  static WebhookListener blockingUntil(CountDownLatch started, CountDownLatch release,
      BlockingQueue<String> done) {
    return e -> {
      started.countDown();
      try {
        release.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
      }
      done.add(e.resourceId());
    };
  }

  @Test
  void signedPost_isAcknowledgedAndDeliveredParsed() throws Exception {
    BlockingQueue<WebhookEvent> events = new LinkedBlockingQueue<>();
    try (WebhookReceiver receiver = WebhookReceiver.builder().verifier(verifier)
        .path("/hooks/frameio").listener(events::add).build().start()) {
      assertThat(receiver.uri().getHost()).isEqualTo("127.0.0.1");

      HttpResponse<String> response = postSigned(receiver.uri(), EVENT, NOW);

      assertThat(response.statusCode()).isEqualTo(200);
      // No body: the answer is one TCP segment (the server also sets TCP_NODELAY), so Frame.io's
      // sender never waits out a delayed ACK. A time limit here could not tell 40 ms from load.
      assertThat(response.body()).isEmpty();
      WebhookEvent event = events.poll(5, TimeUnit.SECONDS);
      assertThat(event).isNotNull();
      assertThat(event.type()).isEqualTo("file.ready");
      assertThat(event.resourceId()).isEqualTo("f-9");
      assertThat(event.resourceType()).isEqualTo("file");
      assertThat(event.accountId()).contains("acc");
      assertThat(event.workspaceId()).contains("ws");
      assertThat(event.projectId()).contains("prj");
      assertThat(event.userId()).contains("usr");
      assertThat(event.rawBody()).isEqualTo(EVENT);
    }
  }

  @Test
  void secretAndClock_judgeTimestampsOnThatClock_andAClockBesideAVerifierIsRefused() throws Exception {
    ManualTime time = ManualTime.startingAt(NOW);
    BlockingQueue<WebhookEvent> events = new LinkedBlockingQueue<>();
    try (WebhookReceiver receiver = WebhookReceiver.builder().secret(SECRET).clock(time.clock())
        .listener(events::add).build().start()) {
      assertThat(postSigned(receiver.uri(), EVENT, NOW).statusCode()).isEqualTo(200);
      time.advance(Duration.ofMinutes(10));
      HttpResponse<String> stale = postSigned(receiver.uri(), EVENT.replace("f-9", "f-8"), NOW);
      assertThat(stale.statusCode()).isEqualTo(401);
      assertThat(stale.body()).contains("older than the allowed window");
    }
    assertThatThrownBy(() -> WebhookReceiver.builder().verifier(verifier).clock(time.clock())
        .listener(events::add).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'clock'");
  }

  @Test
  void badSignatureStaleReplayAndMissingHeaders_areRefusedWith401_andNotDelivered()
      throws Exception {
    BlockingQueue<WebhookEvent> events = new LinkedBlockingQueue<>();
    try (WebhookReceiver receiver = WebhookReceiver.builder().verifier(verifier)
        .listener(events::add).build().start()) {
      URI uri = receiver.uri();
      String ts = Long.toString(NOW.getEpochSecond());
      String good = verifier.signatureHeader(ts, EVENT.getBytes(StandardCharsets.UTF_8));

      assertThat(post(uri, EVENT.replace("f-9", "f-0"), ts, good).statusCode()).isEqualTo(401);
      HttpResponse<String> stale = postSigned(uri, EVENT, NOW.minus(Duration.ofMinutes(10)));
      assertThat(stale.statusCode()).isEqualTo(401);
      assertThat(stale.body()).contains("older than the allowed window");
      assertThat(post(uri, EVENT, null, null).statusCode()).isEqualTo(401);
      assertThat(post(uri, EVENT, ts, good).statusCode()).isEqualTo(200);
      assertThat(post(uri, EVENT, ts, good).body()).contains("replay");
      assertThat(events.poll(5, TimeUnit.SECONDS)).isNotNull();
      assertThat(events.poll(100, TimeUnit.MILLISECONDS)).isNull();
    }
  }

  @Test
  void signedButMalformedBody_is400_andOtherMethods405() throws Exception {
    try (WebhookReceiver receiver = WebhookReceiver.builder().verifier(verifier)
        .listener(e -> { }).build().start()) {
      HttpResponse<String> notJson = postSigned(receiver.uri(), "{not json", NOW);
      assertThat(notJson.statusCode()).isEqualTo(400);
      assertThat(notJson.body()).contains("webhook body").contains("not valid JSON");
      assertThat(postSigned(receiver.uri(), "{\"type\":\"file.ready\"}", NOW.plusSeconds(1)).body())
          .contains("[resource.id]");
      HttpResponse<String> get = http.send(HttpRequest.newBuilder(receiver.uri()).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(get.statusCode()).isEqualTo(405);
      assertThat(get.headers().firstValue("Allow")).contains("POST");
    }
  }

  @Test
  void oversizedBody_is413() throws Exception {
    try (WebhookReceiver receiver = WebhookReceiver.builder().verifier(verifier).maxBodyBytes(64)
        .listener(e -> { }).build().start()) {
      assertThat(postSigned(receiver.uri(), EVENT, NOW).statusCode()).isEqualTo(413);
    }
  }

  @Test
  void maxBodyBytesAtIntegerMax_stillAcceptsEvents() throws Exception {
    // maxBodyBytes + 1 overflowed to a negative read length and every delivery broke the connection.
    BlockingQueue<WebhookEvent> events = new LinkedBlockingQueue<>();
    try (WebhookReceiver receiver = WebhookReceiver.builder().verifier(verifier)
        .maxBodyBytes(Integer.MAX_VALUE).listener(events::add).build().start()) {
      assertThat(postSigned(receiver.uri(), EVENT, NOW).statusCode()).isEqualTo(200);
      assertThat(events.poll(5, TimeUnit.SECONDS)).isNotNull();
    }
  }

  @Test
  void failingListener_isLoggedAndLaterListenersAndEventsStillRun() throws Exception {
    BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    try (WebhookReceiver receiver = WebhookReceiver.builder().verifier(verifier)
        .listener(e -> {
          throw new IllegalStateException("listener bug");
        })
        .listener(e -> seen.add(e.resourceId())).build().start()) {
      assertThat(postSigned(receiver.uri(), EVENT, NOW).statusCode()).isEqualTo(200);
      assertThat(postSigned(receiver.uri(), EVENT.replace("f-9", "f-10"), NOW).statusCode())
          .isEqualTo(200);
      assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("f-9");
      assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("f-10");
    }
  }

  @Test
  void whenQueueFull_answers503_andAcceptsAgainOnceDrained() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    BlockingQueue<String> done = new LinkedBlockingQueue<>();
    try (WebhookReceiver receiver = WebhookReceiver.builder().verifier(verifier).queueCapacity(1)
        .listener(blockingUntil(started, release, done)).build().start()) {
      assertThat(postSigned(receiver.uri(), EVENT, NOW).statusCode()).isEqualTo(200);
      assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

      String busyEvent = EVENT.replace("f-9", "f-11");
      assertThat(postSigned(receiver.uri(), busyEvent, NOW).statusCode()).isEqualTo(503);
      release.countDown();
      assertThat(done.poll(5, TimeUnit.SECONDS)).isEqualTo("f-9");

      // Whether Frame.io re-signs a retry is unconfirmed: a byte-identical redelivery of the 503'd
      // event must be accepted, not refused as a replay; a second copy after that is one.
      HttpResponse<String> retry = postSignedWhileBusy(receiver.uri(), busyEvent, NOW);
      assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
      assertThat(done.poll(5, TimeUnit.SECONDS)).isEqualTo("f-11");
      assertThat(postSigned(receiver.uri(), busyEvent, NOW).statusCode()).isEqualTo(401);
      assertThat(postSignedWhileBusy(receiver.uri(), EVENT.replace("f-9", "f-12"),
          NOW.plusSeconds(1)).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void whenCallerExecutorRejects_the503dDeliveryRetriedWithTheSameSignature_isAccepted()
      throws Exception {
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    BlockingQueue<String> done = new LinkedBlockingQueue<>();
    java.util.concurrent.Executor rejectsOnce = task -> {
      if (calls.incrementAndGet() == 1) {
        throw new java.util.concurrent.RejectedExecutionException("full");
      }
      task.run();
    };
    try (WebhookReceiver receiver = WebhookReceiver.builder().verifier(verifier)
        .executor(rejectsOnce).listener(e -> done.add(e.resourceId())).build().start()) {
      assertThat(postSigned(receiver.uri(), EVENT, NOW).statusCode()).isEqualTo(503);

      assertThat(postSigned(receiver.uri(), EVENT, NOW).statusCode()).isEqualTo(200);
      assertThat(done.poll(5, TimeUnit.SECONDS)).isEqualTo("f-9");
    }
  }

  @Test
  void close_neverShutsDownACallerSuppliedExecutor_andStopsListening() throws Exception {
    ExecutorService callers = Executors.newSingleThreadExecutor();
    BlockingQueue<String> threads = new LinkedBlockingQueue<>();
    try {
      URI uri;
      try (WebhookReceiver receiver = WebhookReceiver.builder().verifier(verifier)
          .executor(callers).listener(e -> threads.add(Thread.currentThread().getName()))
          .build().start()) {
        uri = receiver.uri();
        assertThat(postSigned(uri, EVENT, NOW).statusCode()).isEqualTo(200);
        assertThat(threads.poll(5, TimeUnit.SECONDS)).startsWith("pool-");
      }
      assertThat(callers.isShutdown()).isFalse();
      assertThatThrownBy(() -> postSigned(uri, EVENT, NOW.plusSeconds(1)))
          .isInstanceOf(java.io.IOException.class);
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void build_namesTheMissingSetting() {
    assertThatThrownBy(() -> WebhookReceiver.builder().listener(e -> { }).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'secret'");
    assertThatThrownBy(() -> WebhookReceiver.builder().secret("s").build())
        .hasMessageContaining("'listener' is required");
    assertThatThrownBy(() -> WebhookReceiver.builder().secret("s").listener(e -> { })
        .path("hooks").build()).hasMessageContaining("'path' must start with '/'");
  }

  @Test
  void parse_reportsWhatIsMissing() {
    assertThatThrownBy(() -> WebhookEvent.parse("[]")).isInstanceOf(InvalidInputException.class)
        .hasMessage("webhook body: not a JSON object");
    assertThatThrownBy(() -> WebhookEvent.parse("{\"resource\":{\"id\":\"x\"}}"))
        .hasMessage("webhook body [type]: missing or not a string");
    WebhookEvent minimal = WebhookEvent.parse(
        "{\"type\":\"comment.created\",\"resource\":{\"id\":\"c1\",\"type\":\"comment\"}}");
    assertThat(minimal.projectId()).isEmpty();
    assertThat(minimal.resourceType()).isEqualTo("comment");
  }
}
