package io.postflow.notify;

import static io.postflow.notify.TestNotifications.alert;
import static io.postflow.notify.TestNotifications.delivered;
import static io.postflow.notify.TestNotifications.scene;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.postflow.api.ConfigurationException;
import io.postflow.api.Notification;
import io.postflow.api.Scene;
import io.postflow.testkit.FakeDiscord;
import io.postflow.testkit.FakeDiscord.Answer;
import io.postflow.testkit.ManualTime;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DiscordNotifierTest {
  private final Scene bus = scene(3, "BUS - FIN DE JOURNEE");
  private final Scene gare = scene(4, "GARE");
  private FakeDiscord discord;
  private ManualTime time;
  private DiscordNotifier notifier;

  @BeforeEach
  void start() throws IOException {
    discord = FakeDiscord.start();
    time = ManualTime.startingAt(TestNotifications.T0);
    notifier = DiscordNotifier.builder().webhookUrl(discord.webhookUrl())
        .clock(time.clock()).sleeper(time.sleeper()).build();
  }

  @AfterEach
  void stop() {
    discord.close();
  }

  @Test
  void oneDelivery_isOneRichEmbed() {
    notifier.notify(delivered(7, "00042", bus, 2));

    assertThat(discord.messages()).hasSize(1);
    FakeDiscord.Received message = discord.messages().get(0);
    assertThat(message.query()).isEqualTo("wait=true");
    assertThat(message.body().path("allowed_mentions").path("parse")).isEmpty();
    JsonNode embed = message.body().path("embeds").get(0);
    assertThat(embed.path("title").asText()).isEqualTo("Delivered: UNDLM_00042 v2");
    assertThat(embed.path("url").asText()).isEqualTo("https://next.frame.io/project/p1/view/file-7");
    assertThat(embed.path("thumbnail").path("url").asText()).isEqualTo("https://assets.frame.io/thumb/file-7.jpg");
    assertThat(fields(embed)).containsExactly("Shot=UNDLM_00042", "Scene=SC03 BUS - FIN DE JOURNEE",
        "Version=v002", "Size=1.2 GB", "Upload time=41 s", "Folder=WIP_BYSHOT/SC03_BUS/UNDLM_00042");
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void thirtyRendersInABurst_areOneMessagePerScene() {
    List<Notification> burst = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      burst.add(delivered(i, String.format("%05d", 100 + i), i % 3 == 0 ? gare : bus, 1));
    }

    notifier.notifyAll(burst);

    assertThat(discord.messages()).hasSize(2);
    assertThat(discord.messages().get(0).body().path("embeds").get(0).path("title").asText())
        .as("scenes in the order their first render came").isEqualTo("SC04 GARE: 10 new versions");
    JsonNode busEmbed = discord.messages().get(1).body().path("embeds").get(0);
    assertThat(busEmbed.path("title").asText()).isEqualTo("SC03 BUS - FIN DE JOURNEE: 20 new versions");
    String[] lines = busEmbed.path("description").asText().split("\n");
    assertThat(lines).hasSize(20);
    assertThat(lines[0]).isEqualTo("• [UNDLM\\_00101 v1](https://next.frame.io/project/p1/view/file-1) · 1.2 GB · 41 s");
  }

  @Test
  void otherKinds_shareMessagesOfAtMostTenEmbeds() {
    List<Notification> burst = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      burst.add(alert("queue stuck " + i));
    }
    notifier.notifyAll(burst);

    assertThat(discord.messages()).extracting(m -> m.body().path("embeds").size()).containsExactly(10, 2);
    JsonNode embed = discord.messages().get(0).body().path("embeds").get(0);
    assertThat(embed.path("title").asText()).isEqualTo("Alert");
    assertThat(fields(embed)).containsExactly("Rule=error rate", "Value=7.5%");
  }

  @Test
  void a429_isWaitedOutForItsRetryAfterAndSentOnce() {
    discord.then(Answer.rateLimited(1.5, false));

    notifier.notify(delivered(1, "00042", bus, 2));

    assertThat(discord.received()).hasSize(2);
    assertThat(discord.messages()).hasSize(1);
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(1500));
  }

  @Test
  void aGlobal429_holdsBackTheNextMessageToo() {
    discord.then(Answer.rateLimited(3, true), Answer.ok(4, 1), Answer.ok(4, 1));

    notifier.notify(delivered(1, "00042", bus, 2));
    notifier.notify(delivered(2, "00043", bus, 2));

    assertThat(discord.messages()).hasSize(2);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void a429WithOnlyTheRetryAfterHeader_isHonoured() {
    discord.then(Answer.headerOnly429(2));

    notifier.notify(alert("heap"));

    assertThat(discord.messages()).hasSize(1);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void anEmptyBucket_isWaitedForBeforeTheNextRequest() {
    discord.then(Answer.ok(0, 2.25));

    notifier.notify(alert("one"));
    notifier.notify(alert("two"));

    assertThat(discord.received()).as("no 429 collected").hasSize(2);
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(2250));
  }

  @Test
  void endless429s_giveTheBurstBackRetryable() {
    DiscordNotifier patient = DiscordNotifier.builder().webhookUrl(discord.webhookUrl())
        .clock(time.clock()).sleeper(time.sleeper()).rateLimitPatience(2, Duration.ofMinutes(1)).build();
    discord.then(Answer.rateLimited(1, false), Answer.rateLimited(4, false));

    assertThatThrownBy(() -> patient.notify(alert("x")))
        .isInstanceOfSatisfying(NotifierException.class, e -> {
          assertThat(e.isRetryable()).isTrue();
          assertThat(e.httpStatus()).isEqualTo(429);
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(4));
        });
  }

  @Test
  void a5xx_isRetryableAndNeverNamesTheUrl() {
    discord.then(Answer.serverError(502));

    assertThatThrownBy(() -> notifier.notify(alert("x")))
        .isInstanceOfSatisfying(NotifierException.class, e -> {
          assertThat(e.isRetryable()).isTrue();
          assertThat(e.httpStatus()).isEqualTo(502);
          assertThat(e.getMessage()).contains("502").contains("127.0.0.1").doesNotContain(FakeDiscord.TOKEN)
              .doesNotContain("/api/webhooks");
        });
  }

  @Test
  void anUnknownWebhook_isNotRetryableAndSaysWhy() {
    discord.then(Answer.unknownWebhook());

    assertThatThrownBy(() -> notifier.notify(alert("x")))
        .isInstanceOfSatisfying(NotifierException.class, e -> {
          assertThat(e.isRetryable()).isFalse();
          assertThat(e.getMessage()).contains("404").contains("Unknown Webhook").contains("10015")
              .doesNotContain(FakeDiscord.TOKEN);
        });
  }

  @Test
  void aBurstRetriedAfterAPartialFailure_doesNotRepeatWhatWentOut() {
    List<Notification> burst = List.of(delivered(1, "00042", bus, 2), delivered(2, "00043", bus, 1),
        delivered(3, "00050", gare, 1), delivered(4, "00051", gare, 1));
    discord.then(Answer.ok(4, 1), Answer.serverError(500));

    assertThatThrownBy(() -> notifier.notifyAll(burst)).isInstanceOf(NotifierException.class);
    notifier.notifyAll(burst);

    assertThat(discord.messages()).extracting(m -> m.body().path("embeds").get(0).path("title").asText())
        .containsExactly("SC03 BUS - FIN DE JOURNEE: 2 new versions", "SC04 GARE: 2 new versions");
  }

  @Test
  void noAnswer_isRetryable() {
    URI closed = discord.webhookUrl();
    discord.close();

    assertThatThrownBy(() -> DiscordNotifier.builder().webhookUrl(closed).build().notify(alert("x")))
        .isInstanceOfSatisfying(NotifierException.class, e -> {
          assertThat(e.isRetryable()).isTrue();
          assertThat(e.getMessage()).doesNotContain(FakeDiscord.TOKEN);
        });
  }

  @Test
  void toStringAndBuilderErrors_neverShowTheUrlsSecret() {
    assertThat(notifier.toString()).contains("127.0.0.1").doesNotContain(FakeDiscord.TOKEN);
    assertThatThrownBy(() -> DiscordNotifier.builder()
        .webhookUrl(URI.create("ftp://discord.com/api/webhooks/1/" + FakeDiscord.TOKEN)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("webhookUrl").hasMessageNotContaining(FakeDiscord.TOKEN);
    assertThatThrownBy(() -> DiscordNotifier.builder().build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("webhookUrl");
  }

  static List<String> fields(JsonNode embed) {
    List<String> fields = new ArrayList<>();
    embed.path("fields").forEach(f -> fields.add(f.path("name").asText() + "=" + f.path("value").asText()));
    return fields;
  }
}
