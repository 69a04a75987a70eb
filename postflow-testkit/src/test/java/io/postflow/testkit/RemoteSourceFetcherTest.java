package io.postflow.testkit;

import io.postflow.api.Sleeper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.postflow.testkit.RemoteFetchException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetches from a loopback server scripted to misbehave request by request. */
class RemoteSourceFetcherTest {
  /**
   * The stall timeout is real time. Most tests script requests by their index, so a first answer
   * that is merely slow (a loaded build machine: the JIT, a busy core) must never look like a
   * stall, or a resume shifts every index after it: 15 s is far beyond any slow answer. Only the
   * two tests that script a stall use {@link #SHORT_STALL}, and there the stall lasts until released.
   */
  private static final Duration STALL = Duration.ofSeconds(15);
  private static final Duration SHORT_STALL = Duration.ofSeconds(3);

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final Sleeper recordingSleeper = sleeps::add;
  private Source source;
  private HttpServer server;
  private ExecutorService serverThreads;
  private URI uri;

  @BeforeEach
  void start() throws IOException {
    source = new Source();
    serverThreads = Executors.newCachedThreadPool();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/media", source);
    server.setExecutor(serverThreads);
    server.start();
    uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort()
        + "/media/shot_010.mov?X-Amz-Signature=topsecret");
  }

  @AfterEach
  void stop() {
    source.release.countDown();
    server.stop(0);
    serverThreads.shutdownNow();
  }

  private RemoteSourceFetcher fetcher(long chunk, int maxResumes) {
    return fetcher(chunk, maxResumes, STALL);
  }

  private RemoteSourceFetcher fetcher(long chunk, int maxResumes, Duration stall) {
    return new RemoteSourceFetcher(http, chunk, maxResumes, stall, Duration.ofMillis(100),
        recordingSleeper);
  }

  // ---- happy paths ----

  @Test
  void fetch_whenSmallerThanOneChunk_takesOneRangedRequest() throws Exception {
    byte[] data = source.random(1_000);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();

    FetchResult r = fetcher(4096, 3).fetch(uri, sink);

    assertThat(sink.toByteArray()).isEqualTo(data);
    assertThat(r).isEqualTo(new FetchResult(1_000, sha256(data), 1, 0));
    assertThat(source.ranges).containsExactly("bytes=0-4095");
  }

  @Test
  void fetch_whenLargerThanOneChunk_usesConsecutiveRangesWithIfRange() throws Exception {
    byte[] data = source.random(10_000);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();

    FetchResult r = fetcher(4096, 3).fetch(uri, sink);

    assertThat(sink.toByteArray()).isEqualTo(data);
    assertThat(r.sha256()).isEqualTo(sha256(data));
    assertThat(r.requests()).isEqualTo(3);
    assertThat(source.ranges).containsExactly("bytes=0-4095", "bytes=4096-8191", "bytes=8192-9999");
    assertThat(source.ifRanges).containsExactly("none", Source.ETAG, Source.ETAG);
  }

  @Test
  void fetch_whenServerIgnoresRange_takesTheWholeBodyFromOne200() throws Exception {
    byte[] data = source.random(10_000);
    source.ignoreRange = true;
    ByteArrayOutputStream sink = new ByteArrayOutputStream();

    FetchResult r = fetcher(4096, 3).fetch(uri, sink);

    assertThat(sink.toByteArray()).isEqualTo(data);
    assertThat(r.requests()).isEqualTo(1);
  }

  @Test
  void fetch_whenSourceIsEmpty_acceptsThe416AndReturnsNoBytes() throws Exception {
    source.random(0);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();

    FetchResult r = fetcher(4096, 3).fetch(uri, sink);

    assertThat(r.bytes()).isZero();
    assertThat(r.sha256()).isEqualTo(sha256(new byte[0]));
  }

  // ---- resumes ----

  @Test
  void fetch_whenConnectionDropsMidBody_resumesFromTheLastByteReceived() throws Exception {
    byte[] data = source.random(10_000);
    source.script.put(0, Act.drop(1_000));
    ByteArrayOutputStream sink = new ByteArrayOutputStream();

    FetchResult r = fetcher(4096, 3).fetch(uri, sink);

    assertThat(sink.toByteArray()).isEqualTo(data);
    assertThat(r.sha256()).isEqualTo(sha256(data));
    assertThat(r.resumes()).isEqualTo(1);
    // Chunks keep their size, counted from where the resume picked up.
    assertThat(source.ranges).containsExactly(
        "bytes=0-4095", "bytes=1000-5095", "bytes=5096-9191", "bytes=9192-9999");
    assertThat(sleeps).containsExactly(Duration.ofMillis(100));
  }

  @Test
  void fetch_whenBodyStalls_resumesAfterTheStallTimeout() throws Exception {
    byte[] data = source.random(10_000);
    source.script.put(1, Act.stall(700));
    ByteArrayOutputStream sink = new ByteArrayOutputStream();

    FetchResult r = fetcher(4096, 3, SHORT_STALL).fetch(uri, sink);

    assertThat(sink.toByteArray()).isEqualTo(data);
    assertThat(r.resumes()).isEqualTo(1);
    assertThat(source.ranges).containsExactly(
        "bytes=0-4095", "bytes=4096-8191", "bytes=4796-8891", "bytes=8892-9999");
  }

  @Test
  void fetch_whenHeadersNeverCome_resumes() throws Exception {
    byte[] data = source.random(3_000);
    source.script.put(0, Act.stall(-1));
    ByteArrayOutputStream sink = new ByteArrayOutputStream();

    FetchResult r = fetcher(4096, 3, SHORT_STALL).fetch(uri, sink);

    assertThat(sink.toByteArray()).isEqualTo(data);
    assertThat(r.requests()).isEqualTo(2);
    assertThat(r.resumes()).isEqualTo(1);
  }

  @Test
  void fetch_whenServerIgnoresRangeAndDrops_skipsTheBytesItAlreadyHas() throws Exception {
    byte[] data = source.random(10_000);
    source.ignoreRange = true;
    source.script.put(0, Act.drop(3_000));
    ByteArrayOutputStream sink = new ByteArrayOutputStream();

    FetchResult r = fetcher(4096, 3).fetch(uri, sink);

    assertThat(sink.toByteArray()).isEqualTo(data);
    assertThat(r.sha256()).isEqualTo(sha256(data));
    assertThat(source.ranges).containsExactly("bytes=0-4095", "bytes=3000-7095");
  }

  @Test
  void fetch_whenTransient503sThenOk_backsOffDoublingAndSucceeds() throws Exception {
    byte[] data = source.random(2_000);
    source.script.put(0, Act.status(503));
    source.script.put(1, Act.status(500));
    source.script.put(2, Act.status(429));
    ByteArrayOutputStream sink = new ByteArrayOutputStream();

    FetchResult r = fetcher(4096, 3).fetch(uri, sink);

    assertThat(sink.toByteArray()).isEqualTo(data);
    assertThat(r.resumes()).isEqualTo(3);
    assertThat(sleeps).containsExactly(
        Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
  }

  // ---- failures ----

  @Test
  void fetch_when500Persists_failsWithTheStatusAfterMaxResumes() {
    source.random(2_000);
    source.defaultAct = Act.status(500);

    assertThatThrownBy(() -> fetcher(4096, 2).fetch(uri, new ByteArrayOutputStream()))
        .isInstanceOfSatisfying(RemoteFetchException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.HTTP_STATUS);
          assertThat(e.reason()).contains("HTTP 500").contains("3 requests")
              .contains("/media/shot_010.mov").doesNotContain("topsecret");
        });
    assertThat(source.requests.get()).isEqualTo(3);
  }

  @Test
  void fetch_when404_failsAtOnceWithoutRetrying() {
    source.random(2_000);
    source.defaultAct = Act.status(404);

    assertThatThrownBy(() -> fetcher(4096, 5).fetch(uri, new ByteArrayOutputStream()))
        .isInstanceOfSatisfying(RemoteFetchException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.HTTP_STATUS);
          assertThat(e.reason()).contains("HTTP 404");
        });
    assertThat(source.requests.get()).isEqualTo(1);
  }

  @Test
  void fetch_whenDropsOutnumberMaxResumes_failsWithTooManyResumes() {
    source.random(10_000);
    source.defaultAct = Act.drop(10);

    assertThatThrownBy(() -> fetcher(4096, 2).fetch(uri, new ByteArrayOutputStream()))
        .isInstanceOfSatisfying(RemoteFetchException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.TOO_MANY_RESUMES);
          assertThat(e.reason()).contains("at byte 30 of 10000").doesNotContain("topsecret");
        });
  }

  @Test
  void fetch_whenEtagChangesBetweenChunks_failsSourceChanged() {
    source.random(10_000);
    source.script.put(1, Act.etag("\"v2\""));

    assertThatThrownBy(() -> fetcher(4096, 3).fetch(uri, new ByteArrayOutputStream()))
        .isInstanceOfSatisfying(RemoteFetchException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.SOURCE_CHANGED);
          assertThat(e.reason()).contains("ETag \"v1\" became \"v2\"").contains("after 4096 bytes");
        });
  }

  @Test
  void fetch_whenSizeChangesBetweenChunks_failsSourceChanged() {
    byte[] data = source.random(10_000);
    source.script.put(1, Act.grow());

    assertThatThrownBy(() -> fetcher(4096, 3).fetch(uri, new ByteArrayOutputStream()))
        .isInstanceOfSatisfying(RemoteFetchException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.SOURCE_CHANGED);
          assertThat(e.reason()).contains("size 10000 became 10001");
        });
    assertThat(data).hasSize(10_000);
  }

  @Test
  void fetch_when416MidTransfer_failsSourceChanged() {
    source.random(10_000);
    source.script.put(1, Act.status(416));

    assertThatThrownBy(() -> fetcher(4096, 3).fetch(uri, new ByteArrayOutputStream()))
        .isInstanceOfSatisfying(RemoteFetchException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.SOURCE_CHANGED));
  }

  @Test
  void fetch_when206StartsElsewhere_failsProtocol() {
    source.random(10_000);
    source.script.put(1, Act.offset(100));

    assertThatThrownBy(() -> fetcher(4096, 3).fetch(uri, new ByteArrayOutputStream()))
        .isInstanceOfSatisfying(RemoteFetchException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.PROTOCOL);
          assertThat(e.reason()).contains("starts at byte 4196, but byte 4096 was asked for");
        });
  }

  @Test
  void fetch_whenSinkFails_failsSinkWithoutRetrying() {
    source.random(10_000);
    OutputStream broken = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("disk full");
      }
    };

    assertThatThrownBy(() -> fetcher(4096, 3).fetch(uri, broken))
        .isInstanceOfSatisfying(RemoteFetchException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.SINK);
          assertThat(e.reason()).contains("disk full");
        });
    assertThat(source.requests.get()).isEqualTo(1);
  }

  @Test
  void fetch_whenInterrupted_stopsAndKeepsTheInterruptFlag() {
    source.random(10_000);
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> fetcher(4096, 3).fetch(uri, new ByteArrayOutputStream()))
          .isInstanceOfSatisfying(RemoteFetchException.class,
              e -> assertThat(e.kind()).isEqualTo(Kind.INTERRUPTED));
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void constructor_withOutOfRangeArgument_namesIt() {
    assertThatThrownBy(() -> new RemoteSourceFetcher(http, 0, 1, STALL))
        .hasMessageContaining("rangeChunkBytes");
    assertThatThrownBy(() -> new RemoteSourceFetcher(http, 1, -1, STALL))
        .hasMessageContaining("maxResumes");
    assertThatThrownBy(() -> new RemoteSourceFetcher(http, 1, 1, Duration.ZERO))
        .hasMessageContaining("stallTimeout");
  }

  @Test
  void contentRange_parse_acceptsValidAndRejectsBrokenHeaders() {
    assertThat(RemoteSourceFetcher.ContentRange.parse("bytes 0-99/1000"))
        .contains(new RemoteSourceFetcher.ContentRange(0, 99, 1000));
    assertThat(RemoteSourceFetcher.ContentRange.parse("bytes */0"))
        .contains(new RemoteSourceFetcher.ContentRange(-1, -1, 0));
    for (String bad : new String[] {null, "items 0-1/2", "bytes 5-1/10", "bytes 0-10/10", "bytes x"}) {
      assertThat(RemoteSourceFetcher.ContentRange.parse(bad)).as(bad).isEmpty();
    }
  }

  // ---- size ----

  @Test
  void fetch_of256MiBSparseFile_streamsInRangesAndResumesAfterADrop(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("big.mov");
    long size = 256L << 20;
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(size); // sparse: only the markers below take disk space
      for (long at : new long[] {0, 77_777_777L, 134_217_728L, size - 8}) {
        raf.seek(at);
        raf.writeLong(at ^ 0x5DEECE66DL);
      }
    }
    source.file = file;
    source.script.put(2, Act.drop(5_000_000));
    DigestingSink sink = new DigestingSink();

    FetchResult r = fetcher(64L << 20, 3).fetch(uri, sink);

    assertThat(r.bytes()).isEqualTo(size);
    assertThat(r.sha256()).isEqualTo(TestFiles.sha256(file)).isEqualTo(sink.hex());
    assertThat(r.resumes()).isEqualTo(1);
    assertThat(source.ranges).hasSize(5).contains("bytes=" + (128L << 20) + "-" + ((192L << 20) - 1))
        .contains("bytes=" + ((128L << 20) + 5_000_000) + "-" + ((192L << 20) + 5_000_000 - 1));
  }

  // ---- the scripted source ----

  /** What the source does with one request. */
  record Act(String what, long n, String etag) {
    static Act normal() {
      return new Act("normal", 0, null);
    }

    static Act drop(long afterBytes) {
      return new Act("drop", afterBytes, null);
    }

    /** Sends {@code afterBytes} of the body then goes silent; -1: not even headers. */
    static Act stall(long afterBytes) {
      return new Act("stall", afterBytes, null);
    }

    static Act status(int code) {
      return new Act("status", code, null);
    }

    static Act etag(String etag) {
      return new Act("normal", 0, etag);
    }

    static Act grow() {
      return new Act("grow", 0, null);
    }

    static Act offset(long by) {
      return new Act("offset", by, null);
    }
  }

  /** A file server that honours Range and If-Range, unless the script says otherwise. */
  static final class Source implements com.sun.net.httpserver.HttpHandler {
    static final String ETAG = "\"v1\"";
    final Map<Integer, Act> script = new ConcurrentHashMap<>();
    final List<String> ranges = new CopyOnWriteArrayList<>();
    final List<String> ifRanges = new CopyOnWriteArrayList<>();
    final AtomicInteger requests = new AtomicInteger();
    final CountDownLatch release = new CountDownLatch(1);
    volatile Act defaultAct = Act.normal();
    volatile boolean ignoreRange;
    volatile byte[] bytes;
    volatile Path file;

    byte[] random(int size) {
      byte[] data = new byte[size];
      new Random(size).nextBytes(data);
      bytes = data;
      return data;
    }

    long size() throws IOException {
      return file != null ? java.nio.file.Files.size(file) : bytes.length;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
      int index = requests.getAndIncrement();
      Act act = script.getOrDefault(index, defaultAct);
      String range = ex.getRequestHeaders().getFirst("Range");
      String ifRange = ex.getRequestHeaders().getFirst("If-Range");
      ranges.add(String.valueOf(range));
      ifRanges.add(ifRange == null ? "none" : ifRange);
      try (ex) {
        if (act.what().equals("status")) {
          if (act.n() == 416) {
            ex.getResponseHeaders().set("Content-Range", "bytes */" + (size() - 1));
          }
          ex.sendResponseHeaders((int) act.n(), -1);
          return;
        }
        if (act.what().equals("stall") && act.n() < 0) {
          awaitRelease();
          return;
        }
        long size = size() + (act.what().equals("grow") ? 1 : 0);
        String etag = act.etag() != null ? act.etag() : ETAG;
        ex.getResponseHeaders().set("ETag", etag);
        ex.getResponseHeaders().set("Accept-Ranges", "bytes");
        if (size == 0 && range != null) {
          ex.getResponseHeaders().set("Content-Range", "bytes */0");
          ex.sendResponseHeaders(416, -1);
          return;
        }
        long first = 0;
        long last = size - 1;
        boolean partial = range != null && !ignoreRange && (ifRange == null || ifRange.equals(etag));
        if (partial) {
          String[] spec = range.substring("bytes=".length()).split("-", -1);
          first = Long.parseLong(spec[0]);
          last = spec[1].isEmpty() ? size - 1 : Math.min(Long.parseLong(spec[1]), size - 1);
          long shown = first + (act.what().equals("offset") ? act.n() : 0);
          ex.getResponseHeaders().set("Content-Range",
              "bytes " + shown + "-" + (last + shown - first) + "/" + size);
        }
        long length = last - first + 1;
        ex.sendResponseHeaders(partial ? 206 : 200, length == 0 ? -1 : length);
        long send = act.what().equals("drop") || act.what().equals("stall")
            ? Math.min(act.n(), length) : length;
        OutputStream out = ex.getResponseBody();
        write(out, first, send);
        out.flush();
        if (act.what().equals("stall")) {
          awaitRelease();
        } else if (act.what().equals("drop")) {
          // Closing a fixed-length exchange early makes the server drop the connection.
          return;
        }
      } catch (IOException e) {
        // The client went away (cancelled a stall, or after a drop): expected in these tests.
      }
    }

    private void write(OutputStream out, long from, long count) throws IOException {
      if (file == null) {
        out.write(bytes, (int) from, (int) count);
        return;
      }
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        ByteBuffer buf = ByteBuffer.allocate(256 * 1024);
        long pos = from;
        long end = from + count;
        while (pos < end) {
          buf.clear().limit((int) Math.min(buf.capacity(), end - pos));
          int n = ch.read(buf, pos);
          out.write(buf.array(), 0, n);
          pos += n;
        }
      }
    }

    private void awaitRelease() {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Keeps nothing but a running digest, so 256 MiB costs no memory on the test side either. */
  static final class DigestingSink extends OutputStream {
    private final MessageDigest md = newDigest();

    @Override
    public void write(int b) {
      md.update((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      md.update(b, off, len);
    }

    String hex() {
      return HexFormat.of().formatHex(md.digest());
    }
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(byte[] data) {
    return TestFiles.sha256(data);
  }


}
