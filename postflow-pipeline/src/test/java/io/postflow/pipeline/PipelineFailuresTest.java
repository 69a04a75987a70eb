package io.postflow.pipeline;

import static io.postflow.pipeline.SandboxPipeline.await;
import static io.postflow.pipeline.SandboxPipeline.exactly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryException;
import io.postflow.api.DeliveryHandle;
import io.postflow.api.DeliveryState;
import io.postflow.api.LocalFileException;
import io.postflow.api.Notification;
import io.postflow.api.PipelineListener;
import io.postflow.api.Shot;
import io.postflow.frameio.FrameioClient;
import io.postflow.frameio.LocalUploader;
import io.postflow.frameio.RetryPolicy;
import io.postflow.frameio.auth.StaticTokenAuthenticator;
import io.postflow.testkit.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the pipeline ends a delivery that does not go smoothly, one situation per test. */
class PipelineFailuresTest {
  @TempDir
  Path work;

  private SandboxPipeline env;
  private final List<Notification> notifications = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startSandbox() throws Exception {
    env = new SandboxPipeline(work);
  }

  @AfterEach
  void stopSandbox() {
    env.close();
  }

  @Test
  void submit_completesTheHandleWithTheDelivery_andTheSameVersionTwiceIsOneDelivery() throws Exception {
    Path render = TestFiles.random(work.resolve("KRAK_00001_v001.mov"), 300_000, 1);
    try (PostFlow postflow = env.builder().build().start()) {
      DeliveryHandle handle = postflow.submit(render);
      Delivery delivered = handle.completion().get(30, TimeUnit.SECONDS);
      DeliveryHandle again = postflow.submit(render);

      assertThat(delivered.state()).isEqualTo(DeliveryState.DELIVERED);
      assertThat(delivered.file().root()).isEqualTo("local");
      assertThat(delivered.facts().fileId()).isPresent();
      assertThat(again.id()).isEqualTo(handle.id());
      assertThat(again.completion()).isCompletedWithValueMatching(d -> d.state() == DeliveryState.DELIVERED);
      assertThat(env.sandbox.inspect().files()).hasSize(1);
    }
  }

  @Test
  void submit_ofAMissingFileOrAFolder_isRefusedNamingThePath_andBeforeStartIsAnError() throws Exception {
    try (PostFlow postflow = env.builder().build()) {
      assertThatThrownBy(() -> postflow.submit(work.resolve("x.mov")))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("start()");
      postflow.start();
      assertThatThrownBy(() -> postflow.submit(work.resolve("KRAK_00001_v001.mov")))
          .isInstanceOf(LocalFileException.class)
          .hasMessageContaining("KRAK_00001_v001.mov").hasMessageContaining("no such file");
      assertThatThrownBy(() -> postflow.submit(env.renders))
          .isInstanceOf(LocalFileException.class).hasMessageContaining("not a regular file");
    }
    assertThat(env.sandbox.inspect().files()).isEmpty();
  }

