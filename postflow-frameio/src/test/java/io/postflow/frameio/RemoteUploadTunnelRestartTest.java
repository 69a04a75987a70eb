package io.postflow.frameio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.TunnelException;
import io.postflow.api.UploadHandle;
import io.postflow.api.UploadRequest;
import io.postflow.api.UploadResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A remote upload that starts while the tunnel restarts waits for it, or fails retryably. */
class RemoteUploadTunnelRestartTest {
  @TempDir Path dir;
  private RemoteUploadTestExposer exposer;
  private final RemoteUploadLoopbackTunnel tunnel = new RemoteUploadLoopbackTunnel();
  private final UploadTransportFake transport = new UploadTransportFake(null);
  private RemoteUploader uploader;
  private Path file;

  @BeforeEach
  void setUp() throws Exception {
    exposer = new RemoteUploadTestExposer();
    file = Files.write(dir.resolve("a.mov"), LocalUploaderTest.randomBytes(1000));
  }

  @AfterEach
  void tearDown() {
    if (uploader != null) {
      uploader.close();
    }
    exposer.close();
  }

  /** An uploader whose first upload went through, after which the tunnel goes down. */
  private void firstUploadThenTunnelDown(Duration tunnelTimeout) throws Exception {
    uploader = RemoteUploader.builder().transport(transport).exposer(exposer).tunnel(tunnel)
        .tunnelTimeout(tunnelTimeout).build();
    uploader.upload(UploadRequest.of(file, "f")).completion().get(30, TimeUnit.SECONDS);
    assertThat(transport.remoteSources.get(0).getHost()).isEqualTo("localhost");
    tunnel.down();
  }

  @Test
  void upload_startedWhileTheTunnelRestarts_waitsForIt_andUsesItsNewUrl() throws Exception {
    firstUploadThenTunnelDown(Duration.ofSeconds(30));

    UploadHandle handle = uploader.upload(UploadRequest.of(file, "f"));
    // The exposure exists, so the upload has reached the tunnel and is waiting for it.
    assertThat(eventually(() -> exposer.exposures.size() == 2)).isTrue();
    assertThat(handle.completion()).isNotDone();
    tunnel.backAt("127.0.0.1", exposer.localPort());
    UploadResult result = handle.completion().get(30, TimeUnit.SECONDS);

    assertThat(result.fileId()).isEqualTo("remote-2");
    assertThat(transport.remoteSources.get(1).getHost()).isEqualTo("127.0.0.1");
    assertThat(tunnel.opened).as("a restarting tunnel is waited for, never opened again").hasValue(1);
  }

  @Test
  void upload_whenTheTunnelIsNotBackInTime_failsRetryably_beforeCreatingAnything() throws Exception {
    firstUploadThenTunnelDown(Duration.ofMillis(200));

    UploadHandle handle = uploader.upload(UploadRequest.of(file, "f"));

    assertThatThrownBy(() -> handle.completion().get(30, TimeUnit.SECONDS)).cause()
        .isInstanceOfSatisfying(TunnelException.class, e -> assertThat(e.isRetryable()).isTrue());
    assertThat(transport.created).containsExactly("remote-1");
    assertThat(exposer.exposures.get(1).revoked).isTrue();
    assertThat(transport.deleted).isEmpty();
  }

  private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 1500 && !condition.getAsBoolean(); i++) {
      Thread.sleep(20);
    }
    return condition.getAsBoolean();
  }
}
