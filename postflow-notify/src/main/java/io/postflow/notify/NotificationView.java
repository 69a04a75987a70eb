package io.postflow.notify;

import io.postflow.api.Notification;
import io.postflow.api.Scene;
import io.postflow.api.Shot;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What every channel shows of a notification, whatever its kind: a title, the message, the shot
 * and scene, the details in their order, the link. A kind added later reads well with no change
 * here (its name becomes the title).
 */
final class NotificationView {
  /** A detail with this label holding an http(s) URL is shown as a picture where the channel can. */
  static final String THUMBNAIL = "Thumbnail";

  private final Notification notification;

  NotificationView(Notification notification) {
    this.notification = notification;
  }

  Notification notification() {
    return notification;
  }

  /** E.g. "Delivered: UNDLM_00042 v2" or "Alert". */
  String title() {
    String kind = switch (notification.kind()) {
      case DELIVERED -> "Delivered";
      case QUARANTINED -> "Set aside";
      case FAILED -> "Delivery failed";
      case STATUS_CHANGED -> "Status changed";
      case COMMENT_ADDED -> "New comment";
      case REVIEW_LINK -> "Review link";
      case ALERT -> "Alert";
      default -> words(notification.kind().name());
    };
    Optional<String> shot = shotName();
    if (shot.isEmpty()) {
      return kind;
    }
    return kind + ": " + shot.get() + version().map(v -> " v" + v).orElse("");
  }

  String message() {
    return notification.message();
  }

  Optional<String> shotName() {
    return notification.shot().map(s -> s.nomenclature().orElse(s.number()))
        .or(() -> notification.delivery().flatMap(d -> d.facts().shot()));
  }

  Optional<Integer> version() {
    return notification.delivery().flatMap(d -> d.facts().version());
  }

  Optional<Scene> scene() {
    return notification.shot().map(Shot::scene);
  }

  /** "SC03 BUS - FIN DE JOURNEE", or "(no scene)". */
  String sceneLabel() {
    return scene().map(s -> String.format(Locale.ROOT, "SC%02d %s", s.number(), s.name())).orElse("(no scene)");
  }

  Optional<String> link() {
    return notification.link().map(Object::toString);
  }

  Optional<String> thumbnail() {
    return Optional.ofNullable(notification.details().get(THUMBNAIL))
        .filter(url -> url.startsWith("https://") || url.startsWith("http://"));
  }

  /** Shot, scene, then the notification's details (the thumbnail is shown, not listed). */
  Map<String, String> fields() {
    Map<String, String> fields = new LinkedHashMap<>();
    shotName().ifPresent(shot -> fields.put("Shot", shot));
    scene().ifPresent(s -> fields.put("Scene", sceneLabel()));
    version().ifPresent(v -> fields.put("Version", "v" + String.format(Locale.ROOT, "%03d", v)));
    notification.details().forEach((label, value) -> {
      if (!label.equals(THUMBNAIL)) {
        fields.put(label, value);
      }
    });
    return fields;
  }

  /** Red for what needs a person, amber for alerts, green for a delivery, blue for the rest. */
  int color() {
    return switch (notification.kind()) {
      case DELIVERED -> 0x2ECC71;
      case QUARANTINED, FAILED -> 0xE74C3C;
      case ALERT -> 0xF39C12;
      default -> 0x3498DB;
    };
  }

  private static String words(String constant) {
    String lower = constant.toLowerCase(Locale.ROOT).replace('_', ' ');
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }
}
