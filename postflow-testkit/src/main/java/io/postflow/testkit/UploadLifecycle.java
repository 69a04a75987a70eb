package io.postflow.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves files {@code created -> uploaded -> transcoded} and emits the matching webhook events.
 * The transcode happens {@code transcodeDelay} after the upload completes on the SANDBOX clock: a
 * ticker polls the clock every few milliseconds, so advancing a {@code ManualClock} makes it happen
 * (with a zero delay it happens at once). Faults may stall or fail transcodes.
 */
final class UploadLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(UploadLifecycle.class);
  private static final long TICK_MILLIS = 5;

  private final SandboxStore store;
  private final SandboxFaults faults;
  private final WebhookEvents events;
  private final Duration transcodeDelay;
  private final Set<String> pending = new LinkedHashSet<>(); // guarded by the store lock
  // Ticker rounds finished: a test that must see nothing happen waits for rounds, not for time.
  private final AtomicLong tickerRounds = new AtomicLong();

  UploadLifecycle(SandboxStore store, SandboxFaults faults, WebhookEvents events, Duration transcodeDelay) {
    this.store = store;
    this.faults = faults;
    this.events = events;
    this.transcodeDelay = transcodeDelay;
  }

  void start(ScheduledExecutorService ticker) {
    ticker.scheduleWithFixedDelay(() -> {
      try {
        tick();
      } catch (RuntimeException e) {
        LOG.warn("Transcode tick failed", e); // keep ticking: one bad file must not stop the rest
      } finally {
        tickerRounds.incrementAndGet();
      }
    }, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * How many rounds the ticker has finished. A round that finished after a change began after it
   * once another round has finished since the change (one thread runs them in turn), so two more
   * rounds prove the ticker had its chance to act on the change.
   */
  long tickerRounds() {
    return tickerRounds.get();
  }

  /** SHA-256 hex of the parts' bytes in order, streamed from their temp files. */
  static String sha256(List<FileAsset.Part> parts) throws IOException {
    MessageDigest digest = newSha256();
    byte[] buffer = new byte[64 * 1024];
    for (FileAsset.Part part : parts) {
      try (InputStream in = Files.newInputStream(part.file())) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
        }
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** The bytes are all in: {@code uploaded} now, transcode scheduled. No-op if no longer {@code created}. */
  void completed(FileAsset file, String sha256, long bytes) {
    boolean changed = store.locked(() -> {
      if (file.status != FileAsset.Status.CREATED || !store.assets.containsKey(file.id)) {
        return false;
      }
      file.sha256 = sha256;
      file.bytesReceived = bytes;
      file.status = FileAsset.Status.UPLOADED;
      file.uploadCompletedAt = store.clock.instant();
      file.updatedAt = file.uploadCompletedAt;
      file.transcodeDueAt = file.uploadCompletedAt.plus(transcodeDelay);
      pending.add(file.id);
      return true;
    });
    if (changed) {
      LOG.debug("File {} uploaded ({} bytes)", file.id, bytes);
      events.emit("file.upload.completed", file.id, "file", file.projectId);
      tick();
    }
  }

  /** The upload failed for good: the status endpoint says {@code upload_failed}. */
  void failed(FileAsset file) {
    store.lockedRun(() -> {
      file.uploadFailed = true;
      file.updatedAt = store.clock.instant();
    });
    LOG.debug("File {} upload failed", file.id);
  }

  /** Transcodes every pending file whose time has come. Runs on the ticker and after completions. */
  void tick() {
    if (faults.transcodesStalled()) {
      return;
    }
    boolean fail = faults.transcodesFail();
    List<FileAsset> ready = store.locked(() -> {
      List<FileAsset> due = new java.util.ArrayList<>();
      var now = store.clock.instant();
      for (var it = pending.iterator(); it.hasNext(); ) {
        Asset asset = store.assets.get(it.next());
        if (!(asset instanceof FileAsset file)) {
          it.remove();
          continue;
        }
        if (!now.isBefore(file.transcodeDueAt)) {
          it.remove();
          if (fail) {
            file.uploadFailed = true;
          } else {
            file.status = FileAsset.Status.TRANSCODED;
            due.add(file);
          }
          file.updatedAt = now;
        }
      }
      return due;
    });
    for (FileAsset file : ready) {
      LOG.debug("File {} transcoded", file.id);
      events.emit("file.ready", file.id, "file", file.projectId);
    }
  }
}
