package io.postflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.UploadHandle;
import io.postflow.api.UploadRequest;
import io.postflow.frameio.FrameioClient;
import io.postflow.frameio.LocalUploader;
import io.postflow.frameio.auth.StaticTokenAuthenticator;
import io.postflow.testkit.FrameioSandbox;
import io.postflow.testkit.TestFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the Ctrl-C hook does, run directly (a real shutdown hook only runs when the JVM exits). */
class CancelOnShutdownTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private FrameioSandbox sandbox;
  private FrameioClient client;
  private LocalUploader uploader;

  @BeforeEach
  void start() {
    sandbox = FrameioSandbox.start();
    client = FrameioClient.builder().baseUri(sandbox.baseUri())
        .authenticator(StaticTokenAuthenticator.of(sandbox.issueAccessToken())).build();
    uploader = LocalUploader.builder().client(client).accountId(sandbox.accountId()).build();
  }

  @AfterEach
  void stop() {
    uploader.close();
    client.close();
    sandbox.close();
  }

  private boolean cancel(UploadHandle handle) {
    return CancelOnShutdown.cancel(handle, new PrintStream(err, true, StandardCharsets.UTF_8), Duration.ofSeconds(10));
  }

  @Test
  void cancel_midTransfer_deletesThePlaceholder() throws Exception {
    Path file = TestFiles.random(dir.resolve("KRAK_00003_v001.mov"), 200_000, 1);
    sandbox.faults().stallPartPuts(1, Duration.ofSeconds(20));
    UploadHandle handle = uploader.upload(UploadRequest.of(file, sandbox.rootFolderId()));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (sandbox.inspect().files().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(sandbox.inspect().files()).as("placeholder created").hasSize(1);

    boolean cancelled = cancel(handle);

    assertThat(cancelled).isTrue();
    assertThat(handle.completion()).isCancelled();
    assertThat(sandbox.inspect().files()).as("placeholder deleted").isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("upload cancelled");
  }

  @Test
  void cancel_afterTheUploadEnded_doesNothing() {
    Path file = TestFiles.random(dir.resolve("a.mov"), 1_000, 2);
    UploadHandle handle = uploader.upload(UploadRequest.of(file, sandbox.rootFolderId()));
    handle.completion().join();

    assertThat(cancel(handle)).isFalse();
    assertThat(sandbox.inspect().files()).hasSize(1);
    assertThat(err.size()).isZero();
  }
}
