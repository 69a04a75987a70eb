package io.postflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryFacts;
import io.postflow.api.DeliveryState;
import io.postflow.api.FileIdentity;
import io.postflow.api.UploadPhase;
import io.postflow.api.UploadProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress lines the demo draws, paced by a clock the test moves. */
class DemoNarratorTest {
  private static final long MB = 1_000_000;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final AtomicLong nanos = new AtomicLong();
  private final DemoNarrator narrator =
      new DemoNarrator(new PrintStream(bytes, true, StandardCharsets.UTF_8), nanos::get);
  private final Delivery delivery = delivery();

  private static Delivery delivery() {
    Instant t = Instant.parse("2026-03-01T09:00:00Z");
    return Delivery.builder().id(1).file(FileIdentity.of("renders", "KRAK_00001_v001.mov", 16 * MB, t))
        .localPath("/r/KRAK_00001_v001.mov").state(DeliveryState.IN_PROGRESS).attempts(0).recordedAt(t)
        .updatedAt(t).facts(DeliveryFacts.builder().build()).build();
  }

  private void progressAt(long millis, long transferred) {
    nanos.set(Duration.ofMillis(millis).toNanos());
    narrator.onUploadProgress(delivery, UploadProgress.builder().phase(UploadPhase.TRANSFERRING)
        .bytesTransferred(transferred).totalBytes(16 * MB).partsCompleted(0).totalParts(2)
        .bytesPerSecond(8 * MB).elapsed(Duration.ofMillis(millis)).build());
  }

  private String[] lines() {
    String text = bytes.toString(StandardCharsets.UTF_8);
    return text.isEmpty() ? new String[0] : text.split("\n");
  }

  @Test
  void aBarIsDrawnAtMostTwiceASecond_plusTheLineThatReaches100Percent() {
    progressAt(0, 0);
    progressAt(200, 2 * MB);
    progressAt(499, 4 * MB);
    progressAt(500, 4 * MB);
    progressAt(600, 6 * MB);
    progressAt(620, 16 * MB);

    assertThat(lines()).hasSize(3);
    assertThat(lines()[0]).contains("[........................]   0.0%  0.0 / 16.0 MB");
    assertThat(lines()[1]).contains("0.5s", "[######..................]  25.0%  4.0 / 16.0 MB  8.0 MB/s  ETA 1.5s");
    assertThat(lines()[2]).contains("[########################] 100.0%  16.0 / 16.0 MB");
  }

  @Test
  void aSnapshotWithoutNewBytes_drawsNothing_evenAfterTheInterval() {
    progressAt(0, 4 * MB);
    progressAt(2_000, 4 * MB);

    assertThat(lines()).hasSize(1);
  }

  @Test
  void theEndOfADelivery_forgetsItsBar_soARetryStartsDrawingAgain() {
    progressAt(0, 4 * MB);
    narrator.onFailed(delivery, new RuntimeException("connection reset"));
    progressAt(100, 4 * MB);

    assertThat(lines()).hasSize(3);
    assertThat(lines()[1]).contains("FAILED: connection reset");
    assertThat(lines()[2]).contains(" 25.0%");
  }
}
