package io.postflow.frameio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.ConfigurationException;
import io.postflow.api.UploadException;
import io.postflow.api.UploadHandle;
import io.postflow.api.UploadMethod;
import io.postflow.api.UploadPhase;
import io.postflow.api.UploadRequest;
import io.postflow.api.UploadResult;
import io.postflow.testkit.ManualTime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteUploaderTest {
  @TempDir Path dir;
  private RemoteUploadTestExposer exposer;
  private RemoteUploadLoopbackTunnel tunnel;
  private UploadTransportFake transport;
  private final ExecutorService service = Executors.newCachedThreadPool();
  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicBoolean pulled = new AtomicBoolean();
  private byte[] received;
  private RemoteUploader uploader;

  @BeforeEach
  void setUp() throws IOException {
    exposer = new RemoteUploadTestExposer();
    tunnel = new RemoteUploadLoopbackTunnel();
    transport = new UploadTransportFake(null);
    transport.status = id -> new UploadTransport.Status(pulled.get(), false);
    uploader = RemoteUploader.builder().transport(transport).exposer(exposer).tunnel(tunnel).build();
  }

  @AfterEach
  void tearDown() {
    uploader.close();
    exposer.close();
    service.shutdownNow();
  }

  /** Plays the service: fetches the source URL in the given ranges, then reports complete. */
  private void serviceFetches(long size, long[]... ranges) {
    received = new byte[(int) size];
    transport.onRemoteUpload = url -> service.submit(() -> {
      for (long[] range : ranges) {
        HttpRequest get = HttpRequest.newBuilder(url)
            .header("Range", "bytes=" + range[0] + "-" + (range[1] - 1)).build();
        byte[] body = http.send(get, HttpResponse.BodyHandlers.ofByteArray()).body();
        System.arraycopy(body, 0, received, (int) range[0], body.length);
      }
      pulled.set(true);
      return null;
    });
  }

  @Test
  void upload_whileTheServicePullsInOrder_completesWithTheSha256_andRevokesTheExposure()
      throws Exception {
    byte[] content = LocalUploaderTest.randomBytes(1_000_000);
    Path file = Files.write(dir.resolve("UNDLM_00042_v002.mov"), content);
    serviceFetches(content.length, new long[] {0, 600_000}, new long[] {600_000, 1_000_000});
    UploadRecordingListener listener = new UploadRecordingListener();

    UploadHandle handle = uploader.upload(UploadRequest.builder().file(file).folderId("f")
        .listener(listener).build());
    UploadResult result = handle.completion().get(30, TimeUnit.SECONDS);

    assertThat(received).isEqualTo(content);
    assertThat(result.sha256()).isEqualTo(LocalUploaderTest.sha256(content));
    assertThat(result.method()).isEqualTo(UploadMethod.REMOTE);
    assertThat(result.fileId()).isEqualTo("remote-1");
    assertThat(result.mediaType()).isEqualTo("video/quicktime");
    assertThat(result.attempts()).isEqualTo(1);
    URI source = transport.remoteSources.get(0);
    assertThat(source.getHost()).isEqualTo("localhost");
    assertThat(source.getRawPath()).isEqualTo(exposer.exposures.get(0).url().getRawPath());
    assertThat(exposer.exposures.get(0).revoked).isTrue();
    assertThat(exposer.exposures.get(0).bytesServed()).isEqualTo(content.length);
    assertThat(handle.progress().bytesTransferred()).isEqualTo(content.length);
    assertThat(handle.progress().phase()).isEqualTo(UploadPhase.COMPLETED);
    listener.awaitTerminal();
    assertThat(listener.withoutProgress()).containsExactly("started", "created remote-1", "completed");
    assertThat(transport.deleted).isEmpty();
  }

  @Test
  void upload_whenPulledOutOfOrder_stillReturnsTheSha256OfTheFile() throws Exception {
    byte[] content = LocalUploaderTest.randomBytes(700_000);
    Path file = Files.write(dir.resolve("a.mov"), content);
    serviceFetches(content.length, new long[] {400_000, 700_000}, new long[] {0, 400_000});

    UploadResult result = uploader.upload(UploadRequest.of(file, "f")).completion()
        .get(30, TimeUnit.SECONDS);

    assertThat(received).isEqualTo(content);
    assertThat(result.sha256()).isEqualTo(LocalUploaderTest.sha256(content));
  }

  @Test
  void tunnel_isOpenedOnceForManyUploads_andNeverClosedByTheUploader() throws Exception {
    Path file = Files.write(dir.resolve("a.mov"), LocalUploaderTest.randomBytes(1000));
    serviceFetches(1000, new long[] {0, 1000});
    uploader.upload(UploadRequest.of(file, "f")).completion().get(30, TimeUnit.SECONDS);
    uploader.upload(UploadRequest.of(file, "f")).completion().get(30, TimeUnit.SECONDS);

    assertThat(tunnel.opened).hasValue(1);
    uploader.close();
    assertThat(tunnel.closed).as("the tunnel is the caller's, even when the uploader opened it")
        .hasValue(0);
    assertThat(tunnel.endpoint()).isPresent();
  }

  @Test
  void upload_whenTheServiceNeverFetches_failsAsStalled_revokes_andDeletesThePlaceholder()
      throws Exception {
    Path file = Files.write(dir.resolve("a.mov"), LocalUploaderTest.randomBytes(1000));
    ManualTime time = ManualTime.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
    RemoteUploader stalled = RemoteUploader.builder().transport(transport).exposer(exposer)
        .tunnel(tunnel).clock(time.clock()).sleeper(time.sleeper())
        .stallTimeout(Duration.ofMinutes(1)).build();

    UploadHandle handle = stalled.upload(UploadRequest.of(file, "f"));

    assertThatThrownBy(() -> handle.completion().get(30, TimeUnit.SECONDS)).cause()
        .isInstanceOf(UploadException.class)
        .hasMessageContaining("the service stopped fetching the file: 0 of 1000 bytes served");
    assertThat(exposer.exposures.get(0).revoked).isTrue();
    assertThat(transport.deleted).containsExactly("remote-1");
    stalled.close();
  }

  @Test
  void upload_thatWaitedInTheExecutorLongerThanTheStallTimeout_isNotTakenForAStall()
      throws Exception {
    byte[] content = LocalUploaderTest.randomBytes(1000);
    Path file = Files.write(dir.resolve("a.mov"), content);
    int[] polls = {0};
    transport.status = id -> new UploadTransport.Status(++polls[0] >= 2, false);
    ManualTime time = ManualTime.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
    ExecutorService single = Executors.newSingleThreadExecutor();
    CountDownLatch busy = new CountDownLatch(1);
    single.execute(() -> {
      try {
        busy.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    RemoteUploader queued = RemoteUploader.builder().transport(transport).exposer(exposer)
        .tunnel(tunnel).clock(time.clock()).sleeper(time.sleeper()).executor(single)
        .stallTimeout(Duration.ofMinutes(1)).build();
    try {
      UploadHandle handle = queued.upload(UploadRequest.of(file, "f"));
      time.advance(Duration.ofMinutes(2)); // the upload waits behind another task
      busy.countDown();

      UploadResult result = handle.completion().get(30, TimeUnit.SECONDS);

      assertThat(result.sha256()).isEqualTo(LocalUploaderTest.sha256(content));
      assertThat(polls[0]).isEqualTo(2);
    } finally {
      queued.close();
      single.shutdownNow();
    }
  }

  @Test
  void upload_whenTheFileChangesDuringThePull_failsAndCleansUp() throws Exception {
    Path file = Files.write(dir.resolve("a.mov"), LocalUploaderTest.randomBytes(1000));
    transport.onRemoteUpload = url -> {
      try {
        Files.write(file, LocalUploaderTest.randomBytes(1200));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };

    UploadHandle handle = uploader.upload(UploadRequest.of(file, "f"));

    assertThatThrownBy(() -> handle.completion().get(30, TimeUnit.SECONDS)).cause()
        .isInstanceOf(UploadException.class)
        .hasMessageContaining("the file changed on disk while it was uploaded (size 1000 -> 1200");
    assertThat(exposer.exposures.get(0).revoked).isTrue();
    assertThat(transport.deleted).containsExactly("remote-1");
  }

  @Test
  void upload_whenTheServiceReportsUploadFailed_failsAndCleansUp() throws Exception {
    Path file = Files.write(dir.resolve("a.mov"), LocalUploaderTest.randomBytes(1000));
    transport.status = id -> new UploadTransport.Status(false, true);

    UploadHandle handle = uploader.upload(UploadRequest.of(file, "f"));

    assertThatThrownBy(() -> handle.completion().get(30, TimeUnit.SECONDS)).cause()
        .isInstanceOf(UploadException.class).hasMessageContaining("upload_failed");
    assertThat(exposer.exposures.get(0).revoked).isTrue();
    assertThat(transport.deleted).containsExactly("remote-1");
  }

  @Test
  void cancel_whileTheServicePulls_revokesTheExposure_andDeletesThePlaceholder() throws Exception {
    Path file = Files.write(dir.resolve("a.mov"), LocalUploaderTest.randomBytes(1000));
    CountDownLatch started = new CountDownLatch(1);
    transport.onRemoteUpload = url -> started.countDown();
    UploadRecordingListener listener = new UploadRecordingListener();
    UploadHandle handle = uploader.upload(UploadRequest.builder().file(file).folderId("f")
        .listener(listener).build());
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(handle.cancel()).isTrue();

    listener.awaitTerminal();
    assertThat(listener.error).isInstanceOf(CancellationException.class);
    assertThatThrownBy(() -> handle.completion().get(10, TimeUnit.SECONDS))
        .isInstanceOf(CancellationException.class);
    assertThat(exposer.exposures.get(0).revoked).isTrue();
    assertThat(transport.deleted).containsExactly("remote-1");
  }

  @Test
  void upload_withALocalExposureAndNoTunnel_failsSayingWhatIsMissing() throws Exception {
    Path file = Files.write(dir.resolve("a.mov"), LocalUploaderTest.randomBytes(10));
    RemoteUploader noTunnel = RemoteUploader.builder().transport(transport).exposer(exposer).build();

    UploadHandle handle = noTunnel.upload(UploadRequest.of(file, "f"));

    assertThatThrownBy(() -> handle.completion().get(30, TimeUnit.SECONDS)).cause()
        .isInstanceOf(UploadException.class).hasMessageContaining("no tunnel was configured");
    assertThat(exposer.exposures.get(0).revoked).isTrue();
    assertThat(transport.created).isEmpty();
    noTunnel.close();
  }

  @Test
  void build_requiresAnExposer() {
    assertThatThrownBy(() -> RemoteUploader.builder().transport(transport).build())
        .isInstanceOf(ConfigurationException.class).hasMessage("'exposer' is required");
    assertThatThrownBy(() -> RemoteUploader.builder().transport(transport).exposer(exposer)
        .stallTimeout(Duration.ofSeconds(-1)).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'stallTimeout'");
  }
}
