package io.postflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.postflow.api.Delivery;
import io.postflow.api.DeliveryFacts;
import io.postflow.api.DeliveryState;
import io.postflow.api.FileIdentity;
import io.postflow.api.Notification;
import io.postflow.api.UploadPhase;
import io.postflow.api.UploadProgress;
import io.postflow.api.UploadRequest;
import io.postflow.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the dashboard keeps from the listener calls: uploads in flight, bounded recent lists, throughput. */
class LiveStateTest {
  private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-01T10:00:00Z"));
  private final LiveState live = new LiveState(clock, new EventStream(4, 4, Duration.ofSeconds(1)));

  private static Delivery delivery(long id, String name, long size) {
    Instant t = Instant.parse("2026-03-01T09:00:00Z");
    return Delivery.builder().id(id).file(FileIdentity.of("renders", name, size, t)).localPath("/r/" + name)
        .state(DeliveryState.IN_PROGRESS).attempts(0).recordedAt(t).updatedAt(t)
        .facts(DeliveryFacts.builder().shot("KRAK_00001").version(2).build()).build();
  }

  private static UploadProgress progress(long bytes, long total, long rate) {
    return UploadProgress.builder().phase(UploadPhase.TRANSFERRING).bytesTransferred(bytes).totalBytes(total)
        .partsCompleted(0).totalParts(0).bytesPerSecond(rate).elapsed(Duration.ofSeconds(1)).build();
  }

  @Test
  void anUpload_isInFlightWithItsProgress_untilItsDeliveryEnds() {
    Delivery d = delivery(7, "SC01/KRAK_00001_v002.mov", 1000);
    live.onUploadStarted(d, UploadRequest.of(Path.of("/r/KRAK_00001_v002.mov"), "folder"));
    live.onUploadProgress(d, progress(250, 1000, 100));

    JsonNode upload = live.uploads().get(0);
    assertThat(upload.path("file").asText()).isEqualTo("SC01/KRAK_00001_v002.mov");
    assertThat(upload.path("shot").asText()).isEqualTo("KRAK_00001");
    assertThat(upload.path("version").asInt()).isEqualTo(2);
    assertThat(upload.path("fraction").asDouble()).isEqualTo(0.25);
    assertThat(upload.path("etaSeconds").asDouble()).isEqualTo(7.5);
    assertThat(upload.path("phase").asText()).isEqualTo("transferring");

    live.onRetried(d, 1, Duration.ofSeconds(2), new java.io.IOException("connection reset"));
    assertThat(live.uploads().get(0).path("phase").asText()).isEqualTo("retrying");
    assertThat(live.uploads().get(0).path("etaSeconds").isNull()).isTrue();

    live.onDelivered(d);
    assertThat(live.uploads()).isEmpty();
    assertThat(live.events().get(0).path("kind").asText()).isEqualTo("delivered");
    assertThat(live.events()).extracting(e -> e.path("kind").asText()).containsExactly("delivered", "retried", "upload");
  }

  @Test
  void throughput_countsBytesSentPerTimeSlot_alsoAcrossARetriedUpload() {
    Delivery d = delivery(1, "KRAK_00001_v001.mov", 10_000);
    live.onUploadStarted(d, UploadRequest.of(Path.of("/r/x"), "folder"));
    live.onUploadProgress(d, progress(4_000, 10_000, 0));
    clock.advance(Duration.ofSeconds(10));
    live.onUploadProgress(d, progress(6_000, 10_000, 0));
    // The upload is retried from the start: the bytes sent again are traffic again, and nothing goes negative.
    live.onUploadStarted(d, UploadRequest.of(Path.of("/r/x"), "folder"));
    live.onUploadProgress(d, progress(1_000, 10_000, 0));

    Throughput.Point[] window = live.throughput().window();
    assertThat(window).hasSize(60);
    assertThat(window[58].bytesPerSecond()).isEqualTo(400);
    assertThat(window[59].bytesPerSecond()).isEqualTo(300);
    assertThat(window[59].start()).isEqualTo(Instant.parse("2026-03-01T10:00:10Z"));
    assertThat(live.throughput().total()).isEqualTo(7_000);

    clock.advance(Duration.ofMinutes(10));
    assertThat(live.throughput().window()).allSatisfy(p -> assertThat(p.bytesPerSecond()).isZero());
  }

  @Test
  void recentEventsAndNotifications_areBounded_newestFirst() {
    for (int i = 1; i <= LiveState.RECENT + 50; i++) {
      live.onSeen(delivery(i, "KRAK_00001_v" + i + ".mov", 1));
      live.notify(Notification.builder().kind(Notification.Kind.ALERT).message("alert " + i)
          .putDetails("rule", "error rate").build());
    }
    assertThat(live.events()).hasSize(LiveState.RECENT);
    assertThat(live.events().get(0).path("delivery").asLong()).isEqualTo(LiveState.RECENT + 50);
    assertThat(live.notifications()).hasSize(LiveState.RECENT);
    JsonNode newest = live.notifications().get(0);
    assertThat(newest.path("kind").asText()).isEqualTo("alert");
    assertThat(newest.path("message").asText()).isEqualTo("alert " + (LiveState.RECENT + 50));
    assertThat(newest.path("details").path("rule").asText()).isEqualTo("error rate");
    assertThat(live.notificationCount()).isEqualTo(LiveState.RECENT + 50);
  }
}
