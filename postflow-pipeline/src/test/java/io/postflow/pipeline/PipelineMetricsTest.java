package io.postflow.pipeline;

import static io.postflow.pipeline.PipelineNotificationsTest.awaitThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.postflow.api.Notification;
import io.postflow.testkit.TestFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Micrometer meters and alerts of a real pipeline against the sandbox. */
class PipelineMetricsTest {
  @TempDir
  Path work;
  private SandboxPipeline env;

  @BeforeEach
  void start() throws Exception {
    env = new SandboxPipeline(work);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void aDelivery_isCountedAndTimed_inTheApplicationsRegistry() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Path render = TestFiles.random(work.resolve("KRAK_00001_v001.mov"), 3000, 1);
    try (PostFlow postflow = env.builder().meterRegistry(registry).build().start()) {
      postflow.submit(render).completion().get(30, TimeUnit.SECONDS);

      assertThat(registry.get("postflow.uploads").tag("outcome", "delivered").counter().count()).isEqualTo(1);
      assertThat(registry.get("postflow.upload.bytes").tag("outcome", "delivered").counter().count()).isEqualTo(3000);
      assertThat(registry.get("postflow.upload.throughput").summary().count()).isEqualTo(1);
      assertThat(registry.get("postflow.api.latency").tag("status", "2xx").timers())
          .extracting(t -> t.getId().getTag("endpoint"))
          .contains("POST /v4/accounts/{account_id}/folders/{folder_id}/files/local_upload")
          .allSatisfy(endpoint -> assertThat(endpoint).doesNotContain(env.sandbox.accountId()));
      assertThat(registry.get("postflow.structure.cache").tag("result", "miss").counter().count()).isPositive();
      assertThat(registry.get("postflow.journal.latency").tag("operation", "claim").timer().count()).isPositive();
      assertThat(registry.get("postflow.queue").gauges()).extracting(g -> g.getId().getTag("state"))
          .containsExactlyInAnyOrder("pending", "in_progress", "delivered", "quarantined", "failed", "superseded");
      assertThat(registry.getMeters()).extracting(Meter::getId).extracting(id -> id.getName())
          .contains("postflow.notifications.queued");
    }
  }

  @Test
  void anAlertRuleThatFires_isAnAlertNotification() throws Exception {
    List<Notification> told = new CopyOnWriteArrayList<>();
    try (PostFlow postflow = env.builder().notifier(told::add, Notification.Kind.ALERT)
        .alerts(AlertRules.builder().heapBytes(1).checkEvery(Duration.ofMillis(20)).build()).build().start()) {
      awaitThat("the heap alert", () -> !told.isEmpty());
    }
    assertThat(told).allSatisfy(n -> assertThat(n.kind()).isEqualTo(Notification.Kind.ALERT));
    assertThat(told.get(0).details()).containsEntry("Rule", "heap in use");
    assertThat(told).as("the cooldown holds it to one").hasSize(1);
  }
}
