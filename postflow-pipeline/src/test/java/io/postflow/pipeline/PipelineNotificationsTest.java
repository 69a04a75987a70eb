package io.postflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.postflow.api.Delivery;
import io.postflow.api.DeliveryHandle;
import io.postflow.api.DeliveryState;
import io.postflow.api.Notification;
import io.postflow.notify.DiscordNotifier;
import io.postflow.testkit.FakeDiscord;
import io.postflow.testkit.ManualTime;
import io.postflow.testkit.TestFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notifications as a journaled side effect: sent once, off the workers, caught up after a stop. */
class PipelineNotificationsTest {
  @TempDir
  Path work;
  private SandboxPipeline env;
  private FakeDiscord discord;

  @BeforeEach
  void start() throws Exception {
    env = new SandboxPipeline(work);
    discord = FakeDiscord.start();
  }

  @AfterEach
  void stop() {
    discord.close();
    env.close();
  }

  private DiscordNotifier discordNotifier() {
    return DiscordNotifier.builder().webhookUrl(discord.webhookUrl()).build();
  }

  @Test
  void aDeliveredRender_isOneDiscordMessage_recordedInTheJournal() throws Exception {
    Path render = TestFiles.random(work.resolve("KRAK_00001_v001.mov"), 2000, 1);
    try (PostFlow postflow = env.builder().notifier(discordNotifier(), Notification.Kind.DELIVERED).build().start()) {
      Delivery delivered = postflow.submit(render).completion().get(30, TimeUnit.SECONDS);
      awaitThat("the message was posted", () -> discord.messages().size() == 1);
      awaitThat("the journal knows", () -> notifiedAt(postflow, delivered.id()) != null);

      JsonNode embed = discord.messages().get(0).body().path("embeds").get(0);
      assertThat(embed.path("title").asText()).isEqualTo("Delivered: KRAK_00001 v1");
      assertThat(embed.path("url").asText()).isEqualTo("https://next.frame.io/project/" + env.sandbox.projectId()
          + "/view/" + delivered.facts().fileId().orElseThrow());
      assertThat(fieldNames(embed)).containsExactly("Shot", "Scene", "Version", "Size", "Upload time", "Folder", "File");
    }
    try (PostFlow again = env.builder().notifier(discordNotifier(), Notification.Kind.DELIVERED).build().start()) {
      awaitThat("a second start", () -> again.deliveries().counts().containsKey(DeliveryState.DELIVERED));
    }
    assertThat(discord.received()).as("told once, not again at the next start").hasSize(1);
  }

  @Test
  void aSlowDiscord_holdsUpNoUpload_andTheBurstIsGroupedWhenItAnswers() throws Exception {
    discord.hold();
    List<String> names = List.of("KRAK_00001_v001.mov", "KRAK_00002_v001.mov", "KRAK_00001_v002.mov",
        "KRAK_00002_v002.mov", "KRAK_00001_v003.mov");
    try (PostFlow postflow = env.builder().notifier(discordNotifier(), Notification.Kind.DELIVERED).build().start()) {
      List<DeliveryHandle> handles = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        handles.add(postflow.submit(TestFiles.random(work.resolve(names.get(i)), 1000 + i, i)));
      }
      for (DeliveryHandle handle : handles) {
        assertThat(handle.completion().get(30, TimeUnit.SECONDS).state()).isEqualTo(DeliveryState.DELIVERED);
      }
      assertThat(discord.messages()).as("every render delivered while Discord had not answered once").isEmpty();
      assertThat(discord.waiting()).isEqualTo(1);

      discord.release();
      awaitThat("the rest told in one message", () -> discord.messages().size() == 2);
      JsonNode grouped = discord.messages().get(1).body().path("embeds").get(0);
      assertThat(grouped.path("title").asText()).isEqualTo("SC01 PHARE NUIT: 4 new versions");
      awaitThat("all recorded", () -> postflow.deliveries().list(Set.of(DeliveryState.DELIVERED), 10).stream()
          .allMatch(d -> d.facts().notifiedAt().isPresent()));
    }
  }

  @Test
  void discordAnswering429_getsTheMessageLater() throws Exception {
    ManualTime time = ManualTime.startingAt(Instant.parse("2026-03-01T10:00:00Z"));
    discord.then(FakeDiscord.Answer.rateLimited(30, true), FakeDiscord.Answer.rateLimited(12.5, false));
    DiscordNotifier rateLimited = DiscordNotifier.builder().webhookUrl(discord.webhookUrl())
        .clock(time.clock()).sleeper(time.sleeper()).build();
    Path render = TestFiles.random(work.resolve("KRAK_00003_v001.mov"), 1000, 3);
    try (PostFlow postflow = env.builder().notifier(rateLimited).build().start()) {
      postflow.submit(render).completion().get(30, TimeUnit.SECONDS);
      awaitThat("posted after the waits", () -> discord.messages().size() == 1);
    }
    assertThat(discord.received()).hasSize(3);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(30), Duration.ofMillis(12_500));
  }

  @Test
  void aStopWhileDiscordIsDown_tellsTheTeamOnceAtTheNextStart() throws Exception {
    discord.then(FakeDiscord.Answer.serverError(502)); // then the notifier backs off (5 s) and we stop
    Path render = TestFiles.random(work.resolve("KRAK_00002_v001.mov"), 1000, 2);
    long id;
    try (PostFlow postflow = env.builder().notifier(discordNotifier(), Notification.Kind.DELIVERED)
        .build().start()) {
      id = postflow.submit(render).completion().get(30, TimeUnit.SECONDS).id();
      awaitThat("Discord was asked", () -> !discord.received().isEmpty());
    }
    try (PostFlow postflow = env.builder().notifier(discordNotifier(), Notification.Kind.DELIVERED).build().start()) {
      awaitThat("told after the restart", () -> notifiedAt(postflow, id) != null);
    }
    assertThat(discord.messages()).hasSize(1);
  }

  static Instant notifiedAt(PostFlow postflow, long id) {
    return postflow.deliveries().list(Set.of(DeliveryState.DELIVERED), 100).stream().filter(d -> d.id() == id)
        .findFirst().flatMap(d -> d.facts().notifiedAt()).orElse(null);
  }

  static List<String> fieldNames(JsonNode embed) {
    List<String> names = new ArrayList<>();
    embed.path("fields").forEach(f -> names.add(f.path("name").asText()));
    return names;
  }

  /**
   * Polls until {@code condition} holds. The deadline only catches a hang: generous, because a
   * child JVM starting on a machine running a dozen builds can take most of a minute.
   */
  static void awaitThat(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(10);
    }
  }
}
