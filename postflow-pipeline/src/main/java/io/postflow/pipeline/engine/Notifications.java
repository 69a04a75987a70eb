package io.postflow.pipeline.engine;

import io.postflow.api.Delivery;
import io.postflow.api.Notification;
import io.postflow.api.Notifier;
import io.postflow.api.Shot;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every notifier, keeping one that fails from stopping the delivery or the others. Public
 * for the review loop ({@code io.postflow.pipeline.review}), which tells the team through the
 * same notifiers.
 */
public final class Notifications {
  private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

  private final List<Notifier> notifiers;

  public Notifications(List<Notifier> notifiers) {
    this.notifiers = notifiers;
  }

  void send(Notification.Kind kind, Delivery delivery, Optional<Shot> shot, String message) {
    send(Notification.builder().kind(kind).delivery(delivery).shot(shot).message(message).build());
  }

  /** Tells every notifier; one that throws is logged and the others are still told. */
  public void send(Notification notification) {
    String subject = notification.delivery().map(d -> d.file().relativePath())
        .or(() -> notification.shot().flatMap(s -> s.nomenclature())).orElse(notification.kind().name());
    for (Notifier notifier : notifiers) {
      try {
        notifier.notify(notification);
      } catch (RuntimeException e) {
        LOG.warn("Notifier {} failed for {}; the pipeline goes on", notifier.getClass().getName(), subject, e);
      }
    }
  }
}
