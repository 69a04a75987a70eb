package io.postflow.frameio;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Lets a webhook receiver cut confirmation short: when {@code file.upload.completed} or
 * {@code file.ready} arrives for a file an upload is confirming, {@link #accept} wakes that upload
 * so it checks the status now instead of at its next poll. The status endpoint stays the source of
 * truth (an event is a hint, not a proof). Thread-safe; unknown ids are ignored.
 */
final class ConfirmSignals implements Consumer<String> {
  private final Map<String, UploadWakeup> waiting = new ConcurrentHashMap<>();

  void register(String fileId, UploadWakeup wakeup) {
    waiting.put(fileId, wakeup);
  }

  void unregister(String fileId) {
    waiting.remove(fileId);
  }

  /** Wakes the upload confirming {@code fileId}, if any. */
  @Override
  public void accept(String fileId) {
    UploadWakeup wakeup = fileId == null ? null : waiting.get(fileId);
    if (wakeup != null) {
      wakeup.signal();
    }
  }
}
