package io.postflow.frameio;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.UploadCheckpoint;
import io.postflow.api.UploadListener;
import io.postflow.api.UploadRequest;
import io.postflow.api.UploadResult;
import io.postflow.frameio.auth.StaticTokenAuthenticator;
import io.postflow.testkit.FrameioSandbox;
import io.postflow.testkit.SandboxFile;
import io.postflow.testkit.TestFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resuming a local upload from an {@link UploadCheckpoint}, as a process does after a crash: only
 * the missing parts are sent, to the same placeholder; a checkpoint whose URLs have expired starts
 * over with a new placeholder after deleting the old one.
 */
class UploadResumeTest {
  private static final long PART = 1 << 20;

  @TempDir Path dir;
  private FrameioSandbox sandbox;
  private FrameioClient client;

  @BeforeEach
  void setUp() {
    sandbox = FrameioSandbox.builder().transcodeDelay(Duration.ZERO).maxPartBytes(PART).start();
    client = FrameioClient.builder().baseUri(sandbox.baseUri())
        .authenticator(StaticTokenAuthenticator.of(sandbox.issueAccessToken())).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
    sandbox.close();
  }

  @Test
  void checkpoint_isReportedAfterCreationAndEachPart_withoutShowingItsUrls() throws Exception {
    Path file = TestFiles.random(dir.resolve("a.mov"), 3 * PART, 1);
    List<UploadCheckpoint> checkpoints = new CopyOnWriteArrayList<>();
    UploadListener recorder = new UploadListener() {
      @Override
      public void onCheckpoint(UploadRequest request, UploadCheckpoint checkpoint) {
        checkpoints.add(checkpoint);
      }
    };
    try (LocalUploader uploader = LocalUploader.builder().client(client).accountId(sandbox.accountId()).build()) {
      UploadResult result = uploader.upload(UploadRequest.builder().file(file).folderId(sandbox.rootFolderId())
          .listener(recorder).build()).completion().get(30, TimeUnit.SECONDS);

      assertThat(checkpoints).hasSize(4);
      assertThat(checkpoints.get(0).partsDone()).isEmpty();
      assertThat(checkpoints.get(3).partsDone()).containsExactlyInAnyOrder(0, 1, 2);
      assertThat(checkpoints).allSatisfy(c -> assertThat(c.fileId()).isEqualTo(result.fileId()));
      assertThat(checkpoints.get(0).toString()).doesNotContain("X-Amz-Signature").doesNotContain("http");
    }
  }

  @Test
  void resumeFrom_sendsOnlyTheMissingParts_toTheSamePlaceholder() throws Exception {
    Path file = TestFiles.random(dir.resolve("b.mov"), 3 * PART + 12_345, 2);
    PresignedUpload created = client.account(sandbox.accountId())
        .createLocalUpload(sandbox.rootFolderId(), "b.mov", Files.size(file));
    putPart(created, file, 0); // what the crashed process had sent before it died
    UploadCheckpoint checkpoint = checkpointOf(created).withPartDone(0);
    int putsBefore = partPuts();

    try (LocalUploader uploader = LocalUploader.builder().client(client).accountId(sandbox.accountId()).build()) {
      UploadResult result = uploader.upload(UploadRequest.builder().file(file).folderId(sandbox.rootFolderId())
          .resumeFrom(checkpoint).build()).completion().get(30, TimeUnit.SECONDS);

      assertThat(result.fileId()).isEqualTo(created.file().id());
      assertThat(result.sha256()).isEqualTo(TestFiles.sha256(file));
      assertThat(partPuts() - putsBefore).as("parts sent on resume").isEqualTo(created.parts().size() - 1);
      SandboxFile remote = sandbox.inspect().file(result.fileId()).orElseThrow();
      assertThat(remote.sha256()).isEqualTo(TestFiles.sha256(file));
      assertThat(sandbox.inspect().files()).hasSize(1);
    }
  }

  @Test
  void resumeFrom_withExpiredUrls_deletesThePlaceholderAndStartsOver() throws Exception {
    Path file = TestFiles.random(dir.resolve("c.mov"), 2 * PART, 3);
    PresignedUpload created = client.account(sandbox.accountId())
        .createLocalUpload(sandbox.rootFolderId(), "c.mov", Files.size(file));
    UploadCheckpoint checkpoint = checkpointOf(created);
    Instant expiry = UploadResume.expiry(checkpoint.partUrls().get(0)).orElseThrow(
        () -> new AssertionError("the sandbox's part URLs carry X-Amz-Date and X-Amz-Expires"));

    try (LocalUploader uploader = LocalUploader.builder().client(client).accountId(sandbox.accountId())
        .clock(java.time.Clock.fixed(expiry.minusSeconds(30), java.time.ZoneOffset.UTC)).build()) {
      UploadResult result = uploader.upload(UploadRequest.builder().file(file).folderId(sandbox.rootFolderId())
          .resumeFrom(checkpoint).build()).completion().get(30, TimeUnit.SECONDS);

      assertThat(result.fileId()).isNotEqualTo(created.file().id());
      assertThat(sandbox.inspect().file(created.file().id())).as("the stale placeholder").isEmpty();
      assertThat(sandbox.inspect().files()).singleElement()
          .satisfies(f -> assertThat(f.sha256()).isEqualTo(TestFiles.sha256(file)));
    }
  }

  private int partPuts() {
    return sandbox.inspect().requests(r -> r.method().equals("PUT") && r.status() == 200).size();
  }

  private static UploadCheckpoint checkpointOf(PresignedUpload created) {
    UploadCheckpoint.Builder b = UploadCheckpoint.builder().fileId(created.file().id()).mediaType(created.mediaType());
    created.parts().forEach(p -> b.addPartSizes(p.size()).addPartUrls(p.url()));
    return b.build();
  }

  private static void putPart(PresignedUpload created, Path file, int index) throws Exception {
    byte[] all = Files.readAllBytes(file);
    long offset = 0;
    for (int i = 0; i < index; i++) {
      offset += created.parts().get(i).size();
    }
    byte[] part = Arrays.copyOfRange(all, (int) offset, (int) (offset + created.parts().get(index).size()));
    HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(created.parts().get(index).url()))
        .header("Content-Type", created.mediaType()).header("x-amz-acl", "private")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(part)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
  }
}
