package io.postflow.pipeline.engine;

import io.postflow.api.Notification;
import io.postflow.api.Notifier;
import java.util.EnumSet;
import java.util.Set;

/**
 * One place the team hears from: a notifier and the kinds routed to it.
 *
 * @param name how logs name the channel (never its URL), e.g. {@code discord}
 * @param kinds the kinds it gets; empty for every kind
 */
public record NotificationChannel(String name, Notifier notifier, Set<Notification.Kind> kinds) {
  public NotificationChannel {
    kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
  }

  boolean takes(Notification.Kind kind) {
    return kinds.isEmpty() || kinds.contains(kind);
  }
}
