package io.postflow.frameio;

import io.postflow.api.UploadCheckpoint;
import io.postflow.api.UploadListener;
import io.postflow.api.UploadProgress;
import io.postflow.api.UploadRequest;
import io.postflow.api.UploadResult;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls one upload's {@link UploadListener} as its contract promises: {@code onStarted} once,
 * {@code onRemoteFileCreated} once per remote file, one terminal call exactly, nothing after it, never two calls at once (every call holds this object's
 * lock), {@code onProgress} at most once per interval, and a listener's exception caught and
 * logged, never failing the upload. Thread-safe.
 */
final class UploadEvents {
  private static final Logger LOG = LoggerFactory.getLogger(UploadEvents.class);

  private final UploadListener listener;
  private final Clock clock;
  private final long progressIntervalMillis;
  private final String fileName;
  private boolean started;
  private boolean ended;
  private long lastProgressMillis = Long.MIN_VALUE;
  /** Read without the lock: most calls (one per buffer sent) end here, cheaply. */
  private volatile long nextProgressMillis = Long.MIN_VALUE;

  UploadEvents(UploadListener listener, Clock clock, Duration progressInterval, String fileName) {
    this.listener = listener;
    this.clock = clock;
    this.progressIntervalMillis = progressInterval.toMillis();
    this.fileName = fileName;
  }

  synchronized void started(UploadRequest request) {
    if (!started && !ended) {
      started = true;
      call("onStarted", l -> l.onStarted(request));
    }
  }

  /** The service created the remote file {@code fileId}; once per remote file, before its parts. */
  synchronized void remoteFileCreated(UploadRequest request, String fileId) {
    if (started && !ended) {
      call("onRemoteFileCreated", l -> l.onRemoteFileCreated(request, fileId));
    }
  }

  /** A multipart upload's checkpoint changed (placeholder created, or a part accepted). */
  synchronized void checkpoint(UploadRequest request, UploadCheckpoint checkpoint) {
    if (started && !ended) {
      call("onCheckpoint", l -> l.onCheckpoint(request, checkpoint));
    }
  }

  /** Sends a snapshot unless one went out less than the interval ago (or {@code force}). */
  void progress(Supplier<UploadProgress> snapshot, boolean force) {
    if (!force && clock.millis() < nextProgressMillis) {
      return;
    }
    synchronized (this) {
      long now = clock.millis();
      if (ended || !started
          || (!force && lastProgressMillis != Long.MIN_VALUE
              && now - lastProgressMillis < progressIntervalMillis)) {
        return;
      }
      lastProgressMillis = now;
      nextProgressMillis = now + progressIntervalMillis;
      UploadProgress progress = snapshot.get();
      call("onProgress", l -> l.onProgress(progress));
    }
  }

  synchronized void partCompleted(int partIndex, int totalParts, long bytes) {
    if (started && !ended) {
      call("onPartCompleted", l -> l.onPartCompleted(partIndex, totalParts, bytes));
    }
  }

  /** The terminal success call; false when a terminal call was already made. */
  synchronized boolean completed(UploadResult result) {
    if (ended) {
      return false;
    }
    ended = true;
    call("onCompleted", l -> l.onCompleted(result));
    return true;
  }

  /** The terminal failure call; false when a terminal call was already made. */
  synchronized boolean failed(Throwable error) {
    if (ended) {
      return false;
    }
    ended = true;
    call("onFailed", l -> l.onFailed(error));
    return true;
  }

  private void call(String method, Consumer<UploadListener> event) {
    try {
      event.accept(listener);
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError) {
        throw (Error) e;
      }
      LOG.warn("upload listener {}.{} for {} threw; ignored", listener.getClass().getName(),
          method, fileName, e);
    }
  }
}
