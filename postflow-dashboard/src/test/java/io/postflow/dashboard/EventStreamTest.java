package io.postflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Server-sent events: the framing, heartbeats, and a slow client dropped without holding up the others. */
class EventStreamTest {
  private HttpServer server;
  private ExecutorService threads;
  private EventStream stream;
  private URI url;

  @BeforeEach
  void setUp() throws Exception {
    stream = new EventStream(8, 4, Duration.ofMillis(200));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    threads = Executors.newCachedThreadPool();
    server.setExecutor(threads);
    server.createContext("/events", exchange -> stream.serve(exchange));
    server.start();
    url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/events");
  }

  @AfterEach
  void tearDown() {
    stream.close();
    server.stop(0);
    threads.shutdownNow();
  }

  @Test
  void frame_hasIdEventAndOneDataLinePerLine_endedByABlankLine() {
    assertThat(EventStream.frame(7, "change", "{\"a\":1}")).isEqualTo("id: 7\nevent: change\ndata: {\"a\":1}\n\n");
    assertThat(EventStream.frame(8, "note", "one\ntwo\r\nthree\rfour"))
        .isEqualTo("id: 8\nevent: note\ndata: one\ndata: two\ndata: three\ndata: four\n\n");
    assertThat(EventStream.frame(9, "empty", "")).isEqualTo("id: 9\nevent: empty\ndata: \n\n");
    assertThatThrownBy(() -> EventStream.frame(1, "two\nlines", "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aClient_getsTheRetryHint_theEventsInOrder_andHeartbeatsWhenIdle() throws Exception {
    try (Http.EventReader reader = new Http.EventReader(url)) {
      assertThat(reader.status).isEqualTo(200);
      assertThat(reader.contentType).startsWith("text/event-stream");
      assertThat(reader.until(": connected")).startsWith("retry: 2000\n");
      awaitClients(1);
      stream.publish("change", "{\"n\":1}");
      stream.publish("progress", "{\"n\":2}");
      assertThat(reader.until("data:")).endsWith("event: change\ndata: {\"n\":1}\n");
      assertThat(reader.until("data:")).endsWith("event: progress\ndata: {\"n\":2}\n");
      assertThat(reader.until(": heartbeat")).isNotNull();
    }
  }

  @Test
  void aClientThatStopsReading_isDropped_whileAnotherKeepsGettingEverything() throws Exception {
    try (Socket slow = new Socket()) {
      slow.setReceiveBufferSize(4096);
      slow.connect(server.getAddress());
      OutputStream request = slow.getOutputStream();
      request.write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      request.flush();
      awaitClients(1);
      try (Http.EventReader fast = new Http.EventReader(url)) {
        fast.until(": connected");
        awaitClients(2);
        String data = "x".repeat(2000);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int published = 0;
        // The slow socket is never read: once the kernel's buffers are full its queue fills up.
        while (stream.dropped() == 0) {
          assertThat(System.nanoTime()).as("the slow client is dropped in time").isLessThan(deadline);
          stream.publish("progress", data + published);
          published++;
          fast.until("data:");
        }
        assertThat(stream.clients()).isEqualTo(1);
        stream.publish("change", "after");
        assertThat(fast.until("data: after")).contains("event: change");
        assertThat(published).isGreaterThan(8);
      }
      // The dropped client's connection ends once its thread can write again: read it to the end.
      slow.setSoTimeout(10_000);
      InputStream in = slow.getInputStream();
      byte[] buffer = new byte[65536];
      while (in.read(buffer) >= 0) {
        // drain
      }
    }
  }

  @Test
  void beyondTheClientLimit_a503SaysWhy() throws Exception {
    Http.EventReader[] readers = new Http.EventReader[4];
    try {
      for (int i = 0; i < readers.length; i++) {
        readers[i] = new Http.EventReader(url);
        readers[i].until(": connected");
      }
      var refused = Http.get(url);
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.body()).contains("too many live connections");
    } finally {
      for (Http.EventReader reader : readers) {
        if (reader != null) {
          reader.close();
        }
      }
    }
  }

  private void awaitClients(int n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (stream.clients() != n) {
      assertThat(System.nanoTime()).as("%d clients connected in time", n).isLessThan(deadline);
      Thread.sleep(5);
    }
  }
}
