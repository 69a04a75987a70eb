package io.postflow.pipeline.engine;

import io.postflow.api.Delivery;
import io.postflow.api.Notification;
import io.postflow.api.Notifier;
import io.postflow.api.Shot;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells every notifier, keeping one that fails from stopping the delivery or the others. */
final class Notifications {
  private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

  private final List<Notifier> notifiers;

  Notifications(List<Notifier> notifiers) {
    this.notifiers = notifiers;
  }

  void send(Notification.Kind kind, Delivery delivery, Optional<Shot> shot, String message) {
    Notification notification = Notification.builder()
        .kind(kind).delivery(delivery).shot(shot).message(message).build();
    for (Notifier notifier : notifiers) {
      try {
        notifier.notify(notification);
      } catch (RuntimeException e) {
        LOG.warn("Notifier {} failed for {}; the delivery goes on", notifier.getClass().getName(),
            delivery.file().relativePath(), e);
      }
    }
  }
}
