package io.postflow.frameio.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.frameio.auth.LogCapture;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the receiver must withstand from the network: a close mid-burst, stalls, forgeries. */
class WebhookReceiverHardeningTest {
  static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  final WebhookVerifier verifier = WebhookVerifier.builder().secret(WebhookReceiverTest.SECRET)
      .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
  final List<Socket> stalled = new ArrayList<>();
  final ExecutorService clients = Executors.newFixedThreadPool(8);

  @AfterEach
  void cleanUp() throws IOException {
    clients.shutdownNow();
    for (Socket socket : stalled) {
      socket.close();
    }
  }

  static String event(String fileId) {
    return WebhookReceiverTest.EVENT.replace("f-9", fileId);
  }

  HttpResponse<String> postSigned(URI uri, String body, Duration timeout) throws Exception {
    String ts = Long.toString(NOW.getEpochSecond());
    return http.send(HttpRequest.newBuilder(uri).timeout(timeout)
        .header(WebhookVerifier.TIMESTAMP_HEADER, ts)
        .header(WebhookVerifier.SIGNATURE_HEADER,
            verifier.signatureHeader(ts, body.getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Opens a connection, sends {@code start} of a request and then nothing more. */
  Socket stall(URI uri, String start) throws IOException {
    Socket socket = new Socket();
    stalled.add(socket);
    socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
    if (!start.isEmpty()) {
      socket.getOutputStream().write(start.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
    }
    return socket;
  }

  @Test
  void close_duringABurst_neverLosesAnEventThatWasAnswered200() throws Exception {
    // Frame.io does not resend what was answered 200: every such event must reach the listener,
    // even when close() comes while deliveries are queued and gives the listener no grace at all.
    Set<String> delivered = ConcurrentHashMap.newKeySet();
    Set<String> answered200 = ConcurrentHashMap.newKeySet();
    CountDownLatch someDelivered = new CountDownLatch(30);
    WebhookReceiver receiver = WebhookReceiver.builder().verifier(verifier)
        .closeTimeout(Duration.ZERO)
        .listener(e -> {
          delivered.add(e.resourceId());
          someDelivered.countDown();
          try {
            Thread.sleep(5); // a listener with some work to do: deliveries queue up behind it
          } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
          }
        }).build().start();
    URI uri = receiver.uri();
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> senders = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      senders.add(clients.submit(() -> {
        for (int i = next.getAndIncrement(); i < 200; i = next.getAndIncrement()) {
          String id = "f-" + i;
          try {
            if (postSigned(uri, event(id), Duration.ofSeconds(5)).statusCode() == 200) {
              answered200.add(id);
            }
          } catch (IOException e) {
            // refused once closed: Frame.io would retry those later
          } catch (InterruptedException e) {
            return;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      }));
    }

    assertThat(someDelivered.await(10, TimeUnit.SECONDS)).isTrue();
    receiver.close();
    for (Future<?> sender : senders) {
      sender.get(20, TimeUnit.SECONDS);
    }

    assertThat(answered200).hasSizeGreaterThanOrEqualTo(25);
    Set<String> lost = new java.util.TreeSet<>(answered200);
    lost.removeAll(delivered);
    assertThat(lost).as("answered 200 but never given to the listener").isEmpty();
  }

  @Test
  void fiftyStalledConnections_doNotDelayValidDeliveries() throws Exception {
    // Frame.io gives up after 5 s; stalled connections (half a head, or a head and half a body)
    // must not take the threads that answer it.
    BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    try (WebhookReceiver receiver = WebhookReceiver.builder().verifier(verifier)
        .listener(e -> seen.add(e.resourceId())).build().start()) {
      URI uri = receiver.uri();
      assertThat(postSigned(uri, event("warm-up"), Duration.ofSeconds(10)).statusCode())
          .as("classes loaded before the clock starts").isEqualTo(200);
      for (int i = 0; i < 50; i++) {
        stall(uri, i % 2 == 0 ? "POST / HTTP/1.1\r\nHost: x\r\n"
            : "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 900\r\n\r\n{\"type\":");
      }

      for (int i = 0; i < 5; i++) {
        long started = System.nanoTime();
        HttpResponse<String> response = postSigned(uri, event("ok-" + i), Duration.ofSeconds(3));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(millis).as("answered within 1 s while 50 connections stall").isLessThan(1000);
      }
      List<String> delivered = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        delivered.add(seen.poll(5, TimeUnit.SECONDS));
      }
      assertThat(delivered).containsExactly("warm-up", "ok-0", "ok-1", "ok-2", "ok-3", "ok-4");
    }
  }

  @Test
  void twoThousandForgedDeliveries_logABoundedNumberOfLines_andAreAllCounted() throws Exception {
    // Anyone who can reach the endpoint can send unsigned requests: each one must not cost a log
    // line, or the flood fills the disk and buries what matters.
    String logs;
    WebhookReceiver receiver;
    AtomicInteger refused = new AtomicInteger();
    try (LogCapture capture = LogCapture.atTrace(WebhookReceiver.class)) {
      receiver = WebhookReceiver.builder().verifier(verifier).listener(e -> { }).build().start();
      URI uri = receiver.uri();
      AtomicInteger next = new AtomicInteger();
      List<Future<?>> senders = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        senders.add(clients.submit(() -> {
          for (int i = next.getAndIncrement(); i < 2000; i = next.getAndIncrement()) {
            // Raw sockets: the JDK client's machinery would cost more than the server under test.
            String body = event("forged-" + i);
            try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
              socket.setSoTimeout(5000);
              write(socket.getOutputStream(), "POST / HTTP/1.1\r\nHost: x\r\n"
                  + WebhookVerifier.TIMESTAMP_HEADER + ": " + NOW.getEpochSecond() + "\r\n"
                  + WebhookVerifier.SIGNATURE_HEADER + ": v0=" + "0".repeat(64) + "\r\n"
                  + "Content-Length: " + body.length() + "\r\n\r\n" + body);
              if (readAll(socket.getInputStream()).startsWith("HTTP/1.1 401 ")) {
                refused.incrementAndGet();
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> sender : senders) {
        sender.get(60, TimeUnit.SECONDS);
      }
      receiver.close(); // writes the summary of what was not logged
      logs = capture.text();
    }

    assertThat(refused).hasValue(2000);
    assertThat(receiver.rejectedCount()).isEqualTo(2000);
    List<String> warnings = logs.lines().filter(line -> line.contains("WARN")).toList();
    assertThat(warnings).as(String.join("\n", warnings)).hasSize(RefusalLog.BURST + 1);
    assertThat(warnings.get(0)).contains("Refused a request from /127.0.0.1:")
        .contains("POST 401: signature does not match");
    assertThat(warnings.get(RefusalLog.BURST - 1))
        .contains("further refusals in the next 1 min are counted, not logged one by one");
    assertThat(warnings.get(RefusalLog.BURST))
        .contains("Refused 1995 more requests without logging each (2000 refused since start)");
  }

  @Test
  void aStalledConnection_isClosedAtTheRequestTimeout_andCounted() throws Exception {
    try (WebhookReceiver receiver = WebhookReceiver.builder().verifier(verifier)
        .requestTimeout(Duration.ofMillis(300)).listener(e -> { }).build().start()) {
      Socket socket = stall(receiver.uri(), "POST / HTTP/1.1\r\nHost: x\r\n");
      socket.setSoTimeout(5000);
      long started = System.nanoTime();

      assertThat(readQuietly(socket.getInputStream())).as("closed without an answer").isEmpty();
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
          .isBetween(200L, 3000L);
      awaitCount(receiver, 1);
    }
  }

  @Test
  void aConnectionTricklingItsHead_isClosedAtTheRequestTimeoutAllTheSame() throws Exception {
    // Each byte would reset a per-read timeout: the deadline counts from the connection's start.
    try (WebhookReceiver receiver = WebhookReceiver.builder().verifier(verifier)
        .requestTimeout(Duration.ofMillis(400)).listener(e -> { }).build().start()) {
      Socket socket = stall(receiver.uri(), "");
      OutputStream out = socket.getOutputStream();
      long started = System.nanoTime();
      long deadline = started + TimeUnit.SECONDS.toNanos(5);
      int sent = 0;
      try {
        while (System.nanoTime() < deadline) {
          out.write("POST / HTTP/1.1\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1)[sent % 25]);
          out.flush();
          sent++;
          Thread.sleep(40);
        }
      } catch (IOException closedByTheServer) {
        // expected
      }
      assertThat(System.nanoTime()).as("cut off before the 5 s the client would go on").isLessThan(deadline);
      awaitCount(receiver, 1);
    }
  }

  @Test
  void whenEveryConnectionIsTaken_theOldestStalledOneMakesRoom() throws Exception {
    BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    try (WebhookReceiver receiver = WebhookReceiver.builder().verifier(verifier)
        .maxConnections(4).requestTimeout(Duration.ofSeconds(30))
        .listener(e -> seen.add(e.resourceId())).build().start()) {
      URI uri = receiver.uri();
      assertThat(postSigned(uri, event("warm-up"), Duration.ofSeconds(10)).statusCode())
          .isEqualTo(200);
      for (int i = 0; i < 10; i++) {
        stall(uri, "POST / HTTP/1.1\r\n");
      }

      long started = System.nanoTime();
      assertThat(postSigned(uri, event("ok"), Duration.ofSeconds(3)).statusCode()).isEqualTo(200);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(1000);
      assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("warm-up");
      assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("ok");
      awaitCount(receiver, 7); // six stalled ones dropped for the others, one for the delivery
    }
  }

  @Test
  void whenEveryConnectionIsBeingAnswered_aNewOneIsClosed_andTheWaitingDeliveryStillSucceeds()
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch firstStarted = new CountDownLatch(1);
    BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    try (WebhookReceiver receiver = WebhookReceiver.builder().verifier(verifier)
        .maxConnections(1).deliveryTimeout(Duration.ofSeconds(10))
        .listener(e -> {
          firstStarted.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
          }
          seen.add(e.resourceId());
        }).build().start()) {
      URI uri = receiver.uri();
      assertThat(postSigned(uri, event("first"), Duration.ofSeconds(10)).statusCode())
          .as("answered once the listener has it, though it is still busy").isEqualTo(200);
      assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
      awaitConnections(receiver, 0);
      Future<HttpResponse<String>> second =
          clients.submit(() -> postSigned(uri, event("second"), Duration.ofSeconds(10)));
      awaitWaiting(receiver, 1); // the second waits for the busy listener, holding the only slot

      Socket third = stall(uri, "");
      third.setSoTimeout(5000);
      assertThat(readQuietly(third.getInputStream())).as("closed at once").isEmpty();
      release.countDown();

      assertThat(second.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("first");
      assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("second");
      awaitCount(receiver, 1);
    }
  }

  @Test
  void chunkedBodyWithExpectContinue_isAccepted_andAmbiguousFramingIsRefused() throws Exception {
    BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    try (WebhookReceiver receiver = WebhookReceiver.builder().verifier(verifier).path("/hooks")
        .listener(e -> seen.add(e.resourceId())).build().start()) {
      URI uri = receiver.uri();
      String body = event("chunked");
      String ts = Long.toString(NOW.getEpochSecond());
      String head = "POST /hooks HTTP/1.1\r\nHost: x\r\n" + WebhookVerifier.TIMESTAMP_HEADER + ": "
          + ts + "\r\n" + WebhookVerifier.SIGNATURE_HEADER + ": "
          + verifier.signatureHeader(ts, body.getBytes(StandardCharsets.UTF_8)) + "\r\n";
      try (Socket socket = stall(uri, head + "Transfer-Encoding: chunked\r\n"
          + "Expect: 100-continue\r\n\r\n")) {
        socket.setSoTimeout(5000);
        byte[] interim = socket.getInputStream().readNBytes(25);
        assertThat(new String(interim, StandardCharsets.ISO_8859_1))
            .isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
        int half = body.length() / 2;
        write(socket.getOutputStream(), Integer.toHexString(half) + "\r\n" + body.substring(0, half)
            + "\r\n" + Integer.toHexString(body.length() - half) + ";x=1\r\n"
            + body.substring(half) + "\r\n0\r\n\r\n");
        assertThat(readAll(socket.getInputStream())).startsWith("HTTP/1.1 200 OK\r\n");
      }
      assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("chunked");

      try (Socket socket = stall(uri, head + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n"
          + "\r\n0\r\n\r\n")) {
        socket.setSoTimeout(5000);
        assertThat(readAll(socket.getInputStream())).startsWith("HTTP/1.1 400 ");
      }
      try (Socket socket = stall(uri, "POST /other HTTP/1.1\r\nContent-Length: 0\r\n\r\n")) {
        socket.setSoTimeout(5000);
        assertThat(readAll(socket.getInputStream())).startsWith("HTTP/1.1 404 ");
      }
      awaitCount(receiver, 2);
    }
  }

  /** Waits (bounded) for the refusal count: refusals are counted on the connection's thread. */
  static void awaitCount(WebhookReceiver receiver, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (receiver.rejectedCount() < expected && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(receiver.rejectedCount()).isEqualTo(expected);
  }

  static void awaitConnections(WebhookReceiver receiver, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (receiver.connectionCount() != expected && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(receiver.connectionCount()).isEqualTo(expected);
  }

  static void awaitWaiting(WebhookReceiver receiver, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (receiver.waitingCount() != expected && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(receiver.waitingCount()).isEqualTo(expected);
  }

  /** What the server sent before closing; a reset counts as nothing sent. */
  static String readQuietly(InputStream in) {
    try {
      return readAll(in);
    } catch (IOException e) {
      return "";
    }
  }

  static String readAll(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }
}
