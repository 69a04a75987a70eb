package io.postflow.lucidlink;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The daemon API client against a loopback fake on a port chosen at run time. */
class LucidDaemonEvidenceTest {
  private static final Path MOUNT = Path.of("/media/studio/production");
  private final MutableClock clock = new MutableClock();
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
    return new LucidDaemonEvidence("127.0.0.1", port, "production.studio", MOUNT,
        Duration.ofMillis(500), Duration.ofSeconds(30), clock);
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
        "production.studio", mount, Duration.ofMillis(500), Duration.ofSeconds(30), clock);
    ReadyRecorder ready = new ReadyRecorder();
    DirectoryWatcher w = DirectoryWatcher.builder().root(mount).fileEvents(false).listener(ready)
        .settleGate(SettleGate.builder().settleTime(Duration.ofSeconds(10)).clock(clock)
            .syncEvidence(e).build())
        .build();
    java.nio.file.Files.write(mount.resolve("from_paris.mov"), new byte[64]);
    body.set("{\"remoteUpload\":\"yes\"}");
    w.scanNow();
    clock.advanceSeconds(10);
    w.scanNow();
    clock.advanceSeconds(10);
    w.scanNow();
    assertThat(ready.files()).isEmpty();
    body.set("{\"remoteUpload\":\"no\"}");
    clock.advanceSeconds(10);
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
  void state_whenDaemonIsDown_isUnknownQuickly_andBacksOff() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    LucidDaemonEvidence e = evidence(port);
    long start = System.nanoTime();
    assertThat(e.state(MOUNT.resolve("a.mov"))).isEqualTo(SyncEvidence.State.UNKNOWN);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));

    // Now a daemon appears on another port... the point is the same instance stays quiet:
    start = System.nanoTime();
    for (int i = 0; i < 100; i++) {
      assertThat(e.state(MOUNT.resolve("a.mov"))).isEqualTo(SyncEvidence.State.UNKNOWN);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
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
    clock.advanceSeconds(31);
    assertThat(e.state(MOUNT.resolve("a.mov"))).isEqualTo(SyncEvidence.State.SYNCING);
  }
}