  @Test
  void aPermanentServiceError_failsTheDeliveryWithTheReason_withoutRetrying() throws Exception {
    Path render = TestFiles.random(work.resolve("KRAK_00001_v001.mov"), 1000, 1);
    try (PostFlow postflow = env.builder().rootFolderId("00000000-0000-0000-0000-000000000000")
        .notifier(notifications::add).build().start()) {
      DeliveryHandle handle = postflow.submit(render);

      assertThatThrownBy(() -> handle.completion().get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(DeliveryException.class)
          .hasMessageContaining("KRAK_00001_v001.mov was not delivered (failed)");
      Delivery failed = handle.delivery();
      assertThat(failed.state()).isEqualTo(DeliveryState.FAILED);
      assertThat(failed.attempts()).isZero();
      assertThat(failed.reason()).hasValueSatisfying(r -> assertThat(r).contains("404"));
      assertThat(env.events.milestones("KRAK_00001_v001.mov")).last().asString().startsWith("failed: ");
    }
    // Told on the notifier's own thread; closing tells what it holds.
    assertThat(notifications).extracting(Notification::kind).containsExactly(Notification.Kind.FAILED);
  }

  @Test
  void aFailureThatMayPass_isRetriedWithBackOff_andTheDeliveryGoesThrough() throws Exception {
    // Two part PUTs fail, which is every attempt the uploader makes itself: the pipeline retries.
    env.sandbox.faults().failPartPuts(2, 503);
    Path render = TestFiles.random(work.resolve("KRAK_00002_v001.mov"), 5000, 2);
    try (FrameioClient client = FrameioClient.builder().baseUri(env.sandbox.baseUri())
            .authenticator(StaticTokenAuthenticator.of(env.sandbox.issueAccessToken())).build();
        LocalUploader uploader = LocalUploader.builder().client(client).accountId(env.sandbox.accountId())
            .partRetry(RetryPolicy.builder().maxAttempts(2).baseDelay(Duration.ofMillis(1))
                .maxDelay(Duration.ofMillis(1)).build())
            .build();
        PostFlow postflow = env.builder().uploader(uploader).build().start()) {
      Delivery delivered = postflow.submit(render).completion().get(60, TimeUnit.SECONDS);

      assertThat(delivered.state()).isEqualTo(DeliveryState.DELIVERED);
      assertThat(delivered.attempts()).isEqualTo(1);
      assertThat(env.events.events("KRAK_00002_v001.mov")).contains("retried 1");
      assertThat(env.sandbox.inspect().files()).singleElement()
          .satisfies(f -> assertThat(f.sha256()).isEqualTo(TestFiles.sha256(render)));
    }
  }

  @Test
  void aListenerThatThrows_neverStopsThePipelineNorTheListenersAfterIt() throws Exception {
    Path render = TestFiles.random(work.resolve("KRAK_00001_v001.mov"), 1000, 1);
    PipelineListener broken = new PipelineListener() {
      @Override
      public void onSeen(Delivery d) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void onMatched(Delivery d, Shot shot) {
        throw new IllegalStateException("listener bug");
      }
    };
    try (PostFlow postflow = PostFlow.builder()
        .frameioBaseUri(env.sandbox.baseUri())
        .authenticator(StaticTokenAuthenticator.of(env.sandbox.issueAccessToken()))
        .projectId(env.sandbox.projectId())
        .shotList(env.shotList)
        .journalFile(work.resolve("journal.db"))
        .listener(broken)
        .listener(env.events)
        .build().start()) {
      assertThat(postflow.submit(render).completion().get(30, TimeUnit.SECONDS).state())
          .isEqualTo(DeliveryState.DELIVERED);
      assertThat(env.events.milestones("KRAK_00001_v001.mov")).startsWith("seen", "matched").endsWith("delivered");
    }
  }

  @Test
  void aFileRewrittenBeforeItsTurn_isSuperseded_andTheNewVersionIsDelivered() throws Exception {
    try (PostFlow postflow = env.builder().build().start()) {
      Path render = TestFiles.random(env.renders.resolve("KRAK_00001_v001.mov"), 2000, 1);
      DeliveryHandle first = postflow.submit(render);
      // Rewritten at once: the first version may still be waiting or uploading.
      TestFiles.random(render, 3000, 2);
      Files.setLastModifiedTime(render, FileTime.from(Instant.now().plusSeconds(5)));
      DeliveryHandle second = postflow.submit(render);

      assertThat(second.completion().get(30, TimeUnit.SECONDS).state()).isEqualTo(DeliveryState.DELIVERED);
      assertThatThrownBy(() -> first.completion().get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(DeliveryException.class).hasMessageContaining("superseded");
      assertThat(env.sandbox.inspect().files()).singleElement()
          .satisfies(f -> assertThat(f.sha256()).isEqualTo(TestFiles.sha256(render)));
    }
  }

  @Test
  void anUnknownShot_isQuarantined_andDeliveredOnceItIsInTheListAndRequeued() throws Exception {
    Path render = TestFiles.random(env.renders.resolve("KRAK_00004_v001.mov"), 1000, 4);
    try (PostFlow postflow = env.builder().notifier(notifications::add).build().start()) {
      await(postflow, exactly(DeliveryState.QUARANTINED, 1));
      assertThat(SandboxPipeline.only(postflow).reason()).contains("shot KRAK_00004 is not in the shot list");
    }
    assertThat(notifications).extracting(Notification::kind).containsExactly(Notification.Kind.QUARANTINED);
    // The production adds the shot; the next start looks at quarantined renders again.
    ShotListFixture.write(env.shotList, "PHARE - NUIT", "PHARE - NUIT", "PORT - AUBE", "PORT - AUBE");
    try (PostFlow postflow = env.builder().build().start()) {
      await(postflow, exactly(DeliveryState.DELIVERED, 1));
      assertThat(env.sandbox.inspect().fileNamed(render.getFileName().toString())).isPresent();
    }
  }

  @Test
  void close_whileAnUploadStalls_givesTheDeliveryBack_andTheNextStartDeliversItOnce() throws Exception {
    env.sandbox.faults().stallPartPuts(1, Duration.ofSeconds(3));
    Path render = TestFiles.random(work.resolve("KRAK_00001_v001.mov"), 100_000, 1);
    PostFlow postflow = env.builder().build().start();
    DeliveryHandle handle = postflow.submit(render);
    awaitEvent("KRAK_00001_v001.mov", "upload started");

    assertThat(postflow.close(Duration.ofMillis(100))).as("every worker ended").isTrue();
    assertThat(handle.completion()).isNotDone();
    try (PostFlow again = env.builder().build().start()) {
      Delivery pending = SandboxPipeline.only(again);
      assertThat(pending.attempts()).as("a stop is not a failed attempt").isZero();
      await(again, exactly(DeliveryState.DELIVERED, 1));
    }
    assertThat(env.sandbox.inspect().files()).singleElement()
        .satisfies(f -> assertThat(f.sha256()).isEqualTo(TestFiles.sha256(render)));
  }

  @Test
  void aPreviousVersionDeletedInFrameio_isNotStackedOn_andTheNewVersionIsDelivered() throws Exception {
    try (PostFlow postflow = env.builder().build().start();
        FrameioClient client = FrameioClient.builder().baseUri(env.sandbox.baseUri())
            .authenticator(StaticTokenAuthenticator.of(env.sandbox.issueAccessToken())).build()) {
      Path v1 = TestFiles.random(work.resolve("KRAK_00001_v001.mov"), 1000, 1);
      Delivery first = postflow.submit(v1).completion().get(30, TimeUnit.SECONDS);
      client.account(env.sandbox.accountId()).deleteFile(first.facts().fileId().orElseThrow());

      Path v2 = TestFiles.random(work.resolve("KRAK_00001_v002.mov"), 1000, 2);
      Delivery second = postflow.submit(v2).completion().get(30, TimeUnit.SECONDS);

      assertThat(second.facts().stackedAt()).isPresent();
      assertThat(second.facts().versionStackId()).isEmpty();
      assertThat(env.events.milestones("KRAK_00001_v002.mov")).doesNotContain("stacked");
    }
  }

  @Test
  void build_startsNoThread_andStartTwiceOrAfterCloseIsRefused() throws Exception {
    PostFlow postflow = env.builder().build();
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("postflow-worker"));
    postflow.start();
    assertThatThrownBy(postflow::start).isInstanceOf(IllegalStateException.class);
    postflow.close();
    postflow.close();
    assertThatThrownBy(postflow::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThatThrownBy(postflow::deliveries).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  private void awaitEvent(String file, String event) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!env.events.events(file).contains(event)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(file + " never had '" + event + "': " + env.events.events(file));
      }
      Thread.sleep(5);
    }
  }
}
