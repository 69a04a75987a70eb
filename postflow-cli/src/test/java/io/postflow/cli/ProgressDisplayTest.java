package io.postflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.UploadListener;
import io.postflow.api.UploadPhase;
import io.postflow.api.UploadProgress;
import io.postflow.testkit.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {
  private static final long TOTAL = 100L << 20;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));

  private static UploadProgress progress(long done, long perSecond) {
    return UploadProgress.builder().phase(UploadPhase.TRANSFERRING).bytesTransferred(done)
        .totalBytes(TOTAL).partsCompleted((int) (done >> 20) / 10).totalParts(10)
        .bytesPerSecond(perSecond).elapsed(Duration.ofSeconds(3)).build();
  }

  private ProgressDisplay display(ProgressDisplay.Mode mode, Duration interval, int files) {
    return new ProgressDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), clock, mode, interval,
        TOTAL * files, files);
  }

  private String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void plain_reportsAtMostOneLinePerInterval_andAlwaysTheLastState() {
    UploadListener file = display(ProgressDisplay.Mode.PLAIN, Duration.ofMillis(500), 1).startFile("a.mov", TOTAL);

    for (int i = 0; i < 20; i++) {
      file.onProgress(progress(i << 20, 1 << 20));
      clock.advance(Duration.ofMillis(100));
    }
    file.onProgress(progress(TOTAL, 1 << 20));
    file.onCompleted(null);

    String[] lines = text().split("\n");
    assertThat(lines).hasSize(5); // at 0, 500, 1000 and 1500 ms, and the held-back last state
    assertThat(lines[1]).contains("5,242,880 / 104,857,600 bytes");
    assertThat(lines[4]).contains("104,857,600 / 104,857,600 bytes").contains("100.0%");
  }

  @Test
  void plain_fastUpload_neverEndsAtZeroPercent() {
    UploadListener file = display(ProgressDisplay.Mode.PLAIN, Duration.ofSeconds(5), 1).startFile("a.mov", TOTAL);

    file.onProgress(progress(0, 0));
    file.onProgress(progress(TOTAL / 2, 1 << 20));
    file.onProgress(progress(TOTAL, 1 << 20));
    file.onCompleted(null);

    assertThat(text().split("\n")).hasSize(2);
    assertThat(text()).contains("0.0%").contains("100.0%");
  }

  @Test
  void terminal_redrawsOneLinePerFile_withOverallProgressForSeveralFiles() {
    ProgressDisplay display = display(ProgressDisplay.Mode.TERMINAL, Duration.ofMillis(100), 2);
    UploadListener first = display.startFile("a.mov", TOTAL);
    first.onProgress(progress(TOTAL / 2, 5L << 20));
    clock.advance(Duration.ofSeconds(1));
    first.onProgress(progress(TOTAL, 5L << 20));
    first.onCompleted(null);
    UploadListener second = display.startFile("b.mov", TOTAL);
    second.onProgress(progress(TOTAL / 2, 5L << 20));

    assertThat(text()).contains("\r[############............]  50.0% 50.0 MiB/100.0 MiB 5.0 MiB/s ETA 10.0s  a.mov")
        .contains("file 1/2, overall 25.0%").contains("file 2/2, overall 75.0%");
    assertThat(text().split("\n")).as("one finished line, one in progress").hasSize(2);
  }

  @Test
  void json_writesOneObjectPerLine() {
    UploadListener file = display(ProgressDisplay.Mode.JSON, Duration.ofMillis(100), 1).startFile("a.mov", TOTAL);

    file.onProgress(progress(TOTAL / 4, 1 << 20));

    assertThat(text().strip()).startsWith("{\"event\":\"progress\",\"file\":\"a.mov\"").contains("\"bytes\":26214400")
        .contains("\"eta_seconds\":75");
  }

  @Test
  void duration_usesHoursAndMinutesWhenLong() {
    assertThat(ProgressDisplay.duration(Duration.ofSeconds(3725))).isEqualTo("1h02m05s");
    assertThat(ProgressDisplay.duration(Duration.ofSeconds(125))).isEqualTo("2m05s");
    assertThat(ProgressDisplay.duration(Duration.ofMillis(1500))).isEqualTo("1.5s");
  }
}
