package io.postflow.pipeline;

import io.postflow.api.Delivery;
import io.postflow.api.FolderPath;
import io.postflow.api.PipelineListener;
import io.postflow.api.Shot;
import io.postflow.api.ShotStatus;
import io.postflow.api.UploadProgress;
import io.postflow.api.UploadRequest;
import io.postflow.api.UploadResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Records every pipeline event per delivery (by file name), in order; thread-safe. */
final class EventRecorder implements PipelineListener {
  private final Map<String, List<String>> byFile = new ConcurrentHashMap<>();
  private final List<String> stacked = java.util.Collections.synchronizedList(new ArrayList<>());

  private void add(Delivery d, String event) {
    byFile.computeIfAbsent(d.file().fileName(), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
        .add(event);
  }

  List<String> events(String fileName) {
    List<String> events = byFile.getOrDefault(fileName, List.of());
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  /** Events of one file without progress and retries, which vary from run to run. */
  List<String> milestones(String fileName) {
    return events(fileName).stream().filter(e -> !e.equals("progress") && !e.startsWith("retried"))
        .collect(Collectors.toList());
  }

  List<String> stackings() {
    synchronized (stacked) {
      return List.copyOf(stacked);
    }
  }

  @Override
  public void onSeen(Delivery d) {
    add(d, "seen");
  }

  @Override
  public void onMatched(Delivery d, Shot shot) {
    add(d, "matched");
  }

  @Override
  public void onQuarantined(Delivery d, String reason) {
    add(d, "quarantined: " + reason);
  }

  @Override
  public void onFolderReady(Delivery d, FolderPath path, String folderId) {
    add(d, "folder " + path);
  }

  @Override
  public void onUploadStarted(Delivery d, UploadRequest request) {
    add(d, "upload started");
  }

  @Override
  public void onUploadProgress(Delivery d, UploadProgress progress) {
    add(d, "progress");
  }

  @Override
  public void onUploadFinished(Delivery d, UploadResult result) {
    add(d, "upload finished");
  }

  @Override
  public void onConfirmed(Delivery d, String fileId, boolean adopted) {
    add(d, adopted ? "adopted" : "confirmed");
  }

  @Override
  public void onStacked(Delivery d, String versionStackId, String previousFileId) {
    add(d, "stacked");
    stacked.add(d.file().fileName());
  }

  @Override
  public void onStatusChanged(Delivery d, Shot shot, ShotStatus previous) {
    add(d, "status " + previous + " -> " + shot.status());
  }

  @Override
  public void onRetried(Delivery d, int attempt, Duration delay, Throwable cause) {
    add(d, "retried " + attempt);
  }

  @Override
  public void onDelivered(Delivery d) {
    add(d, "delivered");
  }

  @Override
  public void onSuperseded(Delivery d, String reason) {
    add(d, "superseded: " + reason);
  }

  @Override
  public void onFailed(Delivery d, Throwable cause) {
    add(d, "failed: " + cause.getMessage());
  }
}
