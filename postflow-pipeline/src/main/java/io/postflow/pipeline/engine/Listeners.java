package io.postflow.pipeline.engine;

import io.postflow.api.Delivery;
import io.postflow.api.FolderPath;
import io.postflow.api.PipelineListener;
import io.postflow.api.Shot;
import io.postflow.api.ShotStatus;
import io.postflow.api.UploadProgress;
import io.postflow.api.UploadRequest;
import io.postflow.api.UploadResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered {@link PipelineListener}s as one: calls each in registration order and keeps a
 * listener that throws from stopping the pipeline or the listeners after it.
 */
public final class Listeners implements PipelineListener {
  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

  private final List<PipelineListener> listeners;

  Listeners(List<PipelineListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  private Listeners(CopyOnWriteArrayList<PipelineListener> live) {
    this.listeners = live;
  }

  /**
   * The listeners of a list that changes while the pipeline runs (observers added and removed
   * later), as one; each call sees the list as it is then.
   */
  public static PipelineListener live(CopyOnWriteArrayList<PipelineListener> listeners) {
    return new Listeners(listeners);
  }

  private void each(String event, Delivery delivery, Consumer<PipelineListener> call) {
    for (PipelineListener listener : listeners) {
      try {
        call.accept(listener);
      } catch (RuntimeException e) {
        LOG.warn("Pipeline listener {} failed on {} of delivery {} ({}); the pipeline goes on",
            listener.getClass().getName(), event, delivery.id(), delivery.file().relativePath(), e);
      }
    }
  }

  @Override
  public void onSeen(Delivery d) {
    each("seen", d, l -> l.onSeen(d));
  }

  @Override
  public void onMatched(Delivery d, Shot shot) {
    each("matched", d, l -> l.onMatched(d, shot));
  }

  @Override
  public void onQuarantined(Delivery d, String reason) {
    each("quarantined", d, l -> l.onQuarantined(d, reason));
  }

  @Override
  public void onFolderReady(Delivery d, FolderPath path, String folderId) {
    each("folder ready", d, l -> l.onFolderReady(d, path, folderId));
  }

  @Override
  public void onUploadStarted(Delivery d, UploadRequest request) {
    each("upload started", d, l -> l.onUploadStarted(d, request));
  }

  @Override
  public void onUploadProgress(Delivery d, UploadProgress progress) {
    each("upload progress", d, l -> l.onUploadProgress(d, progress));
  }

  @Override
  public void onUploadFinished(Delivery d, UploadResult result) {
    each("upload finished", d, l -> l.onUploadFinished(d, result));
  }

  @Override
  public void onConfirmed(Delivery d, String fileId, boolean adopted) {
    each("confirmed", d, l -> l.onConfirmed(d, fileId, adopted));
  }

  @Override
  public void onStacked(Delivery d, String versionStackId, String previousFileId) {
    each("stacked", d, l -> l.onStacked(d, versionStackId, previousFileId));
  }

  @Override
  public void onStatusChanged(Delivery d, Shot shot, ShotStatus previous) {
    each("status changed", d, l -> l.onStatusChanged(d, shot, previous));
  }

  @Override
  public void onRetried(Delivery d, int attempt, Duration delay, Throwable cause) {
    each("retried", d, l -> l.onRetried(d, attempt, delay, cause));
  }

  @Override
  public void onDelivered(Delivery d) {
    each("delivered", d, l -> l.onDelivered(d));
  }

  @Override
  public void onSuperseded(Delivery d, String reason) {
    each("superseded", d, l -> l.onSuperseded(d, reason));
  }

  @Override
  public void onFailed(Delivery d, Throwable cause) {
    each("failed", d, l -> l.onFailed(d, cause));
  }
}
