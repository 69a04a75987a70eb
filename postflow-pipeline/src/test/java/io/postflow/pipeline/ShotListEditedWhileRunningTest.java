package io.postflow.pipeline;

import static io.postflow.pipeline.SandboxPipeline.await;
import static io.postflow.pipeline.SandboxPipeline.exactly;
import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.DeliveryState;
import io.postflow.api.Notification;
import io.postflow.api.ShotStatus;
import io.postflow.production.shotlist.ReloadableShotRepository;
import io.postflow.testkit.TestFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production edits the CSV shot list while the pipeline runs: the list is reloaded with its
 * statuses, and a render quarantined for a shot the edit adds is delivered without a restart.
 */
class ShotListEditedWhileRunningTest {
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
  void aRenderForAShotTheListLacks_isDeliveredOnceTheRunningPipelineSeesTheEditedList() throws Exception {
    Path render = TestFiles.random(env.renders.resolve("KRAK_00004_v001.mov"), 1000, 4);
    try (PostFlow postflow = env.builder().notifier(notifications::add).build().start()) {
      await(postflow, exactly(DeliveryState.QUARANTINED, 1));
      assertThat(SandboxPipeline.only(postflow).reason()).contains("shot KRAK_00004 is not in the shot list");
      postflow.shots().updateStatus("KRAK_00001", ShotStatus.AE_IN_PROGRESS);

      // The production adds shot 4 to the spreadsheet and exports the CSV again.
      ShotListFixture.write(env.shotList, "PHARE - NUIT", "PHARE - NUIT", "PORT - AUBE", "PORT - AUBE");

      await(postflow, exactly(DeliveryState.DELIVERED, 1));
      assertThat(env.sandbox.inspect().fileNamed(render.getFileName().toString())).isPresent();
      assertThat(postflow.shots().findByNomenclature("KRAK_00004")).isPresent();
      assertThat(postflow.shots().findByNomenclature("KRAK_00001").orElseThrow().status())
          .as("the reload keeps statuses").isEqualTo(ShotStatus.AE_IN_PROGRESS);
      // Told on the channel's own thread: wait for it, then check it was told once.
      PipelineNotificationsTest.awaitThat("the quarantine was told", () -> notifications.stream()
          .anyMatch(n -> n.kind() == Notification.Kind.QUARANTINED));
      assertThat(notifications).extracting(Notification::kind).containsOnlyOnce(Notification.Kind.QUARANTINED);
    }
  }

  @Test
  void anEditThatAddsOtherShots_leavesTheQuarantinedRenderAlone() throws Exception {
    TestFiles.random(env.renders.resolve("KRAK_00009_v001.mov"), 1000, 4);
    try (PostFlow postflow = env.builder().notifier(notifications::add).build().start()) {
      await(postflow, exactly(DeliveryState.QUARANTINED, 1));
      CountDownLatch reloaded = new CountDownLatch(1);
      // Added after the pipeline's own listener, so it runs after the pipeline decided.
      ((ReloadableShotRepository) postflow.shots()).addReloadListener(reloaded::countDown);

      ShotListFixture.write(env.shotList, "PHARE - NUIT", "PHARE - NUIT", "PORT - AUBE", "PORT - AUBE");

      assertThat(reloaded.await(30, TimeUnit.SECONDS)).as("the running pipeline reloaded the list").isTrue();
      assertThat(postflow.shots().findByNomenclature("KRAK_00004")).isPresent();
      assertThat(postflow.deliveries().counts()).containsExactly(java.util.Map.entry(DeliveryState.QUARANTINED, 1L));
      assertThat(notifications).extracting(Notification::kind).containsExactly(Notification.Kind.QUARANTINED);
    }
  }
}
