package io.postflow.tunnel;

import io.postflow.testkit.TestFiles;
import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.Exposure;
import io.postflow.api.ExposureListener;
import io.postflow.api.ExposureOptions;
import io.postflow.api.TunnelEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remote pull of a 256 MiB file through the exposer and a forwarding fake tunnel that is killed
 * mid-transfer: the supervisor restarts it (new public URL), the puller resumes with
 * {@code Range} + {@code If-Range} like a real fetcher, and the bytes add up to the right SHA-256.
 */
class RemotePullEndToEndTest {
  // Big enough that the kill lands mid-transfer with many chunks on both sides of it; the size
  // crosses no boundary a bigger file would (offsets are longs, 2 GiB is far), so 1 GiB proved no
  // more and cost four times the copying and hashing (three JVMs on a busy 2-core machine).
  private static final long SIZE = 256L << 20;
  private static final long KILL_AT = 75L << 20;
  @TempDir Path dir;

  @Test
  void pull_whenTheTunnelDiesMidTransfer_resumesAfterRestartAndCompletesWithTheRightHash() throws Exception {
    Path file = TestFiles.sparse(dir.resolve("UNDLM_00042_v002.mov"), SIZE, 1);
    String expected = TestFiles.sha256(file);
    RecordingSleeper sleeper = new RecordingSleeper();
    AtomicLong listened = new AtomicLong();
    try (HttpFileExposer exposer = HttpFileExposer.builder().build();
        CloudflareQuickTunnel tunnel = CloudflareQuickTunnel.builder()
            .binary(new FakeAgents(dir).script("cloudflared", "cloudflared", Map.of())).scheme("http")
            .sleeper(sleeper).build()) {
      Exposure exposure = exposer.expose(file, ExposureOptions.ofDefaults(), new ExposureListener() {
        @Override
        public void onBytesServed(Exposure e, long offset, long count) {
          listened.addAndGet(count);
        }
      });
      TunnelEndpoint first = tunnel.open(exposer.localPort(), Duration.ofSeconds(30));

      Pull pull = new Pull(tunnel, exposure);
      pull.run(() -> tunnel.supervisor().currentProcess().ifPresent(ProcessHandle::destroyForcibly));

      assertThat(pull.received).isEqualTo(SIZE);
      assertThat(HexFormat.of().formatHex(pull.digest.digest())).isEqualTo(expected);
      assertThat(pull.statuses.get(0)).isEqualTo(200);
      assertThat(pull.statuses).contains(206);
      assertThat(pull.urls).hasSizeGreaterThanOrEqualTo(2).contains(first.publicUrl().getPort());
      assertThat(pull.urls.get(pull.urls.size() - 1)).isNotEqualTo(first.publicUrl().getPort());
      assertThat(tunnel.supervisor().restarts()).isEqualTo(1);
      assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1));
      // The exposer counted at least every byte the puller kept (some were in flight when the tunnel died).
      // (Eventually: the server thread counts a chunk just after the client has read it.)
      assertThat(FakeAgents.eventually(Duration.ofSeconds(5),
          () -> exposure.bytesServed() >= SIZE && exposure.bytesServed() == listened.get())).isTrue();
    }
  }

  /** A resuming Range client, like the sandbox's fetcher: reads the endpoint afresh after each failure. */
  private static final class Pull {
    final MessageDigest digest = MessageDigest.getInstance("SHA-256");
    final List<Integer> statuses = new ArrayList<>();
    final List<Integer> urls = new ArrayList<>();
    final CloudflareQuickTunnel tunnel;
    final Exposure exposure;
    long received;
    String etag;

    Pull(CloudflareQuickTunnel tunnel, Exposure exposure) throws Exception {
      this.tunnel = tunnel;
      this.exposure = exposure;
    }

    void run(Runnable killTunnel) throws Exception {
      boolean killed = false;
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      byte[] buffer = new byte[1 << 20];
      while (received < SIZE) {
        assertThat(System.nanoTime()).as("pull did not finish in time").isLessThan(deadline);
        Optional<TunnelEndpoint> endpoint = tunnel.endpoint();
        if (endpoint.isEmpty()) {
          Thread.sleep(20);
          continue;
        }
        int port = endpoint.get().publicUrl().getPort();
        try (RawHttp http = new RawHttp(port)) {
          String path = endpoint.get().publicUrlFor(exposure.url()).getRawPath();
          http.send("GET " + path + " HTTP/1.1\r\nHost: fetcher\r\n"
              + (received > 0 ? "Range: bytes=" + received + "-\r\nIf-Range: " + etag + "\r\n" : "") + "\r\n");
          RawHttp.Response head = http.read(true);
          if (head == null) {
            throw new IOException("closed before answering");
          }
          if (urls.isEmpty() || urls.get(urls.size() - 1) != port) {
            urls.add(port);
          }
          statuses.add(head.status);
          assertThat(head.status).isEqualTo(received == 0 ? 200 : 206);
          etag = head.header("ETag");
          InputStream in = http.input();
          int n;
          while (received < SIZE && (n = in.read(buffer)) > 0) {
            digest.update(buffer, 0, n);
            received += n;
            if (!killed && received >= KILL_AT) {
              killed = true;
              killTunnel.run();
            }
          }
        } catch (IOException e) {
          Thread.sleep(20); // the tunnel is down: look for the new endpoint
        }
      }
    }
  }

}
