package io.postflow.frameio;

import io.postflow.frameio.webhooks.WebhookListener;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Lets webhooks cut confirmation short: when {@code file.upload.completed} or {@code file.ready}
 * arrives for a file an upload is confirming, the upload is woken so it checks the status now
 * instead of at its next poll. The status endpoint stays the source of truth (an event is a hint,
 * not a proof, and may be a redelivery). Thread-safe; unknown ids are ignored.
 */
final class ConfirmSignals implements Consumer<String> {
  /** The events after which a confirming upload should look again. */
  static final Set<String> EVENTS = Set.of("file.upload.completed", "file.ready");

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

  /** The same, fed by a {@link io.postflow.frameio.webhooks.WebhookReceiver}. */
  WebhookListener webhookListener() {
    return event -> {
      if (EVENTS.contains(event.type())) {
        accept(event.resourceId());
      }
    };
  }
}
