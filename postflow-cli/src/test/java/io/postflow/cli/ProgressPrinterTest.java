package io.postflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.UploadPhase;
import io.postflow.api.UploadProgress;
import io.postflow.testkit.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {
  private static UploadProgress progress(long done, long perSecond) {
    return UploadProgress.builder().phase(UploadPhase.TRANSFERRING).bytesTransferred(done)
        .totalBytes(100L << 20).partsCompleted((int) (done >> 20) / 10).totalParts(10)
        .bytesPerSecond(perSecond).elapsed(Duration.ofSeconds(3)).build();
  }

  @Test
  void onProgress_calledTenTimesASecond_printsAtMostTwoLinesASecond() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    ProgressPrinter printer = new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), clock,
        ProgressPrinter.INTERVAL);

    for (int i = 0; i < 20; i++) {
      printer.onProgress(progress(i << 20, 1 << 20));
      clock.advance(Duration.ofMillis(100));
    }

    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(4); // at 0, 500, 1000 and 1500 ms of 2 seconds
    assertThat(lines[1]).contains("5,242,880 / 104,857,600 bytes");
  }

  @Test
  void line_showsBytesPercentRateEtaAndParts() {
    String line = ProgressPrinter.line(progress(50L << 20, 5L << 20));

    assertThat(line).contains("transferring").contains("52,428,800 / 104,857,600 bytes").contains("50.0%")
        .contains("5.0 MiB/s").contains("ETA 10.0s").contains("parts 5/10");
  }

  @Test
  void line_beforeTheRateIsKnown_saysTheEtaIsUnknown() {
    assertThat(ProgressPrinter.line(progress(0, 0))).contains("0.0 MiB/s").contains("ETA --");
  }

  @Test
  void duration_usesHoursAndMinutesWhenLong() {
    assertThat(ProgressPrinter.duration(Duration.ofSeconds(3725))).isEqualTo("1h02m05s");
    assertThat(ProgressPrinter.duration(Duration.ofSeconds(125))).isEqualTo("2m05s");
    assertThat(ProgressPrinter.duration(Duration.ofMillis(1500))).isEqualTo("1.5s");
  }
}
