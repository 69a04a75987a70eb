package io.postflow.pipeline;

import static io.postflow.pipeline.PipelineNotificationsTest.awaitThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryState;
import io.postflow.api.Notification;
import io.postflow.notify.DiscordNotifier;
import io.postflow.testkit.FakeDiscord;
import io.postflow.testkit.TestFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process is killed (-9) after a render was delivered and before the team was told (Discord
 * answered 502 and the notifier is backing off): the next start tells the team exactly once.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES) // two child JVMs, each awaited for up to 90 s
class NotificationCrashTest {
  @TempDir
  Path work;

  @Test
  void killedBetweenDeliveredAndNotified_theNextStartSendsTheMessageOnce() throws Exception {
    try (SandboxPipeline env = new SandboxPipeline(work); FakeDiscord discord = FakeDiscord.start()) {
      discord.then(FakeDiscord.Answer.serverError(502));
      TestFiles.random(env.renders.resolve("KRAK_00001_v001.mov"), 4000, 1);
      String token = env.sandbox.issueAccessToken();
      Process child = new ProcessBuilder(List.of(
          ProcessHandle.current().info().command().orElse("java"),
          "-cp", System.getProperty("java.class.path"), "-Xmx256m", "-XX:TieredStopAtLevel=1",
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
          CrashChild.class.getName(), env.sandbox.baseUri().toString(), token, env.sandbox.accountId(),
          env.sandbox.projectId(), work.toString(), "--discord", discord.webhookUrl().toString()))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      try {
        awaitThat("the child delivered and Discord refused the message", () -> discord.received().size() == 1);
      } finally {
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(discord.messages()).isEmpty();

      try (PostFlow postflow = env.builder()
          .notifier(DiscordNotifier.builder().webhookUrl(discord.webhookUrl()).build(), Notification.Kind.DELIVERED)
          .build().start()) {
        awaitThat("the owed message was told and recorded", () -> postflow.deliveries()
            .list(Set.of(DeliveryState.DELIVERED), 10).stream().anyMatch(d -> d.facts().notifiedAt().isPresent()));
        List<Delivery> delivered = postflow.deliveries().list(Set.of(), 10);
        assertThat(delivered).singleElement().extracting(Delivery::state).isEqualTo(DeliveryState.DELIVERED);
      }
      assertThat(discord.messages()).hasSize(1);
      assertThat(discord.messages().get(0).body().path("embeds").get(0).path("title").asText())
          .isEqualTo("Delivered: KRAK_00001 v1");
    }
  }
}
