package io.postflow.cli;

import io.postflow.api.UploadListener;
import io.postflow.api.UploadProgress;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Prints an upload's progress, at most one line per {@code interval} (the uploader may report a
 * few times a second, and a terminal scrolling that fast is unreadable). Returns at once, as the
 * listener contract asks; calls never overlap for one upload, so plain fields are enough.
 */
final class ProgressPrinter implements UploadListener {
  static final Duration INTERVAL = Duration.ofMillis(500);
  private static final double MIB = 1024.0 * 1024.0;

  private final PrintStream out;
  private final Clock clock;
  private final Duration interval;
  private long lastPrintedMillis = Long.MIN_VALUE;

  ProgressPrinter(PrintStream out, Clock clock, Duration interval) {
    this.out = out;
    this.clock = clock;
    this.interval = interval;
  }

  @Override
  public void onProgress(UploadProgress progress) {
    long now = clock.millis();
    if (lastPrintedMillis != Long.MIN_VALUE && now - lastPrintedMillis < interval.toMillis()) {
      return;
    }
    lastPrintedMillis = now;
    out.println(line(progress));
  }

  static String line(UploadProgress p) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-10s %,d / %,d bytes  %5.1f%%  %.1f MiB/s",
        p.phase().name().toLowerCase(Locale.ROOT), p.bytesTransferred(), p.totalBytes(), p.fraction() * 100,
        p.bytesPerSecond() / MIB));
    line.append("  ETA ").append(p.eta().map(ProgressPrinter::duration).orElse("--"));
    if (p.totalParts() > 0) {
      line.append("  parts ").append(p.partsCompleted()).append('/').append(p.totalParts());
    }
    return line.toString();
  }

  static String duration(Duration d) {
    long s = d.toSeconds();
    return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60)
        : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60)
        : String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
  }
}
