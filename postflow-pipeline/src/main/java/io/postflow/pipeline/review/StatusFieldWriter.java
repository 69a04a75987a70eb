package io.postflow.pipeline.review;

import io.postflow.api.ShotStatus;
import io.postflow.api.internal.DaemonThreads;
import io.postflow.frameio.FieldDefinition;
import io.postflow.frameio.FrameioMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes shot statuses into the custom select field of delivered files, off the workers' path:
 * Frame.io takes 10 bulk updates a minute, so files waiting for the same status go in one call
 * (up to 100 files), and a burst of 30 deliveries costs one or two calls instead of blocking
 * uploads for three minutes. A file's latest request wins. A failed write is logged and dropped:
 * the client already retried it, and the field is written again when Frame.io reports the file
 * ready ({@code file.ready}) or the next version is delivered.
 *
 * <p>Thread-safe. {@link #close()} writes what is waiting (for up to the grace period) and stops.
 */
final class StatusFieldWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StatusFieldWriter.class);

  private final FrameioMetadata metadata;
  private final String projectId;
  private final FieldDefinition field;
  private final Duration closeGrace;
  private final Map<String, String> pending = new LinkedHashMap<>(); // file id -> option; guarded by this
  /** What this writer last set per file (the latest 10,000 files), to tell its echo from a reviewer. */
  private final Map<String, String> written = new LinkedHashMap<>(16, 0.75f, false) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > 10_000;
    }
  }; // guarded by this
  private final Thread thread;
  private boolean closed;
  private boolean busy;

  StatusFieldWriter(FrameioMetadata metadata, String projectId, FieldDefinition field, Duration closeGrace) {
    this.metadata = metadata;
    this.projectId = projectId;
    this.field = field;
    this.closeGrace = closeGrace;
    this.thread = DaemonThreads.factory("postflow-status-field").newThread(this::run);
    thread.start();
  }

  /** Queues the status for the file; never blocks on Frame.io. A blocked status is not written. */
  void write(String fileId, ShotStatus status) {
    if (status.isBlocked() || field.option(status.name()).isEmpty()) {
      LOG.debug("File {}: status {} has no option in field {}; not written", fileId, status, field.name());
      return;
    }
    synchronized (this) {
      if (closed) {
        LOG.debug("File {}: status field writer closed; {} not written", fileId, status);
        return;
      }
      pending.remove(fileId); // re-insert: the latest request goes last
      pending.put(fileId, status.name());
      written.put(fileId, status.name());
      notifyAll();
    }
  }

  /**
   * Whether {@code option} is what this writer set (or is about to set) on the file: a
   * {@code metadata.value.updated} event carrying it is the echo of our own write, not a
   * reviewer's decision.
   */
  synchronized boolean wroteLast(String fileId, String option) {
    return option.equals(written.get(fileId));
  }

  /** Notes that the file's field holds {@code option} now (a reviewer set it), so its echo is known. */
  synchronized void holds(String fileId, String option) {
    written.put(fileId, option);
  }

  /** Whether nothing waits and no write is under way; for tests. */
  synchronized boolean idle() {
    return pending.isEmpty() && !busy;
  }

  private void run() {
    while (true) {
      Map<String, List<String>> byOption = new LinkedHashMap<>();
      synchronized (this) {
        busy = false;
        notifyAll();
        while (pending.isEmpty() && !closed) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (pending.isEmpty()) {
          return;
        }
        pending.forEach((file, option) -> byOption.computeIfAbsent(option, k -> new ArrayList<>()).add(file));
        pending.clear();
        busy = true;
      }
      byOption.forEach(this::send);
    }
  }

  private void send(String option, List<String> fileIds) {
    try {
      metadata.setSelect(projectId, fileIds, field, option);
      LOG.debug("{} = {} on {} file(s)", field.name(), option, fileIds.size());
    } catch (RuntimeException e) {
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
      LOG.warn("Could not set {} to {} on {} file(s) {}; written again when Frame.io reports them ready",
          field.name(), option, fileIds.size(), fileIds, e);
    }
  }

  /** Writes what waits, for up to the grace period, then stops the thread. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    try {
      thread.join(closeGrace.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      thread.interrupt();
      LOG.warn("Status field writes still waiting after {}: stopped", closeGrace);
    }
  }
}
