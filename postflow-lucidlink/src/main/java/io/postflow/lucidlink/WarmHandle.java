package io.postflow.lucidlink;

import java.util.concurrent.CompletableFuture;

/**
 * One running cache warm-up, from {@link CacheWarmer#warm}. Thread-safe; every method returns
 * at once.
 */
public interface WarmHandle {
  /**
   * Completes with the final progress, or exceptionally with a
   * {@link java.util.concurrent.CancellationException} (cancelled), a
   * {@link io.postflow.api.LocalFileException} (the file cannot be read) or a
   * {@link LucidLinkException}.
   * Cancelling this future cancels the warm-up, like {@link #cancel()}.
   */
  CompletableFuture<WarmProgress> completion();

  /** The progress now. Cheap; any thread, any rate. */
  WarmProgress progress();

  /** Stops reading as soon as the current block is read. Returns false when it had already ended. */
  boolean cancel();

  /**
   * Tells the warmer how far the uploader has read, so that, when the warmer was built with a
   * {@link CacheWarmer.Builder#maxAhead} distance, it reads on up to that distance beyond this
   * position. Positions only move forward; a smaller value is ignored.
   */
  void advanceReader(long position);
}
