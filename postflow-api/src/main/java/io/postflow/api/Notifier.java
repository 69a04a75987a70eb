package io.postflow.api;

import java.util.List;

/**
 * Tells the team: a log line, a Discord or Slack message, an e-mail.
 *
 * <p><b>Contract.</b> Thread-safe. The pipeline calls a notifier on a thread of its own (one per
 * notifier), never on an upload's worker, after the facts the notification reports are recorded;
 * a slow or failing notifier holds up no upload. Returning means the team was told; an exception
 * means it was not, and the pipeline tries again later with back-off (a
 * {@link PostFlowException} that is not {@link PostFlowException#isRetryable() retryable} is not
 * tried again). A delivered render's notification is recorded in the journal once told, so it is
 * sent once, also across a crash (see {@code docs/notifications.md} for the one narrow window).
 */
@FunctionalInterface
public interface Notifier {
  void notify(Notification notification);

  /**
   * Tells the team about a burst of notifications gathered over the pipeline's grouping window,
   * oldest first. The default tells each in turn; a channel that can say it shorter (one chat
   * message per scene instead of thirty) overrides this. Same contract as {@link #notify}: returning
   * means all of them were told.
   */
  default void notifyAll(List<Notification> burst) {
    for (Notification notification : burst) {
      notify(notification);
    }
  }
}
