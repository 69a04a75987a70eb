package io.postflow.api;

/**
 * Tells the team: a log line, a Discord or Slack message, an e-mail.
 *
 * <p><b>Contract.</b> Thread-safe. Called on a pipeline worker after the delivery's facts are
 * recorded, and recorded as done when it returns: a crash between the two sends the notification
 * once more (at least once, never lost). May block briefly for network I/O. An exception is
 * logged and does not fail the delivery.
 */
@FunctionalInterface
public interface Notifier {
  void notify(Notification notification);
}
