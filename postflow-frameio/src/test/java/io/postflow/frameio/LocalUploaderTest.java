package io.postflow.frameio;

import io.postflow.testkit.TestFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.ConfigurationException;
import io.postflow.api.RemoteFileStatus;
import io.postflow.api.ServiceException;
import io.postflow.api.UploadException;
import io.postflow.api.UploadHandle;
import io.postflow.api.UploadListener;
import io.postflow.api.UploadMethod;
import io.postflow.api.UploadPhase;
import io.postflow.api.UploadRequest;
import io.postflow.api.UploadResult;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalUploaderTest {
  @TempDir Path dir;
  private PartTestServer server;
  private UploadTransportFake transport;
  private FakeTime time;
  private LocalUploader uploader;

  @BeforeEach
  void setUp() throws IOException {
    server = new PartTestServer();
    transport = new UploadTransportFake(server);
    time = new FakeTime();
    uploader = uploader(4);
  }

  @AfterEach
  void tearDown() {
    uploader.close();
    server.close();
  }

  private LocalUploader uploader(int concurrency) {
    return LocalUploader.builder().transport(transport).clock(time).sleeper(time)
        .partConcurrency(concurrency).build();
  }

  @Test
  void upload_sendsEveryPartWithTheSignedHeadersExactly_andReturnsTheSha256OfTheFile()
      throws Exception {
    byte[] content = randomBytes(4_500_001);
    Path file = write("UNDLM_00042_v002.mov", content);

    UploadResult result = uploader.upload(UploadRequest.of(file, "folder-1")).completion()
        .get(30, TimeUnit.SECONDS);

    assertThat(server.violations).isEmpty();
    assertThat(server.received).hasSize(5).allMatch(r -> r.status() == 200);
    assertThat(server.assembled(result.fileId())).isEqualTo(content);
    assertThat(result.sha256()).isEqualTo(sha256(content));
    assertThat(result.fileId()).isEqualTo("file-1");
    assertThat(result.fileName()).isEqualTo("UNDLM_00042_v002.mov");
    assertThat(result.folderId()).isEqualTo("folder-1");
    assertThat(result.sizeBytes()).isEqualTo(content.length);
    assertThat(result.mediaType()).isEqualTo("video/quicktime");
    assertThat(result.method()).isEqualTo(UploadMethod.LOCAL);
    assertThat(result.remoteStatus()).isEqualTo(RemoteFileStatus.UPLOADED);
    assertThat(result.attempts()).isEqualTo(1);
    assertThat(transport.deleted).isEmpty();
  }

  @Test
  void upload_whenPartFailsTwice_retriesThatPartOnly_fromItsOffset() throws Exception {
    byte[] content = randomBytes(3_000_000);
    Path file = write("a.mov", content);
    server.script = (fileId, part, attempt) -> part == 1 && attempt <= 2
        ? PartTestServer.Reply.error(attempt == 1 ? 500 : 503, "InternalError") : null;

    UploadResult result = uploader.upload(UploadRequest.of(file, "f")).completion()
        .get(30, TimeUnit.SECONDS);

    assertThat(server.requestsFor("file-1", 0)).isEqualTo(1);
    assertThat(server.requestsFor("file-1", 1)).isEqualTo(3);
    assertThat(server.requestsFor("file-1", 2)).isEqualTo(1);
    String partTwo = sha256(java.util.Arrays.copyOfRange(content, 1_000_000, 2_000_000));
    assertThat(server.received).filteredOn(r -> r.part() == 1)
        .allMatch(r -> r.sha256().equals(partTwo) && r.bytes() == 1_000_000);
    assertThat(result.sha256()).isEqualTo(sha256(content));
    assertThat(time.sleeps).hasSize(2);
    assertThat(time.sleeps.get(1)).isGreaterThan(time.sleeps.get(0));
  }

  @Test
  void upload_whenConnectionDropsMidPart_resendsThatPartWhole() throws Exception {
    byte[] content = randomBytes(2_000_000);
    Path file = write("a.mov", content);
    server.script = (fileId, part, attempt) ->
        part == 0 && attempt == 1 ? PartTestServer.Reply.drop() : null;

    UploadResult result = uploader.upload(UploadRequest.of(file, "f")).completion()
        .get(30, TimeUnit.SECONDS);

    assertThat(server.requestsFor("file-1", 0)).isEqualTo(2);
    assertThat(server.assembled("file-1")).isEqualTo(content);
    assertThat(result.sha256()).isEqualTo(sha256(content));
  }

  @Test
  void upload_whenAPartGetsNoAnswerInTime_retriesIt() throws Exception {
    assertPartTwoTimesOutOnceAndIsSentAgain(PartTestServer.Reply::hold);
  }

  @Test
  void upload_whenAPartsAnswerStallsAfterItsHeaders_timesOutAndRetriesIt() throws Exception {
    assertPartTwoTimesOutOnceAndIsSentAgain(PartTestServer.Reply::holdBody);
  }

  /**
   * Part 2's first attempt is answered by {@code slowReply}, which never completes; the part
   * timeout is 1 s. Only part 2's second attempt is asserted: on a busy machine another part may
   * also overrun 1 s and be sent again, which is correct behaviour.
   */
  private void assertPartTwoTimesOutOnceAndIsSentAgain(
      java.util.function.Function<CountDownLatch, PartTestServer.Reply> slowReply)
      throws Exception {
    byte[] content = randomBytes(1_500_000);
    Path file = write("a.mov", content);
    CountDownLatch slow = new CountDownLatch(1);
    server.script = (fileId, part, attempt) ->
        part == 1 && attempt == 1 ? slowReply.apply(slow) : null;
    LocalUploader impatient = LocalUploader.builder().transport(transport).clock(time)
        .sleeper(time).partTimeout(Duration.ofSeconds(1)).build();
    try {
      UploadResult result = impatient.upload(UploadRequest.of(file, "f")).completion()
          .get(60, TimeUnit.SECONDS);

      assertThat(server.assembled("file-1")).isEqualTo(content);
      assertThat(result.sha256()).isEqualTo(sha256(content));
      // Part 2 arrived whole although its first attempt is still held: it was sent again.
      assertThat(server.attemptsFor("file-1", 1)).isGreaterThanOrEqualTo(2);
    } finally {
      slow.countDown();
      impatient.close();
    }
  }

  @Test
  void upload_whenAPartsErrorAnswerHasAnEndlessBody_readsOnlyItsStart_andRetriesAtOnce()
      throws Exception {
    byte[] content = randomBytes(1_500_000);
    Path file = write("a.mov", content);
    server.script = (fileId, part, attempt) ->
        part == 1 && attempt == 1 ? PartTestServer.Reply.endlessBody(500) : null;

    // The part timeout is 15 minutes: the attempt must not wait for (nor keep) the whole body.
    UploadResult result = uploader.upload(UploadRequest.of(file, "f")).completion()
        .get(10, TimeUnit.SECONDS);

    assertThat(server.assembled("file-1")).isEqualTo(content);
    assertThat(result.sha256()).isEqualTo(sha256(content));
    assertThat(server.requestsFor("file-1", 1)).isEqualTo(2);
  }

  @Test
  void upload_throughASymbolicLink_sendsTheTargetsBytes() throws Exception {
    byte[] content = randomBytes(1_500_000);
    Path render = write("render.mov", content);
    Path link = Files.createSymbolicLink(dir.resolve("latest.mov"), render);

    UploadResult result = uploader.upload(UploadRequest.of(link, "f")).completion()
        .get(30, TimeUnit.SECONDS);

    assertThat(server.assembled(result.fileId())).isEqualTo(content);
    assertThat(result.sha256()).isEqualTo(sha256(content));
    assertThat(result.sizeBytes()).isEqualTo(content.length);
  }

  @Test
  void upload_whenPartUrlsAreRefusedForGood_deletesThePlaceholderAndStartsOverOnce()
      throws Exception {
    byte[] content = randomBytes(2_500_000);
    Path file = write("a.mov", content);
    server.script = (fileId, part, attempt) -> fileId.equals("file-1") && part == 2
        ? PartTestServer.Reply.error(403, "AccessDenied") : null;

    UploadResult result = uploader.upload(UploadRequest.of(file, "f")).completion()
        .get(30, TimeUnit.SECONDS);

    assertThat(result.attempts()).isEqualTo(2);
    assertThat(result.fileId()).isEqualTo("file-2");
    assertThat(transport.created).containsExactly("file-1", "file-2");
    assertThat(transport.deleted).containsExactly("file-1");
    assertThat(server.requestsFor("file-1", 2)).isEqualTo(4);
    assertThat(server.assembled("file-2")).isEqualTo(content);
    assertThat(result.sha256()).isEqualTo(sha256(content));
  }

  @Test
  void upload_whenNewPartUrlsAreRefusedToo_failsAndLeavesNoPlaceholder() throws Exception {
    Path file = write("a.mov", randomBytes(1_500_000));
    server.script = (fileId, part, attempt) -> PartTestServer.Reply.error(403, "SignatureDoesNotMatch");
    UploadRecordingListener listener = new UploadRecordingListener();

    UploadHandle handle = uploader.upload(request(file, listener));

    assertThatThrownBy(() -> handle.completion().join())
        .isInstanceOf(CompletionException.class)
        .cause().isInstanceOf(UploadException.class)
        .hasMessageContaining("a.mov: part ")
        .hasMessageContaining("HTTP 403 SignatureDoesNotMatch after 4 attempts")
        .hasMessageNotContaining("X-Amz-Signature");
    listener.awaitTerminal();
    assertThat(transport.created).containsExactly("file-1", "file-2");
    assertThat(transport.deleted).containsExactlyInAnyOrder("file-1", "file-2");
    assertThat(((UploadException) listener.error).remoteFileId()).isEmpty();
    assertThat(handle.progress().phase()).isEqualTo(UploadPhase.FAILED);
  }

  @Test
  void upload_whenPartGetsAClientError_failsAtOnceWithoutRetry() throws Exception {
    Path file = write("a.mov", randomBytes(500_000));
    server.script = (fileId, part, attempt) -> PartTestServer.Reply.error(400, "InvalidRequest");

    UploadHandle handle = uploader.upload(UploadRequest.of(file, "f"));

    assertThatThrownBy(() -> handle.completion().join()).cause()
        .isInstanceOf(UploadException.class)
        .hasMessageContaining("HTTP 400 InvalidRequest after 1 attempt")
        .satisfies(e -> assertThat(((UploadException) e).isRetryable()).isFalse());
    assertThat(server.requestsFor("file-1", 0)).isEqualTo(1);
    assertThat(transport.created).containsExactly("file-1");
    assertThat(transport.deleted).containsExactly("file-1");
  }

  @Test
  void upload_whenDeletingThePlaceholderFailsToo_reportsTheFirstFailure_andNamesTheLeftPlaceholder()
      throws Exception {
    Path file = write("a.mov", randomBytes(500_000));
    server.script = (fileId, part, attempt) -> PartTestServer.Reply.error(400, "InvalidRequest");
    transport.deleteFailure = new io.postflow.api.ServiceException(
        "DELETE /v4/accounts/{account_id}/files/{file_id}", 0, null, java.util.List.of(), 4, true, null);

    UploadHandle handle = uploader.upload(UploadRequest.of(file, "f"));

    assertThatThrownBy(() -> handle.completion().join()).cause()
        .isInstanceOf(UploadException.class)
        .hasMessageContaining("HTTP 400 InvalidRequest after 1 attempt")
        .hasMessageContaining("the placeholder file-1 could not be deleted")
        .satisfies(e -> assertThat(((UploadException) e).remoteFileId()).contains("file-1"));
    assertThat(transport.deleted).containsExactly("file-1");
    assertThat(handle.progress().phase()).isEqualTo(UploadPhase.FAILED);
  }

  /** Each retryable answer S3 gives a part is retried with a back-off, then the part goes through. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {408, 429, 500, 502, 503})
  void upload_whenAPartIsAnsweredRetryably_retriesItAfterABackoff(int status) throws Exception {
    byte[] content = randomBytes(1_500_000);
    Path file = write("a.mov", content);
    server.script = (fileId, part, attempt) -> part == 0 && attempt <= 2
        ? PartTestServer.Reply.error(status, "Retry" + status) : null;

    UploadResult result = uploader.upload(UploadRequest.of(file, "f")).completion()
        .get(30, TimeUnit.SECONDS);

    assertThat(result.sha256()).isEqualTo(sha256(content));
    assertThat(server.requestsFor("file-1", 0)).isEqualTo(3);
    assertThat(server.requestsFor("file-1", 1)).isEqualTo(1);
    assertThat(time.sleeps).hasSize(2).allSatisfy(wait -> assertThat(wait).isPositive());
  }

  @Test
  void upload_whenAPartKeepsFailingWith5xx_givesUpAfterTheAttemptsAllowed_retryably() throws Exception {
    Path file = write("a.mov", randomBytes(1_500_000));
    server.script = (fileId, part, attempt) -> part == 1 ? PartTestServer.Reply.error(503, "SlowDown") : null;

    UploadHandle handle = uploader.upload(UploadRequest.of(file, "f"));

    assertThatThrownBy(() -> handle.completion().get(30, TimeUnit.SECONDS)).cause()
        .isInstanceOf(UploadException.class)
        .hasMessageContaining("HTTP 503 SlowDown after 4 attempts")
        .satisfies(e -> assertThat(((UploadException) e).isRetryable()).isTrue());
    assertThat(server.requestsFor("file-1", 1)).isEqualTo(4);
    assertThat(transport.deleted).containsExactly("file-1");
  }

  @Test
  void upload_whenTheFileChangesWhileItIsSent_failsWithUploadException() throws Exception {
    byte[] content = randomBytes(3_000_000);
    Path file = write("growing.mov", content);
    server.beforeFirstRead = part -> {
      if (part == 1) {
        rewrite(file, 1_500_000);
      }
    };

    UploadHandle handle = uploadOne(file, 1);

    assertThatThrownBy(() -> handle.completion().join()).cause()
        .isInstanceOf(UploadException.class)
        .hasMessageContaining("growing.mov: the file changed on disk while it was uploaded")
        .satisfies(e -> assertThat(((UploadException) e).isRetryable()).isTrue());
    assertThat(transport.deleted).containsExactly("file-1");
  }

  @Test
  void cancellingTheFuture_onceTheUploadHasSucceeded_isRefused_andTheFutureAgreesWithTheListener()
      throws Exception {
    Path file = write("a.mov", randomBytes(100));
    CountDownLatch inOnCompleted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    UploadListener slowOnCompleted = new UploadListener() {
      @Override
      public void onCompleted(UploadResult result) {
        inOnCompleted.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    UploadHandle handle = uploader.upload(request(file, slowOnCompleted));
    assertThat(inOnCompleted.await(10, TimeUnit.SECONDS)).isTrue();

    boolean cancelled = handle.completion().cancel(true);
    release.countDown();

    assertThat(cancelled).as("the listener was already told the upload completed").isFalse();
    assertThat(handle.completion().get(10, TimeUnit.SECONDS).fileId()).isEqualTo("file-1");
    assertThat(transport.deleted).isEmpty();
  }

  @Test
  void cancel_abortsThePartsInFlight_deletesThePlaceholder_andEndsWithCancellation()
      throws Exception {
    Path file = write("a.mov", randomBytes(3_000_000));
    CountDownLatch never = new CountDownLatch(1);
    server.script = (fileId, part, attempt) -> PartTestServer.Reply.hold(never);
    UploadRecordingListener listener = new UploadRecordingListener();
    UploadHandle handle = uploader.upload(request(file, listener));
    assertThat(server.firstHold.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(handle.cancel()).isTrue();

    listener.awaitTerminal();
    assertThat(listener.error).isInstanceOf(CancellationException.class);
    assertThatThrownBy(() -> handle.completion().get(10, TimeUnit.SECONDS))
        .isInstanceOf(CancellationException.class);
    assertThat(transport.deleted).containsExactly("file-1");
    assertThat(handle.progress().phase()).isEqualTo(UploadPhase.CANCELLED);
    assertThat(handle.cancel()).isFalse();
    assertThat(listener.withoutProgress()).startsWith("started").endsWith("failed")
        .containsOnlyOnce("failed");
    never.countDown();
  }

  @Test
  void cancellingTheFuture_cancelsTheUpload() throws Exception {
    Path file = write("a.mov", randomBytes(1_000_000));
    CountDownLatch never = new CountDownLatch(1);
    server.script = (fileId, part, attempt) -> PartTestServer.Reply.hold(never);
    UploadRecordingListener listener = new UploadRecordingListener();
    UploadHandle handle = uploader.upload(request(file, listener));
    assertThat(server.firstHold.await(10, TimeUnit.SECONDS)).isTrue();

    handle.completion().cancel(true);

    listener.awaitTerminal();
    assertThat(listener.error).isInstanceOf(CancellationException.class);
    assertThat(transport.deleted).containsExactly("file-1");
    never.countDown();
  }

  @Test
  void cancel_beforeTheUploadStarts_createsNoPlaceholder() throws Exception {
    Path file = write("a.mov", randomBytes(1000));
    CountDownLatch gate = new CountDownLatch(1);
    java.util.concurrent.ExecutorService held = java.util.concurrent.Executors.newSingleThreadExecutor();
    held.execute(() -> {
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    LocalUploader queued = LocalUploader.builder().transport(transport).executor(held).build();
    UploadRecordingListener listener = new UploadRecordingListener();
    UploadHandle handle = queued.upload(request(file, listener));

    assertThat(handle.cancel()).isTrue();
    gate.countDown();

    listener.awaitTerminal();
    assertThat(listener.withoutProgress()).containsExactly("started", "failed");
    assertThat(listener.error).isInstanceOf(CancellationException.class);
    assertThat(transport.created).isEmpty();
    held.shutdownNow();
  }

  @Test
  void listener_getsStartedCreatedPartsAndOneTerminalCall_inOrder_neverTwoAtOnce() throws Exception {
    Path file = write("a.mov", randomBytes(6_000_000));
    UploadRecordingListener listener = new UploadRecordingListener();

    uploader.upload(request(file, listener)).completion().get(30, TimeUnit.SECONDS);
    listener.awaitTerminal();

    assertThat(listener.withoutProgress()).hasSize(9).startsWith("started", "created file-1")
        .endsWith("completed");
    assertThat(listener.withoutProgress().subList(2, 8)).allMatch(e -> e.endsWith("/6"))
        .doesNotHaveDuplicates();
    assertThat(listener.overlapped).isFalse();
    assertThat(listener.progress).isNotEmpty();
    assertThat(listener.progress.get(listener.progress.size() - 1).phase())
        .isEqualTo(UploadPhase.COMPLETED);
    assertThat(listener.result.sizeBytes()).isEqualTo(6_000_000);
  }

  @Test
  void cancelRacingCompletion_alwaysEndsWithExactlyOneTerminalCall_agreeingWithTheFuture()
      throws Exception {
    Path file = write("a.mov", randomBytes(300_000));
    transport.partSize = 100_000;
    Random random = new Random(11);
    for (int i = 0; i < 30; i++) {
      UploadRecordingListener listener = new UploadRecordingListener();
      UploadHandle handle = uploader.upload(request(file, listener));
      Thread.sleep(random.nextInt(15));
      boolean cancelled = handle.cancel();

      listener.awaitTerminal();
      assertThat(listener.withoutProgress()).filteredOn(e -> e.equals("completed")
          || e.equals("failed")).hasSize(1);
      assertThat(listener.overlapped).isFalse();
      if (cancelled) {
        assertThat(listener.error).isInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> handle.completion().get(10, TimeUnit.SECONDS))
            .isInstanceOf(CancellationException.class);
      } else {
        assertThat(listener.result).isEqualTo(handle.completion().get(10, TimeUnit.SECONDS));
      }
    }
  }

  @Test
  void listener_thatThrows_doesNotFailTheUpload() throws Exception {
    Path file = write("a.mov", randomBytes(100));
    UploadListener throwing = new UploadListener() {
      @Override
      public void onPartCompleted(int partIndex, int totalParts, long partBytes) {
        throw new IllegalStateException("listener bug");
      }
    };

    UploadResult result = uploader.upload(request(file, throwing)).completion()
        .get(30, TimeUnit.SECONDS);

    assertThat(result.sizeBytes()).isEqualTo(100);
  }

  @Test
  void progress_afterCompletion_showsEveryByteAndPart() throws Exception {
    Path file = write("a.mov", randomBytes(2_000_001));
    UploadHandle handle = uploader.upload(UploadRequest.of(file, "f"));
    handle.completion().get(30, TimeUnit.SECONDS);

    assertThat(handle.progress().phase()).isEqualTo(UploadPhase.COMPLETED);
    assertThat(handle.progress().bytesTransferred()).isEqualTo(2_000_001);
    assertThat(handle.progress().partsCompleted()).isEqualTo(3);
    assertThat(handle.progress().totalParts()).isEqualTo(3);
    assertThat(handle.progress().fraction()).isEqualTo(1.0);
  }

  @Test
  void upload_ofA512MiBSparseFile_streamsItWithoutHoldingParts() throws Exception {
    Path file = dir.resolve("big.mov");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(512L << 20);
      raf.seek(300L << 20);
      raf.write(new byte[] {1, 2, 3});
    }
    server.storeBodies = false;
    transport.partSize = 100L << 20;

    UploadResult result = uploader(6).upload(UploadRequest.of(file, "f")).completion()
        .get(120, TimeUnit.SECONDS);

    assertThat(server.violations).isEmpty();
    assertThat(server.received).hasSize(6)
        .extracting(PartTestServer.Received::bytes).containsOnly(89478485L, 89478486L);
    assertThat(result.sha256()).isEqualTo(TestFiles.sha256(file));
  }

  @Test
  void upload_whenConfigured_waitsForTranscodes() throws Exception {
    Path file = write("a.mov", randomBytes(10));
    int[] polls = {0};
    transport.fileStatus = id -> ++polls[0] < 3 ? RemoteFileStatus.UPLOADED : RemoteFileStatus.TRANSCODED;
    LocalUploader waiting = LocalUploader.builder().transport(transport).clock(time).sleeper(time)
        .waitForTranscode(true).build();

    UploadResult result = waiting.upload(UploadRequest.of(file, "f")).completion()
        .get(30, TimeUnit.SECONDS);

    assertThat(result.remoteStatus()).isEqualTo(RemoteFileStatus.TRANSCODED);
    assertThat(polls[0]).isEqualTo(3);
    waiting.close();
  }

  @Test
  void upload_whenReadingTheStatusFailsAfterUploadComplete_completesAndKeepsTheFile()
      throws Exception {
    Path file = write("a.mov", randomBytes(10));
    transport.fileStatus = LocalUploaderTest::unavailable;

    UploadResult result = uploader.upload(UploadRequest.of(file, "f")).completion()
        .get(30, TimeUnit.SECONDS);

    assertThat(result.remoteStatus()).isEqualTo(RemoteFileStatus.UPLOADED);
    assertThat(transport.deleted).isEmpty();
  }

  @Test
  void upload_whenWaitingForTheTranscodeFails_failsButNeverDeletesTheUploadedFile()
      throws Exception {
    Path file = write("a.mov", randomBytes(10));
    transport.fileStatus = LocalUploaderTest::unavailable;
    LocalUploader waiting = LocalUploader.builder().transport(transport).clock(time).sleeper(time)
        .waitForTranscode(true).build();
    try {
      UploadHandle handle = waiting.upload(UploadRequest.of(file, "f"));

      assertThatThrownBy(() -> handle.completion().get(30, TimeUnit.SECONDS)).cause()
          .isInstanceOf(ServiceException.class);
      assertThat(transport.deleted).as("upload_complete was confirmed: the file is the upload")
          .isEmpty();
    } finally {
      waiting.close();
    }
  }

  @Test
  void upload_whenTheServiceReportsUploadFailed_failsAndDeletesThePlaceholder() throws Exception {
    Path file = write("a.mov", randomBytes(10));
    transport.status = id -> new UploadTransport.Status(false, true);

    UploadHandle handle = uploader.upload(UploadRequest.of(file, "f"));

    assertThatThrownBy(() -> handle.completion().join()).cause()
        .isInstanceOf(UploadException.class)
        .hasMessageContaining("Frame.io reported upload_failed for file file-1");
    assertThat(transport.deleted).containsExactly("file-1");
  }

  @Test
  void upload_whenNeverConfirmed_timesOutNamingTheStateAndKeepsTheFile() throws Exception {
    Path file = write("a.mov", randomBytes(10));
    transport.status = id -> new UploadTransport.Status(false, false);

    UploadHandle handle = uploader.upload(UploadRequest.of(file, "f"));

    assertThatThrownBy(() -> handle.completion().join()).cause()
        .isInstanceOf(UploadException.class)
        .hasMessageContaining("not confirmed within PT10M")
        .hasMessageContaining("upload_complete=false")
        .satisfies(e -> assertThat(((UploadException) e).remoteFileId()).contains("file-1"));
    assertThat(transport.deleted).isEmpty();
  }

  @Test
  void upload_ofAMissingOrEmptyFile_throwsAtOnce() throws Exception {
    Path empty = write("empty.mov", new byte[0]);

    assertThatThrownBy(() -> uploader.upload(UploadRequest.of(dir.resolve("nope.mov"), "f")))
        .isInstanceOf(UploadException.class).hasMessageContaining("no such file");
    assertThatThrownBy(() -> uploader.upload(UploadRequest.of(empty, "f")))
        .isInstanceOf(UploadException.class).hasMessageContaining("the file is empty");
    assertThatThrownBy(() -> uploader.upload(UploadRequest.of(dir, "f")))
        .isInstanceOf(UploadException.class).hasMessageContaining("not a regular file");
    assertThat(transport.created).isEmpty();
  }

  @Test
  void build_rejectsBadSettings_namingThem() {
    assertThatThrownBy(() -> LocalUploader.builder().transport(transport).partConcurrency(0).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("'partConcurrency' must be between 1 and 64, was 0");
    assertThatThrownBy(() -> LocalUploader.builder().transport(transport)
        .confirmTimeout(Duration.ZERO).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'confirmTimeout'");
    assertThatThrownBy(() -> LocalUploader.builder().build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'client'");
  }

  @Test
  void upload_withOnePartAtATime_andACallerExecutorOfOneThread_stillCompletes() throws Exception {
    Path file = write("a.mov", randomBytes(3_000_000));
    java.util.concurrent.ExecutorService single = java.util.concurrent.Executors.newSingleThreadExecutor();
    LocalUploader small = LocalUploader.builder().transport(transport).clock(time).sleeper(time)
        .executor(single).partConcurrency(6).build();

    UploadResult result = small.upload(UploadRequest.of(file, "f")).completion()
        .get(30, TimeUnit.SECONDS);

    assertThat(result.sizeBytes()).isEqualTo(3_000_000);
    small.close();
    assertThat(single.isShutdown()).as("a caller's executor is never shut down").isFalse();
    single.shutdownNow();
  }

  private UploadHandle uploadOne(Path file, int concurrency) {
    uploader.close();
    uploader = uploader(concurrency);
    return uploader.upload(UploadRequest.of(file, "f"));
  }

  private static UploadRequest request(Path file, UploadListener listener) {
    return UploadRequest.builder().file(file).folderId("f").listener(listener).build();
  }

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  private static void rewrite(Path file, int bytes) {
    try {
      Files.write(file, randomBytes(bytes), StandardOpenOption.WRITE);
      Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A status read that failed for good: 503s outlasting the client's retries. */
  private static RemoteFileStatus unavailable(String fileId) {
    throw new ServiceException("get file", 503, "req-1", List.of(), 4, true, null);
  }

  static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  static String sha256(byte[] bytes) {
    return TestFiles.sha256(bytes);
  }
}
