package io.postflow.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postflow.api.UploadListener;
import io.postflow.api.UploadPhase;
import io.postflow.api.UploadProgress;
import io.postflow.api.UploadResult;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Shows the progress of a batch of uploads, per file and overall (bytes, rate, ETA), in one of
 * three ways: a bar redrawn in place on a terminal (at most ten times a second), a plain line every
 * few seconds when the output is a file or a pipe (a log should not scroll a line per part), or
 * one JSON object per line for scripts. The last state of every file is always shown, so a fast
 * upload never shows "0%" and then "done".
 *
 * <p>One display serves the files of one command one after another: {@link #startFile} before
 * each. Listener calls for one upload never overlap (the listener contract), so plain fields do.
 */
final class ProgressDisplay {
  enum Mode { TERMINAL, PLAIN, JSON }

  static final Duration TERMINAL_INTERVAL = Duration.ofMillis(100);
  static final Duration PLAIN_INTERVAL = Duration.ofSeconds(5);
  private static final double MIB = 1024.0 * 1024.0;
  private static final int BAR_WIDTH = 24;

  private final PrintStream out;
  private final Clock clock;
  private final Mode mode;
  private final Duration interval;
  private final long totalBytes;
  private final int totalFiles;
  private long bytesBeforeThisFile;
  private int fileNumber;
  private String fileName = "";
  private long lastShownMillis = Long.MIN_VALUE;
  private UploadPhase lastPhase;
  private final long startedMillis;
  private boolean lineOpen;
  private long lastFileSize;

  ProgressDisplay(PrintStream out, Clock clock, Mode mode, long totalBytes, int totalFiles) {
    this(out, clock, mode, mode == Mode.TERMINAL ? TERMINAL_INTERVAL : PLAIN_INTERVAL, totalBytes, totalFiles);
  }

  ProgressDisplay(PrintStream out, Clock clock, Mode mode, Duration interval, long totalBytes, int totalFiles) {
    this.out = out;
    this.clock = clock;
    this.mode = mode;
    this.interval = interval;
    this.totalBytes = totalBytes;
    this.totalFiles = totalFiles;
    this.startedMillis = clock.millis();
  }

  /** The listener for the next file, of {@code size} bytes. */
  UploadListener startFile(String name, long size) {
    if (fileNumber > 0) {
      bytesBeforeThisFile += lastFileSize;
    }
    fileNumber++;
    fileName = name;
    lastFileSize = size;
    lastShownMillis = Long.MIN_VALUE;
    lastPhase = null;
    return new UploadListener() {
      @Override
      public void onProgress(UploadProgress progress) {
        show(progress);
      }

      @Override
      public void onCompleted(UploadResult result) {
        finishLine();
      }

      @Override
      public void onFailed(Throwable error) {
        finishLine();
      }
    };
  }

  /** A state not shown yet because it came too soon after the last one shown. */
  private UploadProgress pending;

  void show(UploadProgress p) {
    long now = clock.millis();
    boolean due = lastShownMillis == Long.MIN_VALUE || now - lastShownMillis >= interval.toMillis();
    if (!due && p.phase() == lastPhase) {
      pending = p;
      return;
    }
    render(p, now);
  }

  private void render(UploadProgress p, long now) {
    pending = null;
    lastShownMillis = now;
    lastPhase = p.phase();
    switch (mode) {
      case TERMINAL:
        out.print("\r" + terminalLine(p) + "\u001b[K");
        out.flush();
        lineOpen = true;
        break;
      case JSON:
        out.println(json(p));
        break;
      default:
        out.println(plainLine(p));
    }
  }

  /** Shows the file's last state if it was held back, and ends the terminal line. */
  private void finishLine() {
    if (pending != null) {
      render(pending, clock.millis());
    }
    if (lineOpen) {
      out.println();
      lineOpen = false;
    }
  }

  String terminalLine(UploadProgress p) {
    double fraction = fraction(p.bytesTransferred(), p.totalBytes());
    int filled = (int) Math.round(fraction * BAR_WIDTH);
    StringBuilder line = new StringBuilder();
    line.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ");
    line.append(String.format(Locale.ROOT, "%5.1f%% %s/%s %s/s ETA %s  %s", fraction * 100,
        mib(p.bytesTransferred()), mib(p.totalBytes()), mib(p.bytesPerSecond()),
        p.eta().map(ProgressDisplay::duration).orElse("--"), fileName));
    if (totalFiles > 1) {
      line.append(overall(p));
    }
    return line.toString();
  }

  String plainLine(UploadProgress p) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %s %-11s %,d / %,d bytes  %5.1f%%  %.1f MiB/s  ETA %s",
        fileName, p.phase().name().toLowerCase(Locale.ROOT), p.bytesTransferred(), p.totalBytes(),
        fraction(p.bytesTransferred(), p.totalBytes()) * 100, p.bytesPerSecond() / MIB,
        p.eta().map(ProgressDisplay::duration).orElse("--")));
    if (p.totalParts() > 0) {
      line.append("  parts ").append(p.partsCompleted()).append('/').append(p.totalParts());
    }
    if (totalFiles > 1) {
      line.append(overall(p));
    }
    return line.toString();
  }

  private String overall(UploadProgress p) {
    long done = bytesBeforeThisFile + p.bytesTransferred();
    long elapsedMillis = Math.max(1, clock.millis() - startedMillis);
    double rate = done * 1000.0 / elapsedMillis;
    String eta = rate <= 0 ? "--" : duration(Duration.ofMillis((long) ((totalBytes - done) * 1000 / rate)));
    return String.format(Locale.ROOT, "  | file %d/%d, overall %.1f%% ETA %s", fileNumber, totalFiles,
        fraction(done, totalBytes) * 100, eta);
  }

  private String json(UploadProgress p) {
    ObjectNode event = Json.MAPPER.createObjectNode();
    event.put("event", "progress");
    event.put("file", fileName);
    event.put("phase", p.phase().name().toLowerCase(Locale.ROOT));
    event.put("bytes", p.bytesTransferred());
    event.put("total_bytes", p.totalBytes());
    event.put("bytes_per_second", p.bytesPerSecond());
    p.eta().ifPresent(eta -> event.put("eta_seconds", eta.toSeconds()));
    event.put("file_number", fileNumber);
    event.put("files", totalFiles);
    event.put("overall_bytes", bytesBeforeThisFile + p.bytesTransferred());
    event.put("overall_total_bytes", totalBytes);
    return Json.line(event);
  }

  private static double fraction(long done, long total) {
    return total <= 0 ? 0 : Math.min(1.0, (double) done / total);
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / MIB);
  }

  static String duration(Duration d) {
    long s = d.toSeconds();
    return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60)
        : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60)
        : String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
  }
}
