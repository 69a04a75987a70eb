package io.postflow.notify;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryFacts;
import io.postflow.api.DeliveryState;
import io.postflow.api.FileIdentity;
import io.postflow.api.Notification;
import io.postflow.api.Scene;
import io.postflow.api.Shot;
import io.postflow.api.ShotStatus;
import java.net.URI;
import java.time.Instant;

/** Notifications as the pipeline makes them, for the notifiers' tests. */
final class TestNotifications {
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private TestNotifications() {}

  static Scene scene(int number, String name) {
    return Scene.builder().number(number).name(name).rawName(name).slug(name.replace(' ', '_')).build();
  }

  static Shot shot(String number, Scene scene) {
    return Shot.builder().number(number).nomenclature("UNDLM_" + number).scene(scene)
        .status(ShotStatus.REVIEW_UPLOADED).line(2).duplicateMarked(false).build();
  }

  static Notification delivered(long id, String shotNumber, Scene scene, int version) {
    String name = "UNDLM_" + shotNumber + "_v" + String.format("%03d", version) + ".mov";
    Delivery delivery = Delivery.builder().id(id)
        .file(FileIdentity.of("renders", "SC/" + name, 1_234_567_890L, T0))
        .localPath("/mnt/renders/SC/" + name).state(DeliveryState.DELIVERED).attempts(0)
        .recordedAt(T0).updatedAt(T0.plusSeconds(id))
        .facts(DeliveryFacts.builder().shot("UNDLM_" + shotNumber).version(version).fileId("file-" + id).build())
        .build();
    return Notification.builder().kind(Notification.Kind.DELIVERED).delivery(delivery)
        .shot(shot(shotNumber, scene))
        .message("UNDLM_" + shotNumber + " v" + version + " is on Frame.io")
        .link(URI.create("https://next.frame.io/project/p1/view/file-" + id))
        .putDetails("Size", "1.2 GB").putDetails("Upload time", "41 s")
        .putDetails("Folder", "WIP_BYSHOT/SC03_BUS/UNDLM_" + shotNumber)
        .putDetails(NotificationView.THUMBNAIL, "https://assets.frame.io/thumb/file-" + id + ".jpg")
        .build();
  }

  static Notification alert(String message) {
    return Notification.builder().kind(Notification.Kind.ALERT).message(message)
        .putDetails("Rule", "error rate").putDetails("Value", "7.5%").build();
  }
}
