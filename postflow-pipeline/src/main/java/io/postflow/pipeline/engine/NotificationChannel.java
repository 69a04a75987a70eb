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
 * @param grouped whether it gathers a burst for the settings' window before telling it (a chat);
 *     false tells each at once (a live display such as the dashboard)
 */
public record NotificationChannel(String name, Notifier notifier, Set<Notification.Kind> kinds,
    boolean grouped) {
  public NotificationChannel {
    kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
  }

  /** A channel that gathers bursts. */
  public NotificationChannel(String name, Notifier notifier, Set<Notification.Kind> kinds) {
    this(name, notifier, kinds, true);
  }

  boolean takes(Notification.Kind kind) {
    return kinds.isEmpty() || kinds.contains(kind);
  }
}
