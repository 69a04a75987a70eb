package io.postflow.cli;

import io.postflow.api.Delivery;
import io.postflow.api.FolderPath;
import io.postflow.api.Notification;
import io.postflow.api.Notifier;
import io.postflow.api.PipelineListener;
import io.postflow.api.Shot;
import io.postflow.api.ShotStatus;
import io.postflow.api.UploadProgress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * Tells what the pipeline does, one line per step, and each upload's progress at most twice a
 * second; remembers how each render ended and the notifications sent, for the summary. Returns at
 * once from every call, as the listener contract asks.
 */
final class DemoNarrator implements PipelineListener, Notifier {
  private static final long PROGRESS_EVERY_NANOS = Duration.ofMillis(500).toNanos();

  private final PrintStream out;
  private final LongSupplier nanoTime;
  private final long startNanos;
  private final Map<String, String> endings = new ConcurrentHashMap<>();
  private final Map<Long, Long> lastProgress = new ConcurrentHashMap<>();
  private final Map<Long, Long> lastBytes = new ConcurrentHashMap<>();
  private final List<Notification> notifications = new CopyOnWriteArrayList<>();

  DemoNarrator(PrintStream out) {
    this(out, System::nanoTime);
  }

  /** With the clock the progress lines are paced and the step times measured by (tests pass their own). */
  DemoNarrator(PrintStream out, LongSupplier nanoTime) {
    this.out = out;
    this.nanoTime = nanoTime;
    this.startNanos = nanoTime.getAsLong();
  }

  /** How each render ended, by file name: delivered, quarantined, failed or superseded. */
  Map<String, String> endings() {
    return Map.copyOf(endings);
  }

  List<Notification> notifications() {
    return List.copyOf(notifications);
  }

  private void say(Delivery d, String text) {
    out.printf(Locale.ROOT, "  %5.1fs  %-22s %s%n", (nanoTime.getAsLong() - startNanos) / 1e9, d.file().fileName(), text);
  }

  @Override
  public void onSeen(Delivery d) {
    say(d, "settled (" + String.format(Locale.ROOT, "%,d", d.file().sizeBytes()) + " bytes), recorded in the journal");
  }

  @Override
  public void onMatched(Delivery d, Shot shot) {
    say(d, "shot " + shot.nomenclature().orElse(shot.number()) + ", scene " + shot.scene().number() + " \""
        + shot.scene().rawName() + "\", version " + d.facts().version().orElse(0));
  }

  @Override
  public void onFolderReady(Delivery d, FolderPath path, String folderId) {
    say(d, "folder " + path + " ready");
  }

  @Override
  public void onUploadProgress(Delivery d, UploadProgress p) {
    long now = nanoTime.getAsLong();
    Long last = lastProgress.get(d.id());
    Long printed = lastBytes.get(d.id());
    // A line when bytes moved, at most twice a second, and the line that reaches 100 %.
    boolean moved = printed == null || p.bytesTransferred() != printed;
    boolean done = p.bytesTransferred() == p.totalBytes();
    if (!moved || (last != null && now - last < PROGRESS_EVERY_NANOS && !done)) {
      return;
    }
    lastProgress.put(d.id(), now);
    lastBytes.put(d.id(), p.bytesTransferred());
    int width = 24;
    int filled = (int) Math.round(p.fraction() * width);
    say(d, String.format(Locale.ROOT, "[%s%s] %5.1f%%  %.1f / %.1f MB  %.1f MB/s  ETA %s",
        "#".repeat(filled), ".".repeat(width - filled), p.fraction() * 100, p.bytesTransferred() / 1e6,
        p.totalBytes() / 1e6, p.bytesPerSecond() / 1e6,
        p.eta().map(eta -> String.format(Locale.ROOT, "%.1fs", eta.toMillis() / 1000.0)).orElse("--")));
  }

  @Override
  public void onConfirmed(Delivery d, String fileId, boolean adopted) {
    say(d, adopted ? "already on Frame.io: adopted, not uploaded twice" : "on Frame.io, every byte confirmed");
  }

  @Override
  public void onStacked(Delivery d, String versionStackId, String previousFileId) {
    say(d, "stacked on the shot's previous version");
  }

  @Override
  public void onStatusChanged(Delivery d, Shot shot, ShotStatus previous) {
    say(d, "shot " + shot.nomenclature().orElse(shot.number()) + ": " + previous + " -> " + shot.status());
  }

  @Override
  public void onRetried(Delivery d, int attempt, Duration delay, Throwable cause) {
    say(d, "attempt " + attempt + " failed (" + cause.getMessage() + "), trying again");
  }

  @Override
  public void onDelivered(Delivery d) {
    end(d, "delivered");
  }

  @Override
  public void onQuarantined(Delivery d, String reason) {
    end(d, "quarantined: " + reason);
  }

  @Override
  public void onSuperseded(Delivery d, String reason) {
    end(d, "superseded: " + reason);
  }

  @Override
  public void onFailed(Delivery d, Throwable cause) {
    end(d, "FAILED: " + cause.getMessage());
  }

  private void end(Delivery d, String ending) {
    lastProgress.remove(d.id());
    lastBytes.remove(d.id());
    endings.put(d.file().fileName(), ending);
    say(d, ending);
  }

  @Override
  public void notify(Notification notification) {
    notifications.add(notification);
  }
}
