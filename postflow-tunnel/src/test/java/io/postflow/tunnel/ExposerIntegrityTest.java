package io.postflow.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.Exposure;
import io.postflow.api.ExposureListener;
import io.postflow.api.ExposureOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
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
}
