package io.postflow.lucidlink;

import io.postflow.api.LocalFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One warm-up: wait for a slot, try to pin, otherwise read the file front to back in blocks,
 * discarding the data (reading is what pulls it into LucidLink's cache). With a maximum distance
 * ahead of the uploader it pauses at that distance until {@link #advanceReader} moves on, so a
 * huge file does not push the start of itself out of the cache before it is uploaded.
 */
final class ReadAhead implements WarmHandle, Runnable {
  private static final Logger log = LoggerFactory.getLogger(ReadAhead.class);
  private static final long POLL_MILLIS = 100;

  private final Path file;
  private final CacheWarmer.Settings settings;
  private final Semaphore slots;
  private final Clock clock;
  private final Instant started;
  private final CompletableFuture<WarmProgress> completion = new CompletableFuture<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition moved = lock.newCondition();
  private volatile boolean cancelled;
  private volatile long warmed;
  private volatile long total;
  private volatile long readerPosition;
  private volatile WarmProgress.Method method = WarmProgress.Method.READ;
  private volatile Instant finished;

  ReadAhead(Path file, CacheWarmer.Settings settings, Semaphore slots, Clock clock) {
    this.file = file;
    this.settings = settings;
    this.slots = slots;
    this.clock = clock;
    this.started = clock.instant();
    completion.whenComplete((p, e) -> {
      if (finished == null) {
        finished = clock.instant(); // freezes elapsed and throughput once it has ended
      }
      if (completion.isCancelled()) {
        stop();
      }
    });
  }

  @Override
  public CompletableFuture<WarmProgress> completion() {
    return completion;
  }

  @Override
  public WarmProgress progress() {
    return snapshot(completion.isDone());
  }

  @Override
  public boolean cancel() {
    if (completion.isDone()) {
      return false; // CompletableFuture.cancel would say true again for an already-cancelled one
    }
    stop();
    return completion.cancel(false);
  }

  @Override
  public void advanceReader(long position) {
    lock.lock();
    try {
      if (position > readerPosition) {
        readerPosition = position;
        moved.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void run() {
    boolean slot = false;
    try {
      slot = acquireSlot();
      if (slot && !cancelled) {
        warm();
        finished = clock.instant();
        completion.complete(snapshot(true));
      }
    } catch (CancellationException e) {
      completion.cancel(false);
    } catch (InterruptedException | ClosedByInterruptException e) {
      Thread.currentThread().interrupt();
      completion.completeExceptionally(new CancellationException("interrupted while warming " + file));
    } catch (IOException e) {
      completion.completeExceptionally(new LocalFileException("cannot read to warm the cache", file, e));
    } catch (RuntimeException e) {
      completion.completeExceptionally(e);
    } finally {
      if (slot) {
        slots.release();
      }
    }
  }

  private boolean acquireSlot() throws InterruptedException {
    while (!cancelled) {
      if (slots.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        return true;
      }
    }
    return false;
  }

  private void warm() throws IOException, InterruptedException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      total = ch.size();
      if (settings.cli() != null && tryPin()) {
        return;
      }
      ByteBuffer buffer = ByteBuffer.allocateDirect(settings.bufferSize());
      long pos = 0;
      while (pos < total) {
        long room = awaitRoom(pos);
        buffer.clear().limit((int) Math.min(buffer.capacity(), Math.min(room, total - pos)));
        int n = ch.read(buffer, pos);
        if (n < 0) {
          break; // the file shrank: what is there is warm
        }
        pos += n;
        warmed = pos;
      }
      log.debug("Warmed {} ({} bytes in {})", file, pos, Duration.between(started, clock.instant()));
    }
  }

  private boolean tryPin() {
    try {
      settings.cli().pin(file);
      method = WarmProgress.Method.PIN;
      log.debug("Pinned {} in the LucidLink cache", file);
      return true;
    } catch (LucidLinkException e) {
      log.debug("Pinning {} failed, reading it instead: {}", file, e.getMessage());
      return false;
    }
  }

  /** Blocks until reading at {@code pos} stays within the allowed distance; returns the room. */
  private long awaitRoom(long pos) throws InterruptedException {
    long maxAhead = settings.maxAhead();
    if (cancelled) {
      throw new CancellationException();
    }
    if (maxAhead <= 0) {
      return Long.MAX_VALUE;
    }
    lock.lock();
    try {
      while (!cancelled && pos >= limit(maxAhead)) {
        moved.await(POLL_MILLIS, TimeUnit.MILLISECONDS);
      }
      if (cancelled) {
        throw new CancellationException();
      }
      return limit(maxAhead) - pos;
    } finally {
      lock.unlock();
    }
  }

  /**
   * How far reading may go: the reader's position plus the distance, saturating, because a reader
   * may announce {@code Long.MAX_VALUE} ("no limit any more") and the sum must not wrap negative.
   */
  private long limit(long maxAhead) {
    long reader = readerPosition;
    return reader > Long.MAX_VALUE - maxAhead ? Long.MAX_VALUE : reader + maxAhead;
  }

  private void stop() {
    cancelled = true;
    lock.lock();
    try {
      moved.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private WarmProgress snapshot(boolean done) {
    Instant end = finished;
    return WarmProgress.of(method, warmed, total,
        Duration.between(started, end != null ? end : clock.instant()), done);
  }
}
