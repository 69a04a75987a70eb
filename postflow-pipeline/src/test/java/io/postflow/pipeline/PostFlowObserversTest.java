package io.postflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryState;
import io.postflow.api.Notification;
import io.postflow.api.Notifier;
import io.postflow.testkit.TestFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listeners and notifiers added to a built pipeline: what a dashboard uses to watch it from outside. */
class PostFlowObserversTest {
  @TempDir
  Path work;

  @Test
  void addedObservers_hearFromThenOn_afterTheConfiguredOnes_andNoLongerOnceRemoved() throws Exception {
    try (SandboxPipeline env = new SandboxPipeline(work);
        PostFlow postflow = env.builder().build()) {
      EventRecorder added = new EventRecorder();
      List<Notification> heard = new CopyOnWriteArrayList<>();
      Notifier notifier = heard::add;
      // Stays attached: once it has heard of a render, a notifier still attached would have too.
      List<Notification> witnessed = new CopyOnWriteArrayList<>();
      Notifier witness = witnessed::add;
      postflow.addListener(added);
      postflow.addNotifier(notifier);
      postflow.addNotifier(witness);
      postflow.addListener(new io.postflow.api.PipelineListener() {
        @Override
        public void onSeen(Delivery d) {
          throw new IllegalStateException("a broken observer");
        }
      });
      postflow.start();

      Delivery first = postflow.submit(TestFiles.random(env.renders.resolve("KRAK_00001_v001.mov"), 10_000, 1))
          .completion().get(30, TimeUnit.SECONDS);
      assertThat(added.milestones("KRAK_00001_v001.mov"))
          .isEqualTo(env.events.milestones("KRAK_00001_v001.mov"))
          .contains("delivered");
      // Notifications go out on the channels' own threads, after the delivery completes.
      PipelineNotificationsTest.awaitThat("the added notifier heard of the delivery", () -> !heard.isEmpty());
      assertThat(heard).extracting(Notification::kind).containsExactly(Notification.Kind.DELIVERED);
      assertThat(heard.get(0).delivery()).map(Delivery::id).contains(first.id());

      postflow.removeListener(added);
      postflow.removeNotifier(notifier);
      postflow.submit(TestFiles.random(env.renders.resolve("KRAK_00002_v001.mov"), 10_000, 2))
          .completion().get(30, TimeUnit.SECONDS);
      SandboxPipeline.await(postflow, SandboxPipeline.exactly(DeliveryState.DELIVERED, 2));
      assertThat(env.events.milestones("KRAK_00002_v001.mov")).contains("delivered");
      assertThat(added.events("KRAK_00002_v001.mov")).isEmpty();
      PipelineNotificationsTest.awaitThat("the witness heard of both deliveries", () -> witnessed.size() == 2);
      assertThat(heard).hasSize(1);
    }
  }
}
