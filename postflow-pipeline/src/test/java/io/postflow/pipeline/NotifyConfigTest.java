package io.postflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.ConfigurationException;
import io.postflow.api.Notification;
import io.postflow.notify.DiscordNotifier;
import io.postflow.notify.WebhookNotifier;
import io.postflow.pipeline.engine.NotificationChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notification channels and alert rules from the configuration keys; secrets never in a message. */
class NotifyConfigTest {
  private static final String SECRET = "AbCdEf-webhook-secret";

  @TempDir
  Path work;
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void base() throws Exception {
    env.put("FRAMEIO_TOKEN", "t");
    env.put("FRAMEIO_PROJECT_ID", "p-1");
    env.put("POSTFLOW_SHOT_LIST", ShotListFixture.write(work.resolve("shots.csv"), "PHARE - NUIT").toString());
  }

  private List<NotificationChannel> channels() {
    return NotifyConfig.channels(List.of(), ConfigValues.read(env, Optional.empty()), Clock.systemUTC(),
        io.postflow.api.Sleeper.system());
  }

  @Test
  void discordAndAWebhook_withTheirKinds_besideTheLog() {
    env.put("POSTFLOW_DISCORD_WEBHOOK_URL", "https://discord.com/api/webhooks/1/" + SECRET);
    env.put("POSTFLOW_DISCORD_KINDS", "delivered, ALERT");
    env.put("POSTFLOW_WEBHOOK_URL", "https://hooks.slack.com/services/" + SECRET);
    env.put("POSTFLOW_WEBHOOK_FORMAT", "slack");

    List<NotificationChannel> channels = channels();

    assertThat(channels).extracting(NotificationChannel::name).containsExactly("discord", "webhook", "log");
    assertThat(channels.get(0).notifier()).isInstanceOf(DiscordNotifier.class);
    assertThat(channels.get(0).kinds()).containsExactlyInAnyOrder(Notification.Kind.DELIVERED, Notification.Kind.ALERT);
    assertThat(channels.get(1).notifier()).isInstanceOf(WebhookNotifier.class)
        .asString().contains("SLACK", "hooks.slack.com").doesNotContain(SECRET);
    assertThat(channels.get(1).kinds()).as("every kind").isEmpty();
  }

  @Test
  void anUnknownKind_namesTheKeyAndTheKind() {
    env.put("POSTFLOW_DISCORD_WEBHOOK_URL", "https://discord.com/api/webhooks/1/" + SECRET);
    env.put("POSTFLOW_DISCORD_KINDS", "DELIVERED,RENDERED");
    assertThatThrownBy(this::channels).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("POSTFLOW_DISCORD_KINDS (from the environment)").hasMessageContaining("'RENDERED'");
  }

  @Test
  void aBadWebhookUrl_isNamedByItsKeyOnly() {
    env.put("POSTFLOW_WEBHOOK_URL", "ftp://hooks.example.com/" + SECRET);
    assertThatThrownBy(this::channels).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("POSTFLOW_WEBHOOK_URL").hasMessageNotContaining(SECRET);
    env.put("POSTFLOW_WEBHOOK_URL", "https://hooks example/" + SECRET);
    assertThatThrownBy(this::channels).isInstanceOf(ConfigurationException.class)
        .hasMessageNotContaining(SECRET).satisfies(e -> assertThat(e.getCause()).isNull());
  }

  @Test
  void aWindowOverAnHour_isRefused() {
    env.put("POSTFLOW_NOTIFY_WINDOW", "2h");
    assertThatThrownBy(() -> PostFlow.builder().fromEnvironment(env).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("POSTFLOW_NOTIFY_WINDOW");
  }

  @Test
  void alertThresholds_fromTheKeys() {
    env.put("POSTFLOW_ALERT_ERROR_RATE", "2.5%");
    env.put("POSTFLOW_ALERT_API_LATENCY", "8s");
    env.put("POSTFLOW_ALERT_HEAP_MB", "0");
    AlertRules rules = AlertConfig.rules(ConfigValues.read(env, Optional.empty())).orElseThrow();
    assertThat(rules.errorRate()).isEqualTo(0.025);
    assertThat(rules.apiLatency()).isEqualTo(Duration.ofSeconds(8));
    assertThat(rules.heapBytes()).isZero();
    assertThat(rules.uploadFailureRate()).isEqualTo(0.10);

    env.put("POSTFLOW_ALERT_UPLOAD_FAILURE_RATE", "150%");
    assertThatThrownBy(() -> AlertConfig.rules(ConfigValues.read(env, Optional.empty())))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("POSTFLOW_ALERT_UPLOAD_FAILURE_RATE");
    env.remove("POSTFLOW_ALERT_UPLOAD_FAILURE_RATE");
    env.put("POSTFLOW_ALERTS", "off");
    assertThat(AlertConfig.rules(ConfigValues.read(env, Optional.empty()))).isEmpty();
  }
}
