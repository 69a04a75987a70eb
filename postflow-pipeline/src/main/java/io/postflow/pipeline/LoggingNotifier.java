package io.postflow.pipeline;

import io.postflow.api.Notification;
import io.postflow.api.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link Notifier}: one log line per notification, at INFO for deliveries and WARN
 * for what needs a person (a quarantined or failed render). Logger {@code io.postflow.notify}.
 */
public final class LoggingNotifier implements Notifier {
  private static final Logger LOG = LoggerFactory.getLogger("io.postflow.notify");

  @Override
  public void notify(Notification notification) {
    if (notification.kind() == Notification.Kind.DELIVERED) {
      LOG.info("{}", notification.message());
    } else {
      LOG.warn("{}", notification.message());
    }
  }
}
