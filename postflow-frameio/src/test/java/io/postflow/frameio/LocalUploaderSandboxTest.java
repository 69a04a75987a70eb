package io.postflow.frameio;

import io.postflow.testkit.TestFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.RemoteFileStatus;
import io.postflow.api.UploadRequest;
import io.postflow.api.UploadResult;
import io.postflow.frameio.auth.StaticTokenAuthenticator;
import io.postflow.testkit.FrameioSandbox;
import io.postflow.testkit.RemoteSourceRules;
import io.postflow.testkit.SandboxFile;
import io.postflow.api.ServiceException;
import java.util.concurrent.ExecutionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The uploaders end to end, through the real client, against the Frame.io sandbox. */
class LocalUploaderSandboxTest {
  private static final long SIZE = 256L << 20;

  @TempDir Path dir;
  @TempDir Path sandboxDir;
  private FrameioSandbox sandbox;
  private FrameioClient client;

  @BeforeEach
  void setUp() {
    start(RemoteSourceRules.strict());
  }

  private void start(RemoteSourceRules sources) {
    start(FrameioSandbox.builder().remoteSources(sources));
  }

  /** Replaces the sandbox with one built by {@code builder} (this test's directory, delay and seed). */
  private void start(FrameioSandbox.Builder builder) {
    if (sandbox != null) {
      client.close();
      sandbox.close();
    }
    sandbox = builder.tempDirectory(sandboxDir).transcodeDelay(Duration.ofMillis(300)).randomSeed(7).start();
    client = FrameioClient.builder().baseUri(sandbox.baseUri())
        .authenticator(StaticTokenAuthenticator.of(sandbox.issueAccessToken())).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
    sandbox.close();
  }

  @Test
  void upload_of43Parts_with5PercentOfPartPutsFailing_arrivesCompleteWithTheRightSha256()
      throws Exception {
    // The 43 parts of a 1 GiB file at Frame.io's usual 25 MB, in a quarter of the bytes: the parts,
    // their failures and retries are what this proves; streaming without holding parts in memory
    // is LocalUploaderTest's 512 MiB upload, and 1 GiB crosses no size boundary 256 MiB does not.
    start(FrameioSandbox.builder().maxPartBytes(6_250_000));
    Path file = TestFiles.sparse(dir.resolve("UNDLM_00042_v002.mov"), SIZE, 1);
    sandbox.faults().failPartPutShare(0.05, 503);

    try (LocalUploader uploader = LocalUploader.builder().client(client)
        .accountId(sandbox.accountId()).build()) {
      UploadResult result = uploader.upload(UploadRequest.of(file, sandbox.rootFolderId()))
          .completion().get(5, TimeUnit.MINUTES);

      String expected = TestFiles.sha256(file);
      SandboxFile remote = sandbox.inspect().file(result.fileId()).orElseThrow();
      assertThat(result.sha256()).isEqualTo(expected);
      assertThat(remote.sha256()).isEqualTo(expected);
      assertThat(remote.fileSize()).isEqualTo(SIZE);
      assertThat(remote.partsExpected()).isEqualTo(43);
      assertThat(remote.partsReceived()).isEqualTo(remote.partsExpected());
      assertThat(result.mediaType()).isEqualTo(remote.mediaType());
      assertThat(result.attempts()).isEqualTo(1);
      assertThat(remote.status()).isIn("uploaded", "transcoded");
      var puts = sandbox.inspect().requests(r -> r.operation().equals("s3.put_part"));
      assertThat(puts).filteredOn(r -> r.status() == 503).as("faults were injected").isNotEmpty();
      assertThat(puts).filteredOn(r -> r.status() == 200).hasSize(remote.partsExpected());
      assertThat(puts).allMatch(r -> r.header("authorization") == null
          && "private".equals(r.header("x-amz-acl")));
    }
  }

