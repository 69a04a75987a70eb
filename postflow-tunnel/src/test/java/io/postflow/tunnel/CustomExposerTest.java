package io.postflow.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.Exposure;
import io.postflow.api.ExposureListener;
import io.postflow.api.ExposureOptions;
import io.postflow.api.FileExposer;
import io.postflow.api.TunnelEndpoint;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a user writes a custom {@link FileExposer} and what the remote uploader does with it: an
 * exposure that is not local is handed over as it is (no tunnel); a local one goes through
 * {@link TunnelEndpoint#publicUrlFor}. The custom exposer here decorates {@link HttpFileExposer}
 * for a studio whose own reverse proxy already publishes the exposer's port (the bucket variant
 * is {@code examples/.../exposer/PresignedUrlExposer}).
 */
class CustomExposerTest {
  @TempDir Path dir;

  /** The remote uploader's hand-over rule, as documented on {@link FileExposer}. */
  private static URI urlForTheService(Exposure exposure, TunnelEndpoint endpointIfLocal) {
    return exposure.isLocal() ? endpointIfLocal.publicUrlFor(exposure.url()) : exposure.url();
  }

  @Test
  void customExposer_withPublicUrls_needsNoTunnel_andStillCountsBytes() throws Exception {
    Path file = Files.writeString(dir.resolve("A001_C002.mov"), "x".repeat(5000));
    try (HttpFileExposer local = HttpFileExposer.builder().build()) {
      // The "public" base is loopback here so the test can fetch through it.
      FileExposer custom = new BehindOwnProxyExposer(local, URI.create("http://127.0.0.1:" + local.localPort()));
      Exposure exposure = custom.expose(file);

      assertThat(custom.localPort()).isEqualTo(-1);
      assertThat(exposure.isLocal()).isFalse();
      URI handedOver = urlForTheService(exposure, null); // null: a tunnel would be a bug here
      assertThat(handedOver).isEqualTo(exposure.url());
      RawHttp.Response r = RawHttp.once(handedOver.getPort(), "GET", handedOver.getRawPath(), "Range: bytes=0-999");
      assertThat(r.status).isEqualTo(206);
      HttpFileExposerTest.assertServed(exposure, 1000);
      assertThat(exposure.toString()).doesNotContain(exposure.url().getRawPath().split("/")[2]);

      exposure.revoke();
      assertThat(RawHttp.once(handedOver.getPort(), "GET", handedOver.getRawPath()).status).isEqualTo(404);
    }
  }

  @Test
  void localExposure_isHandedOverThroughTheTunnelEndpoint() throws IOException {
    Path file = Files.writeString(dir.resolve("A001_C003.mov"), "y");
    try (HttpFileExposer local = HttpFileExposer.builder().build()) {
      Exposure exposure = local.expose(file);
      TunnelEndpoint endpoint = TunnelEndpoint.builder().publicUrl(URI.create("https://abc.trycloudflare.com"))
          .localPort(local.localPort()).provider("cloudflared").openedAt(Instant.EPOCH).build();
      URI handedOver = urlForTheService(exposure, endpoint);
      assertThat(handedOver.toString()).startsWith("https://abc.trycloudflare.com/f/").endsWith("/A001_C003.mov");
      assertThat(handedOver.getRawPath()).isEqualTo(exposure.url().getRawPath());
    }
  }

  /** A user's exposer: our exposer behind the studio's own proxy, so its URLs are public. */
  private static final class BehindOwnProxyExposer implements FileExposer {
    private final FileExposer inner;
    private final URI publicBase;

    BehindOwnProxyExposer(FileExposer inner, URI publicBase) {
      this.inner = inner;
      this.publicBase = publicBase;
    }

    @Override
    public Exposure expose(Path file, ExposureOptions options, ExposureListener listener) {
      Exposure local = inner.expose(file, options, listener);
      URI url = URI.create(publicBase + local.url().getRawPath());
      return new Exposure() {
        @Override public Path file() { return local.file(); }
        @Override public long size() { return local.size(); }
        @Override public URI url() { return url; }
        @Override public boolean isLocal() { return false; }
        @Override public Instant expiresAt() { return local.expiresAt(); }
        @Override public long bytesServed() { return local.bytesServed(); }
        @Override public void revoke() { local.revoke(); }
        @Override public String toString() { return local.toString(); }
      };
    }

    @Override
    public int localPort() {
      return -1;
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
