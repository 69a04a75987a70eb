package io.postflow.pipeline.engine;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryJournal;
import io.postflow.api.DeliveryState;
import io.postflow.api.Notification;
import io.postflow.api.Shot;
import io.postflow.api.ShotRepository;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the team through every channel a notification is routed to, each on its own queue and
 * thread ({@link NotificationOutbox}), so no worker waits for a chat service.
 *
 * <p>A delivered render's notification is a journaled side effect: the delivery is completed
 * first, its notification is queued, and when every channel it was routed to has told it (or
 * refused it for good) the journal records {@code notifiedAt}. At start, delivered renders the
 * journal has no {@code notifiedAt} for (a crash, a stop with a channel down) are told again.
 */
final class Notifications implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
  /** How far back the start looks for delivered renders still owed a notification. */
  static final int OWED_LOOKBACK = 1_000;

  private final DeliveryJournal journal;
  private final ShotRepository shots;
  private final NotifySettings settings;
  private final Clock clock;
  private final List<NotificationOutbox> outboxes = new ArrayList<>();
  /** Delivered renders in flight: how many channels have still to tell each. */
  private final Map<Long, Integer> owed = new ConcurrentHashMap<>();
  /** Delivered renders a channel dropped (full queue): not recorded, so told after the next start. */
  private final java.util.Set<Long> unrecordable = ConcurrentHashMap.newKeySet();

  Notifications(DeliveryJournal journal, ShotRepository shots, NotifySettings settings, Clock clock) {
    this.journal = journal;
    this.shots = shots;
    this.settings = settings;
    this.clock = clock;
    for (NotificationChannel channel : settings.channels()) {
      outboxes.add(new NotificationOutbox(channel, settings, clock, this::settled));
    }
  }

  /** Starts the channels' threads and queues what the journal says is still owed. */
  void start() {
    outboxes.forEach(NotificationOutbox::start);
    List<Delivery> unnotified = journal.list(EnumSet.of(DeliveryState.DELIVERED), OWED_LOOKBACK).stream()
        .filter(d -> d.facts().notifiedAt().isEmpty())
        .toList();
    if (!unnotified.isEmpty()) {
      LOG.info("Telling the team about {} delivered render(s) it was not told about before the last stop",
          unnotified.size());
    }
    for (int i = unnotified.size() - 1; i >= 0; i--) { // oldest first
      Delivery delivery = unnotified.get(i);
      delivered(delivery, delivery.facts().shot().flatMap(shots::findByNomenclature));
    }
  }

  /** Queues the notification of a delivery that is now {@link DeliveryState#DELIVERED}. */
  void delivered(Delivery delivery, Optional<Shot> shot) {
    if (owed.containsKey(delivery.id())) {
      return; // already on its way
    }
    String name = delivery.facts().shot().orElse(delivery.file().fileName());
    int version = delivery.facts().version().orElse(0);
    Notification.Builder notice = Notification.builder().kind(Notification.Kind.DELIVERED)
        .delivery(delivery).shot(shot)
        .message(name + " v" + version + " is on Frame.io in "
            + delivery.facts().folderPath().orElse("its folder") + " (" + delivery.file().relativePath() + ")")
        .putDetails("Size", size(delivery.file().sizeBytes()));
    delivery.facts().uploadStartedAt().ifPresent(started ->
        notice.putDetails("Upload time", duration(Duration.between(started, delivery.updatedAt()))));
    delivery.facts().folderPath().ifPresent(folder -> notice.putDetails("Folder", folder));
    notice.putDetails("File", delivery.file().relativePath());
    delivery.facts().fileId().flatMap(settings::linkTo).ifPresent(link -> notice.link(URI.create(link)));
    Notification notification = notice.build();
    List<NotificationOutbox> targets = outboxes.stream().filter(o -> o.takes(notification.kind())).toList();
    if (targets.isEmpty()) {
      recordNotified(delivery.id()); // no channel wants it: nothing is owed
      return;
    }
    owed.put(delivery.id(), targets.size() + 1); // one more, held until every channel has it queued
    for (NotificationOutbox outbox : targets) {
      if (!outbox.offer(notification)) {
        unrecordable.add(delivery.id()); // dropped by a full channel: told after the next start
        settle(delivery.id());
      }
    }
    settle(delivery.id());
  }

  /** Queues a notification no journal fact follows (a quarantined or failed render, an alert...). */
  void send(Notification notification) {
    for (NotificationOutbox outbox : outboxes) {
      if (outbox.takes(notification.kind())) {
        outbox.offer(notification);
      }
    }
  }

  /** A delivery's notification other than its delivery (set aside, failed), with the file named. */
  void send(Notification.Kind kind, Delivery delivery, Optional<Shot> shot, String message) {
    send(Notification.builder().kind(kind).delivery(delivery).shot(shot).message(message)
        .putDetails("File", delivery.file().relativePath())
        .putDetails("Size", size(delivery.file().sizeBytes()))
        .build());
  }

  /** Notifications waiting, by channel name. */
  Map<String, Integer> depths() {
    Map<String, Integer> depths = new java.util.LinkedHashMap<>();
    outboxes.forEach(o -> depths.merge(o.name(), o.depth(), Integer::sum));
    return depths;
  }

  private void settled(List<Notification> burst) {
    for (Notification notification : burst) {
      if (notification.kind() == Notification.Kind.DELIVERED && notification.delivery().isPresent()) {
        settle(notification.delivery().get().id());
      }
    }
  }

  /** One channel is done with delivery {@code id}; the last one records it told. */
  private void settle(long id) {
    boolean[] last = new boolean[1];
    owed.computeIfPresent(id, (key, left) -> {
      last[0] = left == 1;
      return left == 1 ? null : left - 1;
    });
    if (last[0] && !unrecordable.remove(id)) {
      recordNotified(id);
    }
  }

  private void recordNotified(long id) {
    try {
      journal.recordNotified(id, clock.instant());
    } catch (RuntimeException e) {
      // Told but not recorded: told again after the next start. Nothing else to do.
      LOG.warn("Cannot record that delivery {} was told to the team: {}", id, e.getMessage());
    }
  }

  /** Stops taking notifications and gives each channel the flush grace to tell what it holds. */
  @Override
  public void close() {
    outboxes.forEach(NotificationOutbox::close);
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  static String duration(Duration d) {
    long seconds = Math.max(0, d.getSeconds());
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3600) {
      return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    }
    return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
  }
}
