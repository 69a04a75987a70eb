/**
 * PostFlow's chat and webhook notifiers: {@link io.postflow.notify.DiscordNotifier} (rich embeds,
 * Discord's rate limits, a burst grouped by scene) and {@link io.postflow.notify.WebhookNotifier}
 * (Slack incoming webhooks, Teams workflows, plain JSON). The pipeline calls them on threads of
 * their own; see {@code docs/notifications.md}.
 */
module io.postflow.notify {
  requires transitive io.postflow.api;
  requires java.net.http;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports io.postflow.notify;
}
