package io.postflow.frameio.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SmallHttpServerTest {
  final List<String> refusals = new CopyOnWriteArrayList<>();

  SmallHttpServer start(SmallHttpServer.Handler handler) throws IOException {
    return SmallHttpServer.builder().maxBodyBytes(100).maxHeadBytes(256)
        .requestTimeout(Duration.ofSeconds(5)).handler(handler)
        .refusals((client, reason) -> refusals.add(reason)).start();
  }

  static String exchange(SmallHttpServer server, String request) throws IOException {
    try (Socket socket = new Socket(server.address().getAddress(), server.address().getPort())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void answersOnceAndCloses_withTheBodyAndHeadersGiven() throws Exception {
    try (SmallHttpServer server = start(request -> SmallHttpResponse.text(200,
        request.method() + " " + request.rawPath() + " " + request.rawQuery() + " "
            + request.header("x-A") + " " + new String(request.body(), StandardCharsets.UTF_8)))) {
      String answer = exchange(server, "POST /p%20q?a=1 HTTP/1.1\r\nX-a: v\r\nContent-Length: 3"
          + "\r\n\r\nabc");
      assertThat(answer).isEqualTo("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n"
          + "Content-Length: 22\r\nConnection: close\r\n\r\nPOST /p%20q a=1 v abc\n");
      assertThat(refusals).isEmpty();
    }
  }

  @Test
  void malformedAndOversizedRequests_areRefusedBeforeTheHandler() throws Exception {
    try (SmallHttpServer server = start(request -> {
      throw new AssertionError("handler reached with " + request);
    })) {
      assertThat(exchange(server, "GET / HTTP/1.1\r\nX: " + "y".repeat(300) + "\r\n\r\n"))
          .startsWith("HTTP/1.1 431 ");
      assertThat(exchange(server, "GET / HTTP/1.1\nHost: x\n\n")).startsWith("HTTP/1.1 400 ");
      assertThat(exchange(server, "GET / HTTP/2.0\r\n\r\n")).startsWith("HTTP/1.1 505 ");
      assertThat(exchange(server, "GET http://x/ HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400 ");
      assertThat(exchange(server, "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2"
          + "\r\n\r\nab")).startsWith("HTTP/1.1 400 ");
      assertThat(exchange(server, "POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"))
          .startsWith("HTTP/1.1 400 ");
      assertThat(exchange(server, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "65\r\n" + "x".repeat(101) + "\r\n0\r\n\r\n")).startsWith("HTTP/1.1 413 ");
      // Refused before its body is read; the client still reads the answer, not a reset.
      assertThat(exchange(server, "POST / HTTP/1.1\r\nContent-Length: 5000\r\n\r\n"
          + "z".repeat(5000))).startsWith("HTTP/1.1 413 ");
      assertThat(refusals).hasSize(8).contains("request head larger than 256 bytes",
          "bare CR or LF in the request head", "body larger than 100 bytes");
    }
  }

  @Test
  void aFailingHandler_isA500_andTheServerGoesOn() throws Exception {
    try (SmallHttpServer server = start(request -> {
      if (request.rawPath().equals("/bug")) {
        throw new IllegalStateException("bug");
      }
      return SmallHttpResponse.empty(200);
    })) {
      assertThat(exchange(server, "GET /bug HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 500 ");
      assertThat(exchange(server, "GET /ok HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 200 ");
    }
  }

  @Test
  void close_letsAnAnswerInProgressFinish_andDropsConnectionsStillReading() throws Exception {
    CountDownLatch handling = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    SmallHttpServer server = start(request -> {
      handling.countDown();
      try {
        release.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return SmallHttpResponse.empty(200);
    });
    try (Socket answering = new Socket(server.address().getAddress(), server.address().getPort());
        Socket reading = new Socket(server.address().getAddress(), server.address().getPort())) {
      answering.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      reading.getOutputStream().write("GET / HT".getBytes(StandardCharsets.US_ASCII));
      assertThat(handling.await(5, TimeUnit.SECONDS)).isTrue();
      answering.setSoTimeout(5000);
      reading.setSoTimeout(5000);

      Thread closer = new Thread(() -> server.close(Duration.ofSeconds(5)));
      closer.start();
      assertThat(reading.getInputStream().read()).as("dropped at once").isEqualTo(-1);
      release.countDown();
      assertThat(new String(answering.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
          .startsWith("HTTP/1.1 200 OK");
      closer.join(5000);
      assertThat(closer.isAlive()).isFalse();
      assertThat(server.connectionCount()).isZero();
    }
  }
}
