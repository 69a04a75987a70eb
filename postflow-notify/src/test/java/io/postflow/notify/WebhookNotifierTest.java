package io.postflow.notify;

import static io.postflow.notify.TestNotifications.alert;
import static io.postflow.notify.TestNotifications.delivered;
import static io.postflow.notify.TestNotifications.scene;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.postflow.api.Scene;
import io.postflow.testkit.FakeDiscord;
import io.postflow.testkit.FakeDiscord.Answer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookNotifierTest {
  private final Scene bus = scene(3, "BUS");
  private FakeDiscord server; // any webhook endpoint: it records the JSON it is sent

  @BeforeEach
  void start() throws IOException {
    server = FakeDiscord.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private WebhookNotifier notifier(WebhookFormat format) {
    return WebhookNotifier.builder().url(server.webhookUrl()).format(format).build();
  }

  @Test
  void slack_getsMrkdwnTextWithTheFactsAndLink() {
    notifier(WebhookFormat.SLACK).notifyAll(List.of(delivered(1, "00042", bus, 2), alert("heap <high>")));

    assertThat(server.messages()).hasSize(1);
    String text = server.messages().get(0).body().path("text").asText();
    assertThat(text).contains("*Delivered: UNDLM_00042 v2*", "• Size: 1.2 GB",
        "<https://next.frame.io/project/p1/view/file-1|Open in Frame.io>", "*Alert*", "heap &lt;high&gt;");
  }

  @Test
  void teams_getsAnAdaptiveCard() {
    notifier(WebhookFormat.TEAMS).notify(delivered(1, "00042", bus, 2));

    JsonNode body = server.messages().get(0).body();
    assertThat(body.path("type").asText()).isEqualTo("message");
    JsonNode card = body.path("attachments").get(0);
    assertThat(card.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
    assertThat(card.path("content").path("type").asText()).isEqualTo("AdaptiveCard");
    assertThat(card.path("content").path("body").get(0).path("text").asText()).isEqualTo("Delivered: UNDLM_00042 v2");
    assertThat(card.path("content").path("body").get(2).path("facts").get(0).path("value").asText())
        .isEqualTo("UNDLM_00042");
    assertThat(card.path("content").path("actions").get(0).path("url").asText())
        .isEqualTo("https://next.frame.io/project/p1/view/file-1");
  }

  @Test
  void json_carriesEveryField() {
    notifier(WebhookFormat.JSON).notify(delivered(9, "00042", bus, 2));

    JsonNode item = server.messages().get(0).body().path("notifications").get(0);
    assertThat(item.path("kind").asText()).isEqualTo("DELIVERED");
    assertThat(item.path("shot").asText()).isEqualTo("UNDLM_00042");
    assertThat(item.path("scene").asText()).isEqualTo("SC03 BUS");
    assertThat(item.path("version").asInt()).isEqualTo(2);
    assertThat(item.path("delivery_id").asLong()).isEqualTo(9);
    assertThat(item.path("details").path("Upload time").asText()).isEqualTo("41 s");
  }

  @Test
  void a429_isRetryableWithTheWaitItAskedFor() {
    server.then(new Answer(429, Map.of("Retry-After", "30"), ""));

    assertThatThrownBy(() -> notifier(WebhookFormat.SLACK).notify(alert("x")))
        .isInstanceOfSatisfying(NotifierException.class, e -> {
          assertThat(e.isRetryable()).isTrue();
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
          assertThat(e.getMessage()).doesNotContain(FakeDiscord.TOKEN);
        });
  }

  @Test
  void a400_isNotRetryable() {
    server.then(new Answer(400, Map.of(), "invalid_payload"));

    assertThatThrownBy(() -> notifier(WebhookFormat.SLACK).notify(alert("x")))
        .isInstanceOfSatisfying(NotifierException.class, e -> assertThat(e.isRetryable()).isFalse());
    assertThat(notifier(WebhookFormat.TEAMS).toString()).doesNotContain(FakeDiscord.TOKEN);
  }
}
