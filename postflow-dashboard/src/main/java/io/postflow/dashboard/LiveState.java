package io.postflow.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postflow.api.Delivery;
import io.postflow.api.FolderPath;
import io.postflow.api.Notification;
import io.postflow.api.Notifier;
import io.postflow.api.PipelineListener;
import io.postflow.api.Shot;
import io.postflow.api.ShotStatus;
import io.postflow.api.UploadProgress;
import io.postflow.api.UploadRequest;
import io.postflow.api.UploadResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the dashboard learns from the pipeline as it happens (the journal keeps the rest): uploads
 * in flight with their latest progress, the recent events and notifications, and the throughput.
 * Each event is also pushed to the open pages. Memory is bounded: the recent lists keep the last
 * {@value #RECENT} entries, and an upload leaves the map when its delivery ends.
 *
 * <p>Listener calls return at once, as the listener contract asks: they update memory and offer
 * to the pages' queues, nothing more.
 */
final class LiveState implements PipelineListener, Notifier {
  static final int RECENT = 200;

  private final Clock clock;
  private final EventStream stream;
  private final Throughput throughput;
  private final Map<Long, ObjectNode> uploads = new ConcurrentHashMap<>();
  private final Map<Long, Long> lastBytes = new ConcurrentHashMap<>();
  private final Deque<ObjectNode> events = new ArrayDeque<>();
  private final Deque<ObjectNode> notifications = new ArrayDeque<>();
  private final AtomicLong notificationCount = new AtomicLong();

  LiveState(Clock clock, EventStream stream) {
    this.clock = clock;
    this.stream = stream;
    this.throughput = new Throughput(clock, Duration.ofSeconds(10), 60);
  }

  Throughput throughput() {
    return throughput;
  }

  /** The uploads in flight, oldest first. */
  ArrayNode uploads() {
    ArrayNode array = Json.MAPPER.createArrayNode();
    uploads.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> array.add(e.getValue().deepCopy()));
    return array;
  }

  int uploadsInFlight() {
    return uploads.size();
  }

  /** The recent events, newest first. */
  synchronized ArrayNode events() {
    ArrayNode array = Json.MAPPER.createArrayNode();
    events.descendingIterator().forEachRemaining(array::add);
    return array;
  }

  /** The recent notifications, alerts included, newest first. */
  synchronized ArrayNode notifications() {
    ArrayNode array = Json.MAPPER.createArrayNode();
    notifications.descendingIterator().forEachRemaining(array::add);
    return array;
  }

  long notificationCount() {
    return notificationCount.get();
  }

  private void event(Delivery d, String kind, String text) {
    ObjectNode event = Json.MAPPER.createObjectNode()
        .put("time", clock.instant().toString())
        .put("delivery", d.id())
        .put("file", d.file().relativePath())
        .put("kind", kind)
        .put("text", text);
    synchronized (this) {
      remember(events, event);
    }
    stream.publish("change", event.toString());
  }

  private static void remember(Deque<ObjectNode> recent, ObjectNode entry) {
    recent.addLast(entry);
    while (recent.size() > RECENT) {
      recent.removeFirst();
    }
  }

  private void ended(Delivery d) {
    uploads.remove(d.id());
    lastBytes.remove(d.id());
  }

  @Override
  public void onSeen(Delivery d) {
    event(d, "seen", "recorded in the journal");
  }

  @Override
  public void onMatched(Delivery d, Shot shot) {
    event(d, "matched", "shot " + shot.nomenclature().orElse(shot.number()) + ", scene " + shot.scene().rawName()
        + d.facts().version().map(v -> ", version " + v).orElse(""));
  }

  @Override
  public void onQuarantined(Delivery d, String reason) {
    ended(d);
    event(d, "quarantined", reason);
  }

  @Override
  public void onFolderReady(Delivery d, FolderPath path, String folderId) {
    event(d, "folder", "folder " + path + " ready");
  }

  @Override
  public void onUploadStarted(Delivery d, UploadRequest request) {
    ObjectNode upload = Json.MAPPER.createObjectNode()
        .put("delivery", d.id())
        .put("file", d.file().relativePath())
        .put("shot", d.facts().shot().orElse(""))
        .put("phase", "starting")
        .put("bytes", 0L)
        .put("total", d.file().sizeBytes())
        .put("fraction", 0.0)
        .put("bytesPerSecond", 0L)
        .putNull("etaSeconds")
        .put("startedAt", clock.instant().toString());
    d.facts().version().ifPresent(v -> upload.put("version", v));
    uploads.put(d.id(), upload);
    lastBytes.put(d.id(), 0L);
    event(d, "upload", "upload started (" + d.file().sizeBytes() + " bytes)");
  }

  @Override
  public void onUploadProgress(Delivery d, UploadProgress p) {
    long previous = lastBytes.getOrDefault(d.id(), 0L);
    // A retried upload starts again from fewer bytes: only growth is new throughput.
    throughput.add(p.bytesTransferred() - previous);
    lastBytes.put(d.id(), p.bytesTransferred());
    ObjectNode upload = uploads.computeIfAbsent(d.id(), id -> Json.MAPPER.createObjectNode()
        .put("delivery", d.id()).put("file", d.file().relativePath()).put("shot", d.facts().shot().orElse(""))
        .put("startedAt", clock.instant().toString()));
    ObjectNode updated = upload.deepCopy()
        .put("phase", p.phase().name().toLowerCase(Locale.ROOT))
        .put("bytes", p.bytesTransferred())
        .put("total", p.totalBytes())
        .put("fraction", p.fraction())
        .put("bytesPerSecond", p.bytesPerSecond())
        .put("parts", p.partsCompleted())
        .put("totalParts", p.totalParts());
    p.eta().ifPresentOrElse(eta -> updated.put("etaSeconds", eta.toMillis() / 1000.0), () -> updated.putNull("etaSeconds"));
    uploads.put(d.id(), updated);
    stream.publish("progress", updated.toString());
  }

  @Override
  public void onUploadFinished(Delivery d, UploadResult result) {
    long previous = lastBytes.getOrDefault(d.id(), 0L);
    throughput.add(result.sizeBytes() - previous);
    lastBytes.put(d.id(), result.sizeBytes());
    uploads.computeIfPresent(d.id(), (id, upload) -> upload.deepCopy().put("phase", "confirming")
        .put("bytes", result.sizeBytes()).put("fraction", 1.0).putNull("etaSeconds"));
    event(d, "uploaded", "uploaded " + result.sizeBytes() + " bytes in " + result.duration().toMillis() + " ms");
  }

  @Override
  public void onConfirmed(Delivery d, String fileId, boolean adopted) {
    event(d, "confirmed", adopted ? "found on Frame.io and adopted (not uploaded twice)" : "confirmed by Frame.io");
  }

  @Override
  public void onStacked(Delivery d, String versionStackId, String previousFileId) {
    event(d, "stacked", "stacked on the previous version");
  }

  @Override
  public void onStatusChanged(Delivery d, Shot shot, ShotStatus previous) {
    event(d, "status", "shot " + shot.nomenclature().orElse(shot.number()) + ": "
        + previous.name().toLowerCase(Locale.ROOT) + " -> " + ShotStatusAdapter.status(shot));
  }

  @Override
  public void onRetried(Delivery d, int attempt, Duration delay, Throwable cause) {
    // The row stays, saying so, until the upload starts again (or the delivery ends).
    uploads.computeIfPresent(d.id(), (id, upload) -> upload.deepCopy().put("phase", "retrying").put("bytesPerSecond", 0L)
        .putNull("etaSeconds"));
    event(d, "retried", "attempt " + attempt + " failed (" + cause.getMessage() + "); again in "
        + delay.toMillis() + " ms");
  }

  @Override
  public void onDelivered(Delivery d) {
    ended(d);
    event(d, "delivered", "delivered");
  }

  @Override
  public void onSuperseded(Delivery d, String reason) {
    ended(d);
    event(d, "superseded", reason);
  }

  @Override
  public void onFailed(Delivery d, Throwable cause) {
    ended(d);
    event(d, "failed", String.valueOf(cause.getMessage()));
  }

  @Override
  public void notify(Notification n) {
    ObjectNode entry = Json.MAPPER.createObjectNode()
        .put("time", clock.instant().toString())
        .put("kind", n.kind().name().toLowerCase(Locale.ROOT))
        .put("message", n.message());
    n.shot().flatMap(Shot::nomenclature).ifPresent(shot -> entry.put("shot", shot));
    n.delivery().ifPresent(d -> entry.put("delivery", d.id()).put("file", d.file().relativePath()));
    n.link().ifPresent(link -> entry.put("link", link.toString()));
    ObjectNode details = entry.putObject("details");
    n.details().forEach(details::put);
    notificationCount.incrementAndGet();
    synchronized (this) {
      remember(notifications, entry);
    }
    stream.publish("notification", entry.toString());
  }
}
