package io.postflow.frameio;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.UploadRequest;
import io.postflow.api.UploadResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code UploadListener.onRemoteFileCreated}: once per remote file, with the id the result carries,
 * before the first part or progress, and again for a new remote file when the upload starts over.
 */
class RemoteFileCreatedTest {
  @TempDir Path dir;
  private PartTestServer server;
  private UploadTransportFake transport;
  private LocalUploader local;

  @BeforeEach
  void setUp() throws Exception {
    server = new PartTestServer();
    transport = new UploadTransportFake(server);
    local = LocalUploader.builder().transport(transport).build();
  }

  @AfterEach
  void tearDown() {
    local.close();
    server.close();
  }

  private UploadRequest request(Path file, UploadRecordingListener listener) {
    return UploadRequest.builder().file(file).folderId("f").listener(listener).build();
  }

  @Test
  void localUpload_reportsTheResultsFileId_beforeAnyPartOrProgress() throws Exception {
    Path file = Files.write(dir.resolve("a.mov"), LocalUploaderTest.randomBytes(2_500_000));
    UploadRecordingListener listener = new UploadRecordingListener();

    UploadResult result = local.upload(request(file, listener)).completion().get(30, TimeUnit.SECONDS);
    listener.awaitTerminal();

    assertThat(listener.events).startsWith("started", "created " + result.fileId())
        .containsOnlyOnce("created " + result.fileId());
    assertThat(listener.events.indexOf("created file-1"))
        .isLessThan(listener.events.indexOf("part 0/3")).isLessThan(listener.events.indexOf("progress"));
  }

  @Test
  void localUpload_thatStartsOver_reportsTheNewFile_beforeItsParts() throws Exception {
    Path file = Files.write(dir.resolve("a.mov"), LocalUploaderTest.randomBytes(2_500_000));
    server.script = (fileId, part, attempt) -> fileId.equals("file-1") && part == 2
        ? PartTestServer.Reply.error(403, "AccessDenied") : null;
    UploadRecordingListener listener = new UploadRecordingListener();
    LocalUploader quick = LocalUploader.builder().transport(transport).partConcurrency(1)
        .partRetry(RetryPolicy.builder().maxAttempts(1).build()).build();
    try {
      UploadResult result = quick.upload(request(file, listener)).completion().get(30, TimeUnit.SECONDS);
      listener.awaitTerminal();

      assertThat(result.attempts()).isEqualTo(2);
      List<String> created = listener.events.stream().filter(e -> e.startsWith("created")).toList();
      assertThat(created).containsExactly("created file-1", "created file-2");
      List<String> second = listener.events.subList(listener.events.indexOf("created file-2"),
          listener.events.size());
      assertThat(second).filteredOn(e -> e.startsWith("part ")).hasSize(3);
      assertThat(result.fileId()).isEqualTo("file-2");
    } finally {
      quick.close();
    }
  }

  @Test
  void localUpload_cancelledAfterTheFileWasCreated_stillReportsIt() throws Exception {
    Path file = Files.write(dir.resolve("a.mov"), LocalUploaderTest.randomBytes(1_000_000));
    CountDownLatch never = new CountDownLatch(1);
    server.script = (fileId, part, attempt) -> PartTestServer.Reply.hold(never);
    UploadRecordingListener listener = new UploadRecordingListener();
    var handle = local.upload(request(file, listener));
    assertThat(server.firstHold.await(10, TimeUnit.SECONDS)).isTrue();

    handle.cancel();
    listener.awaitTerminal();
    never.countDown();

    assertThat(listener.withoutProgress()).containsExactly("started", "created file-1", "failed");
    assertThat(listener.error).isInstanceOf(CancellationException.class);
    assertThat(transport.deleted).containsExactly("file-1");
  }

  @Test
  void remoteUpload_reportsTheResultsFileId_beforeAnyProgress() throws Exception {
    Path file = Files.write(dir.resolve("a.mov"), LocalUploaderTest.randomBytes(1000));
    UploadRecordingListener listener = new UploadRecordingListener();
    try (RemoteUploadTestExposer exposer = new RemoteUploadTestExposer();
        RemoteUploader remote = RemoteUploader.builder().transport(transport).exposer(exposer)
            .tunnel(new RemoteUploadLoopbackTunnel()).build()) {
      UploadResult result = remote.upload(request(file, listener)).completion().get(30, TimeUnit.SECONDS);
      listener.awaitTerminal();

      assertThat(result.fileId()).isEqualTo("remote-1");
      assertThat(listener.events).startsWith("started", "created remote-1")
          .containsOnlyOnce("created remote-1");
    }
  }
}
