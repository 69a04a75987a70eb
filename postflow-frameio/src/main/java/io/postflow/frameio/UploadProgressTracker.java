package io.postflow.frameio;

import io.postflow.api.UploadPhase;
import io.postflow.api.UploadProgress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live counters of one upload and the snapshots made from them. Throughput is measured over a
 * sliding window of recent samples of the bytes put on the wire (retries included), so it reacts to
 * a link that slows down instead of averaging since the start. Thread-safe: counters are atomics,
 * the window is guarded by this object.
 */
final class UploadProgressTracker {
  private static final long WINDOW_MILLIS = 5_000;
  private static final long SAMPLE_SPACING_MILLIS = 100;

  private final Clock clock;
  private final long totalBytes;
  private final long startMillis;
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicInteger partsCompleted = new AtomicInteger();
  private final ArrayDeque<long[]> samples = new ArrayDeque<>();
  private volatile int totalParts;
  private volatile UploadPhase phase = UploadPhase.PREPARING;
  private volatile long endMillis = -1;

  UploadProgressTracker(Clock clock, long totalBytes) {
    this.clock = clock;
    this.totalBytes = totalBytes;
    this.startMillis = clock.millis();
  }

  /** Bytes handed to the network so far; readers add to it. */
  AtomicLong sentCounter() {
    return sent;
  }

  void phase(UploadPhase next) {
    if (next.isTerminal()) {
      endMillis = clock.millis();
    }
    phase = next;
  }

  UploadPhase phase() {
    return phase;
  }

  /** Starts (or, after a start-over, restarts) the transfer of {@code parts} parts. */
  void transferring(int parts) {
    totalParts = parts;
    partsCompleted.set(0);
    acknowledged.set(0);
    phase = UploadPhase.TRANSFERRING;
  }

  void partCompleted(long bytes) {
    acknowledged.addAndGet(bytes);
    partsCompleted.incrementAndGet();
  }

  /** For transfers not made of parts: the bytes the service has taken so far. */
  void acknowledged(long bytes) {
    acknowledged.set(Math.min(bytes, totalBytes));
  }

  void sent(long total) {
    sent.set(total);
  }

  Duration elapsed() {
    long end = endMillis >= 0 ? endMillis : clock.millis();
    return Duration.ofMillis(Math.max(0, end - startMillis));
  }

  UploadProgress snapshot() {
    return UploadProgress.builder()
        .phase(phase)
        .bytesTransferred(acknowledged.get())
        .totalBytes(totalBytes)
        .partsCompleted(partsCompleted.get())
        .totalParts(totalParts)
        .bytesPerSecond(throughput())
        .elapsed(elapsed())
        .build();
  }

  /** Bytes per second over the last few seconds; 0 until two samples a little apart exist. */
  synchronized long throughput() {
    long now = clock.millis();
    long bytes = sent.get();
    long[] last = samples.peekLast();
    if (last == null || now - last[0] >= SAMPLE_SPACING_MILLIS) {
      samples.addLast(new long[] {now, bytes});
    }
    while (samples.size() > 2 && now - samples.peekFirst()[0] > WINDOW_MILLIS) {
      samples.removeFirst();
    }
    long[] first = samples.peekFirst();
    long span = now - first[0];
    if (span < SAMPLE_SPACING_MILLIS || phase.isTerminal()) {
      return 0;
    }
    return Math.max(0, (bytes - first[1]) * 1000 / span);
  }
}
