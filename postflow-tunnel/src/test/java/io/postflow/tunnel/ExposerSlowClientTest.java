package io.postflow.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.ConfigurationException;
import io.postflow.api.Exposure;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow clients must not take the exposer away from the client it exists for. Each test runs the
 * exposer with its deadlines cut to a second or less, so that what takes minutes at the defaults
 * (a 10 s head deadline, a 30 s rate window) is proved in a few seconds.
 */
class ExposerSlowClientTest {
  /** Another loopback address: what a second client looks like to the per-address cap. */
  private static final InetAddress OTHER_CLIENT = address("127.0.0.2");
  @TempDir Path dir;
  private byte[] content;
  private Path file;

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @BeforeEach
  void files() throws IOException {
    content = new byte[20_000];
    new Random(5).nextBytes(content);
    file = Files.write(dir.resolve("a.mov"), content);
  }

  private Path bigSparseFile() throws IOException {
    Path big = dir.resolve("big.mov");
    try (RandomAccessFile raf = new RandomAccessFile(big.toFile(), "rw")) {
      raf.setLength(512L << 20);
    }
    return big;
  }

  /**
   * The review's attack, scaled: 500 connections (half from the tunnel agent's own address, half
   * from another) each sending one head byte per second and reconnecting whenever closed. Before
   * the fix every byte reset the idle timer: the first 64 held every slot for as long as they
   * kept sending (66 h for an 8 KiB head) and every other client got 503. Runs against a 1 s head
   * deadline for 3 s instead of the default 10 s for minutes: the mechanism is the same.
   */
  @Test
  void fiveHundredSlowHeads_normalGetsStillAnswerWithinASecond() throws Exception {
    try (HttpFileExposer exposer = HttpFileExposer.builder()
            .requestHeadTimeout(Duration.ofSeconds(1))
            .idleTimeout(Duration.ofSeconds(5))
            .build()) {
      Exposure e = exposer.expose(file);
      try (Slowloris local = new Slowloris(exposer.localPort(), InetAddress.getLoopbackAddress(), 250,
              Duration.ofSeconds(1)).start();
          Slowloris other = new Slowloris(exposer.localPort(), OTHER_CLIENT, 250, Duration.ofSeconds(1)).start()) {
        Thread.sleep(700); // the attack in place: every slot taken before the first GET
        List<String> answers = new ArrayList<>();
        long slowest = 0;
        long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < end) {
          long start = System.nanoTime();
          RawHttp.Response r = RawHttp.once(exposer.localPort(), "GET", e.url().getRawPath());
          long took = System.nanoTime() - start;
          slowest = Math.max(slowest, took);
          answers.add(r == null ? "none" : r.status + (r.status == 200 && java.util.Arrays.equals(r.body, content) ? "" : "?"));
          Thread.sleep(100);
        }
        String seen = "answers " + answers + ", slowest " + Duration.ofNanos(slowest).toMillis() + " ms, attackers: "
            + (local.connects.get() + other.connects.get()) + " connects, "
            + (local.bytesSent.get() + other.bytesSent.get()) + " bytes, "
            + (local.closedByServer.get() + other.closedByServer.get()) + " closed by the server, longest life "
            + Duration.ofNanos(Math.max(local.longestLife.get(), other.longestLife.get())).toMillis() + " ms";
        System.out.println("slowloris: " + seen);
        assertThat(answers).as(seen).hasSizeGreaterThan(10).containsOnly("200");
        assertThat(Duration.ofNanos(slowest)).as(seen).isLessThan(Duration.ofSeconds(1));
        // The attack was real, and no slow head outlived the deadline (1 s, checked every 250 ms).
        assertThat(local.connects.get() + other.connects.get()).as(seen).isGreaterThan(500);
        assertThat(local.bytesSent.get() + other.bytesSent.get()).as(seen).isGreaterThan(1000);
        long limit = Duration.ofMillis(2500).toNanos();
        assertThat(Math.max(local.longestLife.get(), other.longestLife.get())).as(seen).isLessThan(limit);
        assertThat(Math.max(local.oldestOpen(), other.oldestOpen())).as(seen).isLessThan(limit);
      }
    }
  }

  @Test
  void slowHead_oneBytePerFifthOfASecond_isClosedAtTheHeadDeadlineNotKeptAliveByEachByte() throws Exception {
    try (HttpFileExposer exposer = HttpFileExposer.builder()
            .idleTimeout(Duration.ofSeconds(1))
            .requestHeadTimeout(Duration.ofSeconds(1))
            .build();
        RawHttp http = new RawHttp(exposer.localPort())) {
      long start = System.nanoTime();
      byte[] head = "GET /f/x HTTP/1.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".getBytes(StandardCharsets.ISO_8859_1);
      boolean closed = false;
      for (int i = 0; i < head.length && !closed; i++) {
        try {
          http.sendBytes(new byte[] {head[i]});
        } catch (IOException reset) {
          closed = true;
        }
        Thread.sleep(200); // well inside the idle timeout: only a deadline can end this
      }
      long took = System.nanoTime() - start;
      assertThat(closed).as("closed by the server after %d ms", Duration.ofNanos(took).toMillis()).isTrue();
      assertThat(Duration.ofNanos(took)).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void oneAddress_beyondItsCap_is503_whileAnotherAddressIsServed() throws Exception {
    Path big = bigSparseFile();
    List<Socket> stalled = new ArrayList<>();
    try (HttpFileExposer exposer = HttpFileExposer.builder().maxConnectionsPerAddress(4).build()) {
      Exposure e = exposer.expose(big);
      for (int i = 0; i < 4; i++) {
        stalled.add(stalledDownload(exposer.localPort(), OTHER_CLIENT, e)); // busy, not waiting: not evictable
      }
      try (Socket fifth = connect(exposer.localPort(), OTHER_CLIENT)) {
        fifth.getOutputStream().write(("GET " + e.url().getRawPath() + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        String answer = new String(fifth.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
        assertThat(answer).isEqualTo("HTTP/1.1 503");
      }
      assertThat(RawHttp.once(exposer.localPort(), "GET", e.url().getRawPath(), "Range: bytes=0-9").status).isEqualTo(206);
    } finally {
      for (Socket s : stalled) {
        s.close();
      }
    }
  }

  @Test
  void allSlotsWaitingForAHead_aNewcomerTakesTheOldestOnesPlace_allBusy_itGets503() throws Exception {
    Path big = bigSparseFile();
    List<Socket> held = new ArrayList<>();
    try (HttpFileExposer exposer = HttpFileExposer.builder().maxConnections(4).build()) {
      Exposure e = exposer.expose(big);
      for (int i = 0; i < 4; i++) {
        Socket s = connect(exposer.localPort(), InetAddress.getLoopbackAddress());
        s.getOutputStream().write("GET /f/".getBytes(StandardCharsets.ISO_8859_1)); // and nothing more
        held.add(s);
        Thread.sleep(20);
      }
      Thread.sleep(100);
      // Four slow heads hold every slot; a real request still gets in, in place of the oldest.
      assertThat(RawHttp.once(exposer.localPort(), "GET", e.url().getRawPath(), "Range: bytes=0-9").status).isEqualTo(206);
      held.get(0).setSoTimeout(2_000);
      assertThat(held.get(0).getInputStream().read()).as("the oldest slow head was let go").isEqualTo(-1);
      // Four busy downloads: nobody to let go, so a newcomer is refused.
      for (Socket s : held) {
        s.close();
      }
      held.clear();
      for (int i = 0; i < 4; i++) {
        held.add(stalledDownload(exposer.localPort(), InetAddress.getLoopbackAddress(), e));
      }
      assertThat(RawHttp.once(exposer.localPort(), "GET", e.url().getRawPath()).status).isEqualTo(503);
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  /**
   * A client that reads steadily, but slower than the minimum rate, is disconnected: before the
   * fix any progress within the idle timeout kept a download (and its slot) for as long as the
   * file lasted. About 1.5 MB/s against an 8 MiB/s minimum over 2 s windows instead of 16 KiB/s
   * over 30 s: fast enough that the kernel hands the server progress well within every window
   * (so the idle timeout never fires), slow enough to fail the rate.
   */
  @Test
  void reader_slowerThanTheMinimumRate_isDisconnected() throws Exception {
    Path big = bigSparseFile();
    try (HttpFileExposer exposer = HttpFileExposer.builder()
            .idleTimeout(Duration.ofSeconds(2))
            .minDataRate(8 << 20)
            .build();
        Socket socket = new Socket()) {
      Exposure e = exposer.expose(big);
      socket.setReceiveBufferSize(32 << 10);
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), exposer.localPort()));
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(("GET " + e.url().getRawPath() + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = socket.getInputStream();
      byte[] block = new byte[32 << 10];
      long total = 0;
      long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      int n = 0;
      while (System.nanoTime() < end && (n = in.read(block)) > 0) {
        total += n;
        Thread.sleep(20); // at most 32 KiB per 20 ms
      }
      // Whatever the kernel had queued still arrives after the server closed; then the end.
      total += in.transferTo(java.io.OutputStream.nullOutputStream());
      assertThat(total).as("bytes received of 512 MiB").isLessThan(64L << 20);
      assertThat(exposer.limitLog().total(Connection.Limit.TOO_SLOW)).isEqualTo(1);
      assertThat(exposer.limitLog().total(Connection.Limit.IDLE)).isZero();
    }
  }

  @Test
  void reader_aboveTheMinimumRate_getsTheWholeFile() throws Exception {
    Path eight = dir.resolve("eight.mov");
    try (RandomAccessFile raf = new RandomAccessFile(eight.toFile(), "rw")) {
      raf.setLength(8L << 20);
    }
    try (HttpFileExposer exposer = HttpFileExposer.builder()
            .idleTimeout(Duration.ofSeconds(1))
            .minDataRate(512 << 10)
            .build();
        Socket socket = new Socket()) {
      Exposure e = exposer.expose(eight);
      socket.setReceiveBufferSize(32 << 10);
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), exposer.localPort()));
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET " + e.url().getRawPath() + " HTTP/1.1\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = socket.getInputStream();
      byte[] block = new byte[32 << 10];
      long total = 0;
      int n;
      while ((n = in.read(block)) > 0) {
        total += n;
        Thread.sleep(10); // about 3 MiB/s: six times the minimum
      }
      assertThat(total).isGreaterThan(8L << 20);
    }
  }

  @Test
  void builder_rejectsBadLimits_namingTheSetting() {
    assertThatThrownBy(() -> HttpFileExposer.builder().requestHeadTimeout(Duration.ZERO).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'requestHeadTimeout'");
    assertThatThrownBy(() -> HttpFileExposer.builder().requestHeadTimeout(null).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'requestHeadTimeout'");
    assertThatThrownBy(() -> HttpFileExposer.builder().minDataRate(-1).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'minDataRate'");
    assertThatThrownBy(() -> HttpFileExposer.builder().maxConnectionsPerAddress(0).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'maxConnectionsPerAddress'");
    assertThatThrownBy(() -> HttpFileExposer.builder().maxConnections(8).maxConnectionsPerAddress(9).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'maxConnectionsPerAddress'").hasMessageContaining("'maxConnections'");
  }

  private static Socket connect(int port, InetAddress from) throws IOException {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(from, 0));
    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    s.setSoTimeout(10_000);
    return s;
  }

  /** A GET whose head has arrived, after which the client stops reading: busy, not waiting. */
  private static Socket stalledDownload(int port, InetAddress from, Exposure e) throws IOException {
    Socket s = connect(port, from);
    s.setReceiveBufferSize(8 << 10);
    s.getOutputStream().write(("GET " + e.url().getRawPath() + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
    if (!status.equals("HTTP/1.1 200")) {
      s.close();
      throw new IOException("expected a 200, got " + status);
    }
    return s;
  }
}
