package io.postflow.lucidlink;

import java.time.Instant;
import io.postflow.testkit.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The daemon API client against a loopback fake on a port chosen at run time. */
class LucidDaemonEvidenceTest {
  private static final Path MOUNT = Path.of("/media/studio/production");
  private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicReference<String> body = new AtomicReference<>("{}");
  private final AtomicInteger status = new AtomicInteger(200);
  private HttpServer server;

  private LucidDaemonEvidence start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      requests.add(ex.getRequestURI().getRawPath() + "?" + ex.getRequestURI().getRawQuery());
      byte[] b = body.get().getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status.get(), b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    server.start();
    return evidence(server.getAddress().getPort());
  }

  private LucidDaemonEvidence evidence(int port) {
    // A generous timeout: on a loaded CI machine the first loopback request can take a while,
    // and a timeout would (rightly) read as "no evidence".
    return new LucidDaemonEvidence("127.0.0.1", port, "production.studio", MOUNT,
        Duration.ofSeconds(5), Duration.ofSeconds(30), clock);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void state_whenRemoteUploadYes_isSyncing_andAsksForThePathInsideTheFilespace() throws Exception {
    LucidDaemonEvidence e = start();
    body.set("{\"path\":\"/renders/a b.mov\",\"size\":0,\"remoteUpload\":\"yes\"}");
    assertThat(e.state(MOUNT.resolve("renders/a b.mov"))).isEqualTo(SyncEvidence.State.SYNCING);
    assertThat(requests).containsExactly("/v1/production.studio/files?path=%2Frenders%2Fa+b.mov");
    body.set("{\"remoteUpload\" : \"no\"}");
    assertThat(e.state(MOUNT.resolve("renders/a b.mov"))).isEqualTo(SyncEvidence.State.SYNCED);
  }

  @Test
  void watcher_holdsAStableFileWhileTheDaemonSaysRemoteUpload(@org.junit.jupiter.api.io.TempDir Path mount)
      throws Exception {
    start();
    LucidDaemonEvidence e = new LucidDaemonEvidence("127.0.0.1", server.getAddress().getPort(),
        "production.studio", mount, Duration.ofSeconds(5), Duration.ofSeconds(30), clock);
    ReadyRecorder ready = new ReadyRecorder();
    DirectoryWatcher w = DirectoryWatcher.builder().root(mount).fileEvents(false).listener(ready)
        .settleGate(SettleGate.builder().settleTime(Duration.ofSeconds(10)).clock(clock)
            .syncEvidence(e).build())
        .build();
    java.nio.file.Files.write(mount.resolve("from_paris.mov"), new byte[64]);
    body.set("{\"remoteUpload\":\"yes\"}");
    w.scanNow();
    clock.advance(Duration.ofSeconds(10));
    w.scanNow();
    clock.advance(Duration.ofSeconds(10));
    w.scanNow();
    assertThat(ready.files()).isEmpty();
    body.set("{\"remoteUpload\":\"no\"}");
    clock.advance(Duration.ofSeconds(10));
    w.scanNow();
    assertThat(ready.paths()).containsExactly(mount.resolve("from_paris.mov"));
    assertThat(requests).hasSize(3).allMatch(r -> r.endsWith("path=%2Ffrom_paris.mov"));
  }

  @Test
  void state_whenAnswerIsUnexpectedOrAnError_isUnknown() throws Exception {
    LucidDaemonEvidence e = start();
    body.set("{\"size\":12}");
    assertThat(e.state(MOUNT.resolve("a.mov"))).isEqualTo(SyncEvidence.State.UNKNOWN);
    status.set(404);
    body.set("{\"remoteUpload\":\"yes\"}");
    assertThat(e.state(MOUNT.resolve("a.mov"))).isEqualTo(SyncEvidence.State.UNKNOWN);
  }

  @Test
  void state_forAFileOutsideTheMount_isUnknownWithoutAsking() throws Exception {
    LucidDaemonEvidence e = start();
    assertThat(e.state(Path.of("/elsewhere/a.mov"))).isEqualTo(SyncEvidence.State.UNKNOWN);
    assertThat(requests).isEmpty();
  }

  @Test
  void state_whenDaemonHangs_isUnknownAfterTheTimeout_andBacksOffWithoutConnecting() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        List<java.net.Socket> open = new ArrayList<>(); // accepted, never answered
        try {
          while (true) {
            open.add(silent.accept());
            connections.incrementAndGet();
          }
        } catch (java.io.IOException closed) {
          open.forEach(sock -> {
            try {
              sock.close();
            } catch (java.io.IOException ignored) {
              // closing a test socket
            }
          });
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      LucidDaemonEvidence e = new LucidDaemonEvidence("127.0.0.1", silent.getLocalPort(),
          "production.studio", MOUNT, Duration.ofMillis(300), Duration.ofSeconds(30), clock);

      long start = System.nanoTime();
      assertThat(e.state(MOUNT.resolve("a.mov"))).isEqualTo(SyncEvidence.State.UNKNOWN);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      awaitValue(connections, 1);

      for (int i = 0; i < 100; i++) {
        assertThat(e.state(MOUNT.resolve("a.mov"))).isEqualTo(SyncEvidence.State.UNKNOWN);
      }
      assertThat(connections).as("backing off: no new connection").hasValue(1);

      clock.advance(Duration.ofSeconds(31));
      assertThat(e.state(MOUNT.resolve("a.mov"))).isEqualTo(SyncEvidence.State.UNKNOWN);
      awaitValue(connections, 2);
    }
  }

  /** The acceptor thread counts connections; give it a moment on a loaded machine. */
  private static void awaitValue(AtomicInteger value, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (value.get() < expected && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(value).hasValue(expected);
  }

  @Test
  void state_afterBackOffExpires_asksAgain() throws Exception {
    LucidDaemonEvidence e = start();
    int port = server.getAddress().getPort();
    server.stop(0);
    assertThat(e.state(MOUNT.resolve("a.mov"))).isEqualTo(SyncEvidence.State.UNKNOWN);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/", ex -> {
      byte[] b = "{\"remoteUpload\":\"yes\"}".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    server.start();
    assertThat(e.state(MOUNT.resolve("a.mov"))).as("still backing off").isEqualTo(SyncEvidence.State.UNKNOWN);
    clock.advance(Duration.ofSeconds(31));
    assertThat(e.state(MOUNT.resolve("a.mov"))).isEqualTo(SyncEvidence.State.SYNCING);
  }
}
