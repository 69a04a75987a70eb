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
public final class Notifications {
  private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

  private final List<Notifier> notifiers;

  Notifications(List<Notifier> notifiers) {
    this.notifiers = notifiers;
  }

  void send(Notification.Kind kind, Delivery delivery, Optional<Shot> shot, String message) {
    tell(notifiers, Notification.builder().kind(kind).delivery(delivery).shot(shot).message(message).build());
  }

  /** Tells each of {@code notifiers} in order; one that throws is logged and the others still hear. */
  public static void tell(List<Notifier> notifiers, Notification notification) {
    for (Notifier notifier : notifiers) {
      try {
        notifier.notify(notification);
      } catch (RuntimeException e) {
        LOG.warn("Notifier {} failed for {} notification \"{}\"; the delivery goes on",
            notifier.getClass().getName(), notification.kind(), notification.message(), e);
      }
    }
  }
}
