package io.postflow.pipeline;

import io.postflow.api.Notification;
import io.postflow.api.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link Notifier}: one log line per notification, at WARN for what needs a person
 * (a quarantined or failed render, an alert) and at INFO for the rest. Logger
 * {@code io.postflow.notify}.
 */
public final class LoggingNotifier implements Notifier {
  private static final Logger LOG = LoggerFactory.getLogger("io.postflow.notify");

  @Override
  public void notify(Notification notification) {
    switch (notification.kind()) {
      case QUARANTINED, FAILED, ALERT -> LOG.warn("{}", notification.message());
      default -> LOG.info("{}", notification.message());
    }
  }
}