  @Test
  void upload_waitingForTranscodes_reportsTranscoded() throws Exception {
    Path file = Files.write(dir.resolve("small.mov"), LocalUploaderTest.randomBytes(3_000_000));

    try (LocalUploader uploader = LocalUploader.builder().client(client)
        .accountId(sandbox.accountId()).waitForTranscode(true).build()) {
      UploadResult result = uploader.upload(UploadRequest.of(file, sandbox.rootFolderId()))
          .completion().get(60, TimeUnit.SECONDS);

      assertThat(result.remoteStatus()).isEqualTo(RemoteFileStatus.TRANSCODED);
      assertThat(sandbox.inspect().file(result.fileId()).orElseThrow().sha256())
          .isEqualTo(result.sha256());
    }
  }

  @Test
  void upload_whoseLastPartAnswerIsLost_andTheRetryFindsTheUploadComplete_succeeds() throws Exception {
    Path file = Files.write(dir.resolve("lost.mov"), LocalUploaderTest.randomBytes(200_000));
    sandbox.faults().losePartAnswers(1); // the only part lands, completes the upload, the 200 is lost

    try (LocalUploader uploader = LocalUploader.builder().client(client)
        .accountId(sandbox.accountId()).build()) {
      UploadResult result = uploader.upload(UploadRequest.of(file, sandbox.rootFolderId()))
          .completion().get(60, TimeUnit.SECONDS);

      SandboxFile remote = sandbox.inspect().file(result.fileId()).orElseThrow();
      assertThat(remote.sha256()).isEqualTo(result.sha256()).isEqualTo(TestFiles.sha256(file));
      var puts = sandbox.inspect().requests(r -> r.operation().equals("s3.put_part"));
      assertThat(puts).extracting(r -> r.status()).containsExactly(0, 404); // kept once, never replaced
      assertThat(sandbox.inspect().files()).hasSize(1);
    }
  }

  @Test
  void remoteUpload_theSandboxPullsThroughTheExposer_andGetsTheSameBytes() throws Exception {
    start(RemoteSourceRules.lenient()); // the test exposer serves plain HTTP on loopback, no tunnel
    byte[] content = LocalUploaderTest.randomBytes(5_000_000);
    Path file = Files.write(dir.resolve("remote.mov"), content);

    try (RemoteUploadTestExposer exposer = new RemoteUploadTestExposer();
        RemoteUploader uploader = RemoteUploader.builder().client(client)
            .accountId(sandbox.accountId()).exposer(exposer)
            .tunnel(new RemoteUploadLoopbackTunnel()).build()) {
      UploadResult result = uploader.upload(UploadRequest.of(file, sandbox.rootFolderId()))
          .completion().get(60, TimeUnit.SECONDS);

      assertThat(result.sha256()).isEqualTo(LocalUploaderTest.sha256(content));
      assertThat(sandbox.inspect().file(result.fileId()).orElseThrow().sha256())
          .isEqualTo(result.sha256());
      assertThat(exposer.exposures.get(0).revoked).isTrue();
    }
  }

  @Test
  void remoteUpload_ofAPlainHttpLoopbackSource_underTheStrictDefault_failsNamingSourceUrl() throws Exception {
    Path file = Files.write(dir.resolve("remote.mov"), LocalUploaderTest.randomBytes(1000));

    try (RemoteUploadTestExposer exposer = new RemoteUploadTestExposer();
        RemoteUploader uploader = RemoteUploader.builder().client(client)
            .accountId(sandbox.accountId()).exposer(exposer)
            .tunnel(new RemoteUploadLoopbackTunnel()).build()) {
      var completion = uploader.upload(UploadRequest.of(file, sandbox.rootFolderId())).completion();

      assertThatThrownBy(() -> completion.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(ServiceException.class)
          .satisfies(e -> assertThat(((ServiceException) e).httpStatus()).isEqualTo(422))
          .satisfies(e -> assertThat(e.getMessage()).contains("source_url"));
      assertThat(sandbox.inspect().files()).isEmpty();
      assertThat(exposer.exposures.get(0).revoked).isTrue();
    }
  }

}
