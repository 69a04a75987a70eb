package io.postflow.pipeline;

import io.postflow.api.ConfigurationException;
import io.postflow.api.Notification;
import io.postflow.api.Sleeper;
import io.postflow.notify.DiscordNotifier;
import io.postflow.notify.WebhookFormat;
import io.postflow.notify.WebhookNotifier;
import io.postflow.pipeline.engine.NotificationChannel;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The notification channels {@link PostFlowBuilder#build()} sets up: those given in code, then
 * Discord and a webhook when their URLs are configured, and the log unless code gave notifiers.
 */
final class NotifyConfig {
  private NotifyConfig() {}

  static List<NotificationChannel> channels(List<NotificationChannel> fromCode, ConfigValues config,
      Clock clock, Sleeper sleeper) {
    List<NotificationChannel> channels = new ArrayList<>(fromCode);
    config.get("POSTFLOW_DISCORD_WEBHOOK_URL").ifPresent(v -> channels.add(new NotificationChannel("discord",
        DiscordNotifier.builder().webhookUrl(secretUrl(v)).clock(clock).sleeper(sleeper).build(),
        kinds(config, "POSTFLOW_DISCORD_KINDS"))));
    config.get("POSTFLOW_WEBHOOK_URL").ifPresent(v -> channels.add(new NotificationChannel("webhook",
        WebhookNotifier.builder().url(secretUrl(v)).format(format(config)).build(),
        kinds(config, "POSTFLOW_WEBHOOK_KINDS"))));
    if (fromCode.isEmpty()) {
      channels.add(new NotificationChannel("log", new LoggingNotifier(), kinds(config, "POSTFLOW_LOG_KINDS")));
    }
    return channels;
  }

  /** The prefix of a Frame.io file's web address, given the project; empty without a project. */
  static Optional<String> fileLink(ConfigValues config, Optional<String> projectId) {
    String base = config.get("POSTFLOW_FRAMEIO_WEB_URL").map(v -> Settings.uri(v).toString())
        .orElse("https://next.frame.io");
    return projectId.map(p -> base.replaceAll("/+$", "") + "/project/" + p + "/view/");
  }

  /** A URL whose path is a secret: a bad one is named by key only, with no parser message quoting it. */
  private static URI secretUrl(ConfigValues.Value v) {
    try {
      URI uri = new URI(v.text().strip());
      if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
        throw new ConfigurationException(v.where() + " must be an http(s) URL with a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigurationException(v.where() + " is not a URL");
    }
  }

  /** "DELIVERED, alert" -> those kinds; absent -> every kind. */
  static Set<Notification.Kind> kinds(ConfigValues config, String key) {
    return config.get(key).map(v -> {
      Set<Notification.Kind> kinds = EnumSet.noneOf(Notification.Kind.class);
      for (String name : v.text().split("[,\\s]+")) {
        if (name.isBlank()) {
          continue;
        }
        try {
          kinds.add(Notification.Kind.valueOf(name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new ConfigurationException(v.where() + " names an unknown kind '" + name.strip()
              + "'; kinds are " + List.of(Notification.Kind.values()));
        }
      }
      if (kinds.isEmpty()) {
        throw new ConfigurationException(v.where() + " names no kind; kinds are " + List.of(Notification.Kind.values()));
      }
      return (Set<Notification.Kind>) kinds;
    }).orElse(Set.of());
  }

  private static WebhookFormat format(ConfigValues config) {
    return config.get("POSTFLOW_WEBHOOK_FORMAT").map(v -> {
      try {
        return WebhookFormat.valueOf(v.text().strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException(v.where() + " must be slack, teams or json, was " + v.shown());
      }
    }).orElse(WebhookFormat.JSON);
  }
}
