package io.postflow.pipeline.endtoend;

import io.postflow.testkit.TestFiles;
import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.RemoteFileStatus;
import io.postflow.api.UploadMethod;
import io.postflow.api.UploadRequest;
import io.postflow.api.UploadResult;
import io.postflow.frameio.FrameioClient;
import io.postflow.frameio.RemoteUploader;
import io.postflow.frameio.auth.StaticTokenAuthenticator;
import io.postflow.testkit.FrameioSandbox;
import io.postflow.testkit.RemoteSourceRules;
import io.postflow.testkit.SandboxFile;
import io.postflow.tunnel.HttpFileExposer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole remote path with the real pieces: the sandbox's {@code remote_upload} pulls a 256 MiB
 * render through PostFlow's {@link HttpFileExposer} and a tunnel, and the tunnel dies under a third
 * of the way through and comes back on the same address (as a named tunnel or {@code ssh -R} does). The
 * sandbox resumes with Range requests and the file arrives whole.
 */
class RemoteUploadThroughTunnelTest {
  // Sixty-four of the exposer's 4 MiB chunks, the drop in the middle of one: the size crosses no
  // boundary a bigger file would (offsets are longs, 2 GiB is far), so 1 GiB proved no more and
  // cost four times the hashing, copying and the sandbox's writing on a busy 2-core machine.
  private static final long SIZE = 256L << 20;
  private static final long KILL_AFTER = 75L << 20;

  @TempDir Path dir;

  @Test
  void remoteUpload_whenTheTunnelIsKilledAndRestartedMidTransfer_completesWithTheRightSha256() throws Exception {
    Path render = TestFiles.sparse(dir.resolve("UNDLM_00042_v002.mov"), SIZE, 42);
    String expected = TestFiles.sha256(render);
    AtomicBoolean killed = new AtomicBoolean();

    // the test tunnel is plain HTTP on loopback and breaks mid-transfer: the lenient rules resume
    try (FrameioSandbox sandbox = FrameioSandbox.builder().transcodeDelay(Duration.ZERO)
            .remoteSources(RemoteSourceRules.lenient()).start();
        FrameioClient client = FrameioClient.builder().baseUri(sandbox.baseUri())
            .authenticator(StaticTokenAuthenticator.of(sandbox.issueAccessToken())).build();
        HttpFileExposer exposer = HttpFileExposer.builder().build();
        RestartableForwarder tunnel = new RestartableForwarder();
        RemoteUploader uploader = RemoteUploader.builder().client(client).accountId(sandbox.accountId())
            .exposer(exposer).tunnel(tunnel).stallTimeout(Duration.ofSeconds(30)).build()) {
      tunnel.onForwarded(total -> {
        if (total >= KILL_AFTER && killed.compareAndSet(false, true)) {
          Thread restarter = new Thread(() -> {
            tunnel.kill();
            sleep(150); // the process is down for a moment; the puller's retries must bridge it
            tunnel.restart();
          }, "tunnel-restarter");
          restarter.start();
        }
      });

      UploadResult result = uploader.upload(UploadRequest.of(render, sandbox.rootFolderId()))
          .completion().get(3, TimeUnit.MINUTES);

      assertThat(killed).isTrue();
      assertThat(tunnel.restarts()).isEqualTo(1);
      assertThat(tunnel.connections()).as("the sandbox came back after the drop").isGreaterThanOrEqualTo(2);
      assertThat(result.method()).isEqualTo(UploadMethod.REMOTE);
      assertThat(result.sizeBytes()).isEqualTo(SIZE);
      assertThat(result.sha256()).isEqualTo(expected);
      assertThat(result.remoteStatus()).isIn(RemoteFileStatus.UPLOADED, RemoteFileStatus.TRANSCODED);
      SandboxFile received = sandbox.inspect().file(result.fileId()).orElseThrow();
      assertThat(received.uploadFailed()).isFalse();
      assertThat(received.fileSize()).isEqualTo(SIZE);
      assertThat(received.sha256()).isEqualTo(expected);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

}
