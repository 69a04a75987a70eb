package io.postflow.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.Exposure;
import io.postflow.api.ExposureListener;
import io.postflow.api.ExposureOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the exposer serves must be the file it exposed, byte for byte, or nothing: the download
 * allowance holds for HEAD too, a swapped parent folder never serves the other file, and a
 * same-size rewrite with its mtime put back never splices old and new bytes into one download.
 */
class ExposerIntegrityTest {
  private static final long PAUSE_NANOS = 50_000;
  @TempDir Path dir;
  private HttpFileExposer exposer;

  @BeforeEach
  void start() {
    exposer = HttpFileExposer.builder().build();
  }

  @AfterEach
  void stop() {
    exposer.close();
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  @Test
  void head_afterTheDownloadsAreUsedUp_is410LikeGet() throws IOException {
    Path file = Files.write(dir.resolve("a.mov"), random(10_000, 1));
    List<String> heard = new CopyOnWriteArrayList<>();
    Exposure e = exposer.expose(file, ExposureOptions.builder().maxDownloads(1).build(), new ExposureListener() {
      @Override
      public void onRequest(Exposure exposure, String method, int status) {
        heard.add(method + " " + status);
      }
    });
    String target = e.url().getRawPath();
    assertThat(RawHttp.once(exposer.localPort(), "HEAD", target).status).isEqualTo(200);
    assertThat(RawHttp.once(exposer.localPort(), "GET", target).status).isEqualTo(200);
    assertThat(RawHttp.once(exposer.localPort(), "GET", target).status).isEqualTo(410);
    // Before the fix HEAD still answered 200 here: a client probing before it pulls was told
    // the file was there, then got 410 for the GET.
    assertThat(RawHttp.once(exposer.localPort(), "HEAD", target).status).isEqualTo(410);
    assertThat(heard).containsExactly("HEAD 200", "GET 200", "GET 410", "HEAD 410");
  }

  /**
   * The reviewer's attack: a thread swaps the exposed file's parent folder with a sibling holding
   * a same-size file with the same mtime, as fast as it can, while GETs run. Before the fix the
   * identity was checked by path and the file opened afterwards, so the open could land on the
   * other folder: about 2% of GETs served the other file's bytes, complete and with a 200.
   */
  @Test
  void get_whileAParentFolderIsSwapped_neverServesTheOtherFilesBytes() throws Exception {
    int size = 64 * 1024;
    byte[] exposedBytes = random(size, 10);
    byte[] otherBytes = random(size, 11);
    Path renders = Files.createDirectories(dir.resolve("renders"));
    Path current = Files.createDirectories(renders.resolve("current"));
    Path alternate = Files.createDirectories(renders.resolve("alternate"));
    Path swap = renders.resolve("swap");
    Path exposedFile = Files.write(current.resolve("a.mov"), exposedBytes);
    Path otherFile = Files.write(alternate.resolve("a.mov"), otherBytes);
    Files.setLastModifiedTime(otherFile, Files.getLastModifiedTime(exposedFile)); // only identity differs
    Exposure e = exposer.expose(exposedFile);

    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger swaps = new AtomicInteger();
    AtomicReference<Throwable> swapFailure = new AtomicReference<>();
    Thread swapper = new Thread(() -> {
      try {
        while (!stop.get()) {
          Files.move(current, swap, StandardCopyOption.ATOMIC_MOVE);
          Files.move(alternate, current, StandardCopyOption.ATOMIC_MOVE);
          LockSupport.parkNanos(PAUSE_NANOS); // the other file in place
          Files.move(swap, alternate, StandardCopyOption.ATOMIC_MOVE);
          swaps.incrementAndGet();
          LockSupport.parkNanos(PAUSE_NANOS); // a path lookup stalls under back-to-back renames
        }
      } catch (IOException | RuntimeException ex) {
        swapFailure.set(ex);
      }
    }, "folder-swapper");
    int exposedServed = 0;
    int otherServed = 0;
    int refused = 0;
    int cutShort = 0;
    int unanswered = 0;
    swapper.start();
    RawHttp http = null;
    try {
      long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      for (int i = 0; i < 5000 && System.nanoTime() < end; i++) {
        if (http == null) {
          http = new RawHttp(exposer.localPort());
        }
        http.send("GET " + e.url().getRawPath() + " HTTP/1.1\r\nHost: x\r\n\r\n");
        RawHttp.Response r;
        try {
          r = http.read(false);
        } catch (IOException closedInsideAHead) {
          r = null;
        }
        if (r == null || !"keep-alive".equals(r.header("Connection"))) {
          http.close(); // keep-alive, but a fresh connection after the server closed one
          http = null;
        }
        if (r == null) {
          unanswered++;
        } else if (r.status != 200) {
          assertThat(r.status).as("GET %d", i).isEqualTo(410);
          refused++;
        } else if (Arrays.equals(r.body, exposedBytes)) {
          exposedServed++;
        } else if (r.body.length < size && Arrays.equals(r.body, Arrays.copyOf(exposedBytes, r.body.length))) {
          cutShort++; // closed short: an honest failure, never mistaken for the whole file
        } else {
          otherServed++;
        }
      }
    } finally {
      stop.set(true);
      swapper.join();
      if (http != null) {
        http.close();
      }
    }
    assertThat(swapFailure.get()).isNull();
    String counts = "exposed " + exposedServed + ", other " + otherServed + ", refused " + refused
        + ", cut short " + cutShort + ", unanswered " + unanswered + ", swaps " + swaps;
    System.out.println("folder swap: " + counts); // surefire keeps it in the test's output file
    assertThat(otherServed).as(counts).isZero();
    assertThat(unanswered).as(counts).isZero(); // a file gone at the open is a 410, not a dropped connection
    // The race must really have been run, and the exposed file still served between swaps.
    assertThat(swaps.get()).as(counts).isGreaterThan(100);
    assertThat(exposedServed).as(counts).isGreaterThan(10);
    assertThat(refused).as(counts).isGreaterThan(10);
  }

  /**
   * Rewritten in place (same inode, same size) with the mtime put back: size, mtime and file key
   * all still match, so before the fix the old ETag held and a resume spliced the new file's
   * second half onto the old file's first half with a 206.
   */
  @Test
  void resume_afterASameSizeRewriteWithItsMtimePutBack_neverSplices() throws IOException {
    byte[] v1 = random(100_000, 20);
    byte[] v2 = random(100_000, 21);
    Path file = Files.write(dir.resolve("b.mov"), v1);
    FileTime mtime = Files.getLastModifiedTime(file);
    Object inode = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    Exposure e = exposer.expose(file);
    RawHttp.Response first = RawHttp.once(exposer.localPort(), "GET", e.url().getRawPath(), "Range: bytes=0-49999");
    assertThat(first.status).isEqualTo(206);
    assertThat(first.body).isEqualTo(Arrays.copyOf(v1, 50_000));
    String etag = first.header("ETag");

    rewriteInPlace(file, v2, mtime);
    assertThat(Files.readAttributes(file, BasicFileAttributes.class).fileKey()).isEqualTo(inode);

    RawHttp.Response resumed = RawHttp.once(exposer.localPort(), "GET", e.url().getRawPath(),
        "Range: bytes=50000-", "If-Range: " + etag);
    assertThat(resumed.status).as("a 206 here splices two versions").isNotEqualTo(206);
    if (resumed.status == 200) {
      assertThat(resumed.header("ETag")).isNotEqualTo(etag);
      assertThat(resumed.body).isEqualTo(v2);
    } else {
      assertThat(resumed.status).isIn(410, 412);
    }
    // Exposed afresh, the new content has a new validator although size and mtime are the same.
    Exposure again = exposer.expose(file);
    RawHttp.Response fresh = RawHttp.once(exposer.localPort(), "GET", again.url().getRawPath());
    assertThat(fresh.status).isEqualTo(200);
    assertThat(fresh.body).isEqualTo(v2);
    assertThat(fresh.header("ETag")).isNotEqualTo(etag);
  }

  /**
   * The same rewrite while one response is under way (the client stopped reading after 1 MiB):
   * the response must end short rather than deliver a complete body mixing both versions.
   */
  @Test
  void get_whenTheFileIsRewrittenSameSizeMidTransfer_endsShortInsteadOfSplicing() throws Exception {
    int size = 24 << 20;
    byte[] v1 = random(size, 30);
    Path file = Files.write(dir.resolve("c.mov"), v1);
    FileTime mtime = Files.getLastModifiedTime(file);
    Exposure e = exposer.expose(file);
    try (RawHttp http = new RawHttp(exposer.localPort())) {
      http.send("GET " + e.url().getRawPath() + " HTTP/1.1\r\nConnection: close\r\n\r\n");
      assertThat(http.read(true).status).isEqualTo(200);
      InputStream in = http.input();
      assertThat(in.readNBytes(1 << 20)).isEqualTo(Arrays.copyOf(v1, 1 << 20));
      rewriteInPlace(file, random(size, 31), mtime);
      long rest = in.transferTo(OutputStream.nullOutputStream());
      assertThat((1L << 20) + rest).as("bytes received of " + size).isLessThan(size);
    }
  }

  private static void rewriteInPlace(Path file, byte[] content, FileTime mtime) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer, buffer.position());
      }
    }
    Files.setLastModifiedTime(file, mtime);
  }
}
