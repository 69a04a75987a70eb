package io.postflow.tunnel;

import io.postflow.testkit.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.ConfigurationException;
import io.postflow.api.Exposure;
import io.postflow.api.ExposureListener;
import io.postflow.api.ExposureOptions;
import io.postflow.api.UploadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpFileExposerTest {
  @TempDir Path dir;
  private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  private HttpFileExposer exposer;
  private Path file;
  private byte[] content;

  @BeforeEach
  void start() throws IOException {
    exposer = HttpFileExposer.builder().clock(clock).idleTimeout(Duration.ofSeconds(5)).build();
    content = new byte[100_000];
    new Random(1).nextBytes(content);
    file = dir.resolve("UNDLM_00042_v002.mov");
    Files.write(file, content);
  }

  @AfterEach
  void stop() {
    exposer.close();
  }

  private Path bigSparseFile() throws IOException {
    Path big = dir.resolve("big.mov");
    try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(big.toFile(), "rw")) {
      raf.setLength(512L << 20);
    }
    return big;
  }

  /** A GET whose head and first MiB have arrived, after which the client stops reading. */
  private static RawHttp startSlowDownload(HttpFileExposer server, Exposure e) throws IOException {
    RawHttp http = new RawHttp(server.localPort());
    http.send("GET " + e.url().getRawPath() + " HTTP/1.1\r\n\r\n");
    assertThat(http.read(true).status).isEqualTo(200);
    assertThat(http.input().readNBytes(1 << 20)).hasSize(1 << 20);
    return http;
  }

  /** The client can see the last byte before the server thread has counted it: wait briefly. */
  static void assertServed(Exposure e, long expected) throws InterruptedException {
    FakeAgents.eventually(java.time.Duration.ofSeconds(5), () -> e.bytesServed() >= expected);
    assertThat(e.bytesServed()).isEqualTo(expected);
  }

  private static String target(Exposure e) {
    return e.url().getRawPath();
  }

  @Test
  void get_whenExposed_servesWholeFileWithValidators() throws Exception {
    Exposure e = exposer.expose(file);
    assertThat(e.url().getHost()).isEqualTo("127.0.0.1");
    assertThat(e.url().getPort()).isEqualTo(exposer.localPort());
    RawHttp.Response r = RawHttp.once(exposer.localPort(), "GET", target(e));
    assertThat(r.status).isEqualTo(200);
    assertThat(r.body).isEqualTo(content);
    assertThat(r.header("Content-Length")).isEqualTo("100000");
    assertThat(r.header("Accept-Ranges")).isEqualTo("bytes");
    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    assertThat(r.header("ETag")).startsWith("\"").endsWith("\"");
    assertThat(r.header("Last-Modified")).endsWith("GMT");
    assertThat(r.header("Content-Disposition")).contains("filename=\"UNDLM_00042_v002.mov\"");
    assertServed(e, 100_000);
  }

  @Test
  void head_sendsHeadersWithoutBodyAndIgnoresRange() throws Exception {
    Exposure e = exposer.expose(file);
    try (RawHttp http = new RawHttp(exposer.localPort())) {
      http.send("HEAD " + target(e) + " HTTP/1.1\r\nHost: x\r\nRange: bytes=0-9\r\n\r\n");
      RawHttp.Response head = http.read(true);
      assertThat(head.status).isEqualTo(200);
      assertThat(head.header("Content-Length")).isEqualTo("100000");
      // The same connection still frames correctly: nothing was sent after the HEAD head.
      http.send("GET " + target(e) + " HTTP/1.1\r\nHost: x\r\nRange: bytes=0-9\r\n\r\n");
      RawHttp.Response get = http.read(false);
      assertThat(get.status).isEqualTo(206);
      assertThat(get.body).isEqualTo(Arrays.copyOfRange(content, 0, 10));
    }
    assertServed(e, 10);
  }

  @Test
  void range_single_suffix_and_open_areServedAs206() throws IOException {
    Exposure e = exposer.expose(file);
    RawHttp.Response mid = RawHttp.once(exposer.localPort(), "GET", target(e), "Range: bytes=1000-1999");
    assertThat(mid.status).isEqualTo(206);
    assertThat(mid.header("Content-Range")).isEqualTo("bytes 1000-1999/100000");
    assertThat(mid.body).isEqualTo(Arrays.copyOfRange(content, 1000, 2000));

    RawHttp.Response suffix = RawHttp.once(exposer.localPort(), "GET", target(e), "Range: bytes=-500");
    assertThat(suffix.header("Content-Range")).isEqualTo("bytes 99500-99999/100000");
    assertThat(suffix.body).isEqualTo(Arrays.copyOfRange(content, 99_500, 100_000));

    RawHttp.Response open = RawHttp.once(exposer.localPort(), "GET", target(e), "Range: bytes=99990-");
    assertThat(open.header("Content-Range")).isEqualTo("bytes 99990-99999/100000");

    RawHttp.Response past = RawHttp.once(exposer.localPort(), "GET", target(e), "Range: bytes=99990-200000");
    assertThat(past.header("Content-Range")).isEqualTo("bytes 99990-99999/100000");
  }

  @Test
  void range_whenUnsatisfiable_answers416WithSize() throws IOException {
    Exposure e = exposer.expose(file);
    RawHttp.Response r = RawHttp.once(exposer.localPort(), "GET", target(e), "Range: bytes=100000-");
    assertThat(r.status).isEqualTo(416);
    assertThat(r.header("Content-Range")).isEqualTo("bytes */100000");
    assertThat(e.bytesServed()).isZero();
  }

  @Test
  void multipleRanges_areCoalescedWhenTheyTouch_andIgnoredWhenDisjoint() throws IOException {
    Exposure e = exposer.expose(file);
    RawHttp.Response touching = RawHttp.once(exposer.localPort(), "GET", target(e), "Range: bytes=10-19, 0-9, 15-29");
    assertThat(touching.status).isEqualTo(206);
    assertThat(touching.header("Content-Range")).isEqualTo("bytes 0-29/100000");
    RawHttp.Response disjoint = RawHttp.once(exposer.localPort(), "GET", target(e), "Range: bytes=0-9, 50-59");
    assertThat(disjoint.status).isEqualTo(200);
    assertThat(disjoint.body).isEqualTo(content);
  }

  @Test
  void ifRange_sendsRangeOnlyWhenTheValidatorStillMatches() throws IOException {
    Exposure e = exposer.expose(file);
    String etag = RawHttp.once(exposer.localPort(), "HEAD", target(e)).header("ETag");
    String lastModified = RawHttp.once(exposer.localPort(), "HEAD", target(e)).header("Last-Modified");
    assertThat(RawHttp.once(exposer.localPort(), "GET", target(e), "Range: bytes=0-9", "If-Range: " + etag).status)
        .isEqualTo(206);
    assertThat(RawHttp.once(exposer.localPort(), "GET", target(e), "Range: bytes=0-9", "If-Range: " + lastModified).status)
        .isEqualTo(206);
    assertThat(RawHttp.once(exposer.localPort(), "GET", target(e), "Range: bytes=0-9", "If-Range: \"other\"").status)
        .isEqualTo(200);
    assertThat(RawHttp.once(exposer.localPort(), "GET", target(e), "Range: bytes=0-9", "If-Range: W/" + etag).status)
        .isEqualTo(200);
  }

  @Test
  void keepAlive_servesSeveralRequestsOnOneConnection() throws IOException {
    Exposure e = exposer.expose(file);
    try (RawHttp http = new RawHttp(exposer.localPort())) {
      // Pipelined: both heads in one write.
      http.send("GET " + target(e) + " HTTP/1.1\r\nRange: bytes=0-0\r\n\r\nGET " + target(e)
          + " HTTP/1.1\r\nRange: bytes=1-1\r\n\r\n");
      assertThat(http.read(false).body).containsExactly(content[0]);
      assertThat(http.read(false).body).containsExactly(content[1]);
      http.send("GET /nothing HTTP/1.1\r\n\r\n");
      assertThat(http.read(false).status).isEqualTo(404);
    }
  }

  @Test
  void get_whenFileChangedSinceExposure_refusesIt() throws IOException {
    Exposure e = exposer.expose(file);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
    assertThat(RawHttp.once(exposer.localPort(), "GET", target(e)).status).isEqualTo(410);
    Exposure second = exposer.expose(file);
    Files.write(file, new byte[] {1, 2, 3});
    assertThat(RawHttp.once(exposer.localPort(), "GET", target(second)).status).isEqualTo(410);
  }

  @Test
  void get_whenFileVanishedOrWasReplaced_refusesIt() throws IOException {
    Exposure e = exposer.expose(file);
    Path other = dir.resolve("other");
    Files.write(other, content);
    Files.setLastModifiedTime(other, Files.getLastModifiedTime(file));
    Files.move(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    // Same size, same mtime, different file: refused by identity.
    assertThat(RawHttp.once(exposer.localPort(), "GET", target(e)).status).isEqualTo(410);
    Files.delete(file);
    assertThat(RawHttp.once(exposer.localPort(), "GET", target(e)).status).isEqualTo(410);
  }

  @Test
  void get_afterExpiry_isGone() throws IOException {
    Exposure e = exposer.expose(file, ExposureOptions.builder().timeToLive(Duration.ofMinutes(10)).build(),
        ExposureListener.NONE);
    assertThat(e.expiresAt()).isEqualTo(Instant.parse("2026-01-01T00:10:00Z"));
    clock.advance(Duration.ofMinutes(9));
    assertThat(RawHttp.once(exposer.localPort(), "GET", target(e)).status).isEqualTo(200);
    clock.advance(Duration.ofMinutes(1));
    assertThat(RawHttp.once(exposer.localPort(), "GET", target(e)).status).isEqualTo(410);
  }

  @Test
  void expose_sweepsExposuresLongExpired_soTheRegistryStaysBounded_whileRecentlyExpiredOnesStayGone()
      throws IOException {
    // Before the fix an exposure that expired without being revoked stayed registered for the
    // exposer's life: a pipeline exposing thousands of files over days grew without bound.
    ExposureOptions tenMinutes = ExposureOptions.builder().timeToLive(Duration.ofMinutes(10)).build();
    Exposure first = exposer.expose(file, tenMinutes, ExposureListener.NONE);
    for (int i = 0; i < 299; i++) {
      exposer.expose(file, tenMinutes, ExposureListener.NONE);
    }
    clock.advance(Duration.ofMinutes(10));
    Exposure justExpired = exposer.expose(file, tenMinutes, ExposureListener.NONE);
    assertThat(exposer.exposureCount()).as("kept through the grace period").isEqualTo(301);
    assertThat(RawHttp.once(exposer.localPort(), "GET", target(first)).status).isEqualTo(410);

    clock.advance(HttpFileExposer.EXPIRED_KEPT.minusMinutes(1));
    Exposure fresh = exposer.expose(file, tenMinutes, ExposureListener.NONE);
    assertThat(exposer.exposureCount()).isEqualTo(302);
    clock.advance(Duration.ofMinutes(1));
    Exposure latest = exposer.expose(file, tenMinutes, ExposureListener.NONE);

    assertThat(exposer.exposureCount()).as("the 300 first ones are swept").isEqualTo(3);
    assertThat(RawHttp.once(exposer.localPort(), "GET", target(first)).status).isEqualTo(404);
    assertThat(RawHttp.once(exposer.localPort(), "GET", target(justExpired)).status).isEqualTo(410);
    assertThat(RawHttp.once(exposer.localPort(), "GET", target(fresh)).status).isEqualTo(200);
    assertThat(RawHttp.once(exposer.localPort(), "GET", target(latest)).status).isEqualTo(200);
  }

  @Test
  void get_afterRevokeOrClose_stopsWorking() throws IOException {
    Exposure revoked = exposer.expose(file);
    Exposure other = exposer.expose(file);
    revoked.revoke();
    revoked.revoke();
    assertThat(RawHttp.once(exposer.localPort(), "GET", target(revoked)).status).isEqualTo(404);
    assertThat(RawHttp.once(exposer.localPort(), "GET", target(other)).status).isEqualTo(200);
    assertThat(exposer.exposureCount()).isEqualTo(1);
    exposer.close();
    assertThat(exposer.exposureCount()).isZero();
    assertThatThrownBy(() -> RawHttp.once(exposer.localPort(), "GET", target(other))).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> exposer.expose(file)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void maxDownloads_limitsGetsButNotHeads() throws IOException {
    Exposure e = exposer.expose(file, ExposureOptions.builder().maxDownloads(2).build(), ExposureListener.NONE);
    assertThat(RawHttp.once(exposer.localPort(), "HEAD", target(e)).status).isEqualTo(200);
    assertThat(RawHttp.once(exposer.localPort(), "GET", target(e), "Range: bytes=0-9").status).isEqualTo(206);
    assertThat(RawHttp.once(exposer.localPort(), "GET", target(e)).status).isEqualTo(200);
    assertThat(RawHttp.once(exposer.localPort(), "GET", target(e)).status).isEqualTo(410);
  }

  @Test
  void listener_isToldEveryChunkAndEveryStatus_andItsFailuresDoNotBreakServing() throws Exception {
    List<long[]> chunks = new CopyOnWriteArrayList<>();
    List<Integer> statuses = new CopyOnWriteArrayList<>();
    AtomicLong total = new AtomicLong();
    Exposure e = exposer.expose(file, ExposureOptions.ofDefaults(), new ExposureListener() {
      @Override
      public void onBytesServed(Exposure exposure, long offset, long count) {
        chunks.add(new long[] {offset, count});
        total.addAndGet(count);
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void onRequest(Exposure exposure, String method, int status) {
        statuses.add(status);
      }
    });
    assertThat(RawHttp.once(exposer.localPort(), "GET", target(e), "Range: bytes=500-").body).hasSize(99_500);
    RawHttp.once(exposer.localPort(), "GET", target(e), "Range: bytes=999999-");
    assertServed(e, 99_500);
    assertThat(chunks).hasSize(1);
    assertThat(chunks.get(0)).containsExactly(500, 99_500);
    assertThat(statuses).containsExactly(206, 416);
    assertThat(e.bytesServed()).isEqualTo(total.get()).isEqualTo(99_500);
  }

  @Test
  void requestHead_largerThanTheLimit_is431() throws IOException {
    Exposure e = exposer.expose(file);
    RawHttp.Response r = RawHttp.once(exposer.localPort(), "GET", target(e), "X-Big: " + "a".repeat(9000));
    assertThat(r.status).isEqualTo(431);
  }

  @Test
  void requestWithBody_isRejected() throws IOException {
    Exposure e = exposer.expose(file);
    assertThat(RawHttp.once(exposer.localPort(), "GET", target(e), "Content-Length: 5").status).isEqualTo(400);
    assertThat(RawHttp.once(exposer.localPort(), "GET", target(e), "Transfer-Encoding: chunked").status).isEqualTo(400);
  }

  @Test
  void connections_beyondTheLimit_areAnswered503_whenNoneIsWaitingForARequest() throws Exception {
    try (HttpFileExposer small = HttpFileExposer.builder().maxConnections(1).build();
        RawHttp first = startSlowDownload(small, small.expose(bigSparseFile()))) {
      // The one slot is busy answering (the client stopped reading): nobody to let go.
      assertThat(RawHttp.once(small.localPort(), "GET", "/x").status).isEqualTo(503);
    }
  }

  @Test
  void connections_beyondTheLimit_takeTheSlotOfAnIdleKeepAliveConnection() throws IOException {
    try (HttpFileExposer small = HttpFileExposer.builder().maxConnections(1).build();
        RawHttp first = new RawHttp(small.localPort())) {
      first.send("GET /x HTTP/1.1\r\n\r\n");
      assertThat(first.read(false).status).isEqualTo(404); // accepted, answered
      // The client can read its answer a moment before the server marks the connection idle
      // again; a newcomer in that moment finds only a busy connection (503). Wait for "idle".
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
      while (small.waitingConnections() < 1 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(small.waitingConnections()).as("the first connection is idle").isEqualTo(1);
      assertThat(RawHttp.once(small.localPort(), "GET", "/x").status).isEqualTo(404);
      assertThat(first.read(false)).as("the idle connection was let go").isNull();
    }
  }

  @Test
  void idleConnection_isClosedAfterTheIdleTimeout() throws IOException {
    try (HttpFileExposer quick = HttpFileExposer.builder().idleTimeout(Duration.ofMillis(200)).build();
        RawHttp http = new RawHttp(quick.localPort())) {
      http.send("GET /x HTT"); // half a request, then silence
      long start = System.nanoTime();
      assertThat(http.read(false)).isNull();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void stalledReader_isDisconnectedAfterTheIdleTimeout() throws Exception {
    Path big = bigSparseFile();
    try (HttpFileExposer quick = HttpFileExposer.builder().idleTimeout(Duration.ofMillis(300)).build();
        RawHttp http = new RawHttp(quick.localPort())) {
      Exposure e = quick.expose(big);
      http.send("GET " + e.url().getRawPath() + " HTTP/1.1\r\n\r\n");
      assertThat(http.read(true).status).isEqualTo(200);
      // Stop reading: the server blocks in sendfile, then gives up and closes the connection.
      assertThat(FakeAgents.eventually(Duration.ofSeconds(60), () -> quick.openConnections() == 0))
          .as("the stalled connection was closed by the server").isTrue();
      long got = http.input().transferTo(java.io.OutputStream.nullOutputStream());
      assertThat(got).isLessThan(512L << 20);
    }
  }

  @Test
  void slowButSteadyReader_isNotMistakenForAnIdleOne() throws Exception {
    // A client reading ~2 MiB/s (a slow tunnel) never pauses for anything near the idle timeout,
    // yet a 4 MiB chunk takes it longer than that. Before the fix the idle clock only moved when a
    // whole chunk had gone out, and such a download was cut at its second chunk, every time.
    Path slow = dir.resolve("slow.mov");
    try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(slow.toFile(), "rw")) {
      raf.setLength(10L << 20);
    }
    try (HttpFileExposer quick = HttpFileExposer.builder().idleTimeout(Duration.ofMillis(1000)).build();
        java.net.Socket socket = new java.net.Socket()) {
      Exposure e = quick.expose(slow);
      socket.setReceiveBufferSize(32 << 10);
      socket.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), quick.localPort()));
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET " + target(e) + " HTTP/1.1\r\nConnection: close\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      java.io.InputStream in = socket.getInputStream();
      byte[] block = new byte[32 << 10];
      long total = 0;
      int n;
      while ((n = in.read(block)) > 0) {
        total += n;
        Thread.sleep(10);
      }
      // The head is a few hundred bytes; the body must be all there.
      assertThat(total).isGreaterThan(10L << 20);
      assertServed(e, 10L << 20);
    }
  }

  @Test
  void expose_whenFileMissingOrADirectory_throwsNamingIt() {
    assertThatThrownBy(() -> exposer.expose(dir.resolve("missing.mov")))
        .isInstanceOf(UploadException.class).hasMessageStartingWith("missing.mov:");
    assertThatThrownBy(() -> exposer.expose(dir)).isInstanceOf(UploadException.class)
        .hasMessageContaining("not a regular file");
  }

  @Test
  void exposure_neverShowsItsTokenInToString() {
    Exposure e = exposer.expose(file);
    String token = e.url().getRawPath().split("/")[2];
    assertThat(token).hasSize(22);
    assertThat(e.toString()).doesNotContain(token).contains("UNDLM_00042_v002.mov");
    assertThat(exposer.expose(file).url()).isNotEqualTo(e.url());
  }

  @Test
  void fileNames_withSpacesAndUnicode_areEncodedInUrlAndDisposition() throws IOException {
    Path odd = dir.resolve("shot 42 é\".mov");
    Files.write(odd, content);
    Exposure e = exposer.expose(odd);
    assertThat(e.url().getRawPath()).endsWith("/shot%2042%20%C3%A9%22.mov");
    RawHttp.Response r = RawHttp.once(exposer.localPort(), "GET", target(e));
    assertThat(r.status).isEqualTo(200);
    assertThat(r.header("Content-Disposition"))
        .isEqualTo("attachment; filename=\"shot 42 __.mov\"; filename*=UTF-8''shot%2042%20%C3%A9%22.mov");
  }

  @Test
  void close_whileTransferring_cutsTheTransferShortAndReturnsPromptly() throws Exception {
    Path big = bigSparseFile();
    Exposure e = exposer.expose(big);
    try (RawHttp http = startSlowDownload(exposer, e)) {
      long start = System.nanoTime();
      exposer.close();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
      long rest = http.input().transferTo(java.io.OutputStream.nullOutputStream());
      assertThat((1L << 20) + rest).isLessThan(512L << 20);
    }
  }

  @Test
  void revoke_whileTransferringToAStalledClient_cutsTheTransferAtOnce() throws Exception {
    Path big = bigSparseFile();
    Exposure e = exposer.expose(big);
    try (RawHttp http = startSlowDownload(exposer, e)) {
      long start = System.nanoTime();
      e.revoke(); // the server thread is blocked writing: nobody reads
      long rest = http.input().transferTo(java.io.OutputStream.nullOutputStream());
      assertThat((1L << 20) + rest).isLessThan(512L << 20);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }
  }

  @Test
  void fileChangingMidTransfer_endsTheResponseShort() throws Exception {
    Path big = bigSparseFile();
    Exposure e = exposer.expose(big);
    try (RawHttp http = startSlowDownload(exposer, e)) {
      Files.setLastModifiedTime(big, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
      long rest = http.input().transferTo(java.io.OutputStream.nullOutputStream());
      // At most the chunk in flight (and socket buffers) after the change; never the whole file.
      assertThat((1L << 20) + rest).isLessThan(64L << 20);
    }
  }

  @Test
  void http10_withoutKeepAlive_closesAfterTheResponse() throws IOException {
    Exposure e = exposer.expose(file);
    try (RawHttp http = new RawHttp(exposer.localPort())) {
      http.send("GET " + target(e) + " HTTP/1.0\r\nRange: bytes=0-4\r\n\r\n");
      RawHttp.Response r = http.read(false);
      assertThat(r.status).isEqualTo(206);
      assertThat(r.header("Connection")).isEqualTo("close");
      assertThat(http.read(false)).isNull();
    }
  }

  @Test
  void unsupportedHttpVersion_is505_andGarbageIs400() throws IOException {
    try (RawHttp http = new RawHttp(exposer.localPort())) {
      http.send("GET / HTTP/2.0\r\n\r\n");
      assertThat(http.read(false).status).isEqualTo(505);
    }
    try (RawHttp http = new RawHttp(exposer.localPort())) {
      http.send("GET  / HTTP/1.1\r\n\r\n");
      assertThat(http.read(false).status).isEqualTo(400);
    }
    try (RawHttp http = new RawHttp(exposer.localPort())) {
      http.send("GET / HTTP/1.1\r\nX-Folded: a\r\n b\r\n\r\n");
      assertThat(http.read(false).status).isEqualTo(400);
    }
  }

  @Test
  void bareLineFeeds_areAnswered400AtOnce_notLeftWaitingForTheIdleTimeout() throws IOException {
    Exposure e = exposer.expose(file);
    for (String head : new String[] {
        "GET " + target(e) + " HTTP/1.1\n\n",
        "GET " + target(e) + " HTTP/1.1\r\nHost: x\n\r\n",
        "GET " + target(e) + " HTTP/1.1\r\nHost: x\r\r\n\r\n"}) {
      try (RawHttp http = new RawHttp(exposer.localPort())) {
        long start = System.nanoTime();
        http.send(head);
        RawHttp.Response r = http.read(false);
        assertThat(r).as(head).isNotNull();
        assertThat(r.status).as(head).isEqualTo(400);
        assertThat(r.body).isNotEqualTo(content);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as(head).isLessThan(Duration.ofSeconds(4));
      }
    }
  }

  @Test
  void build_whenThePortIsTaken_failsWithoutLeakingASocket() throws IOException {
    Path fds = Path.of("/proc/self/fd");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fds), "needs /proc (Linux)");
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      long before;
      try (var list = Files.list(fds)) {
        before = list.count();
      }
      for (int i = 0; i < 50; i++) {
        assertThatThrownBy(() -> HttpFileExposer.builder().port(taken.getLocalPort()).build())
            .isInstanceOf(io.postflow.api.TunnelException.class).hasMessageContaining("cannot listen");
      }
      long after;
      try (var list = Files.list(fds)) {
        after = list.count();
      }
      // Before the fix every failed bind left its channel open: 50 more descriptors.
      assertThat(after - before).isLessThan(10);
    }
  }

  @Test
  void builder_rejectsBadSettings_namingTheSetting() {
    assertThatThrownBy(() -> HttpFileExposer.builder().port(70000).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'port'");
    assertThatThrownBy(() -> HttpFileExposer.builder().maxConnections(0).build())
        .hasMessageContaining("'maxConnections'");
    assertThatThrownBy(() -> HttpFileExposer.builder().maxHeaderBytes(10).build())
        .hasMessageContaining("'maxHeaderBytes'");
    assertThatThrownBy(() -> HttpFileExposer.builder().idleTimeout(Duration.ZERO).build())
        .hasMessageContaining("'idleTimeout'");
  }
}
