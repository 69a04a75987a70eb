package io.postflow.notify;

/** The body shape a {@link WebhookNotifier} posts. */
public enum WebhookFormat {
  /** A Slack incoming webhook: {@code {"text": "..."}} in Slack's mrkdwn, one message per burst. */
  SLACK,
  /**
   * A Microsoft Teams workflow ("post to a channel when a webhook request is received"): a message
   * with an Adaptive Card attachment, one card per burst.
   */
  TEAMS,
  /**
   * PostFlow's own JSON for your service: {@code {"notifications": [{"kind", "title", "message",
   * "shot", "scene", "version", "delivery_id", "link", "details"}]}}.
   */
  JSON
}
