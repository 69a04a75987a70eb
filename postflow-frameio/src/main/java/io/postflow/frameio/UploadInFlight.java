package io.postflow.frameio;

import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The HTTP requests an upload has running, so that cancel (or a part that failed for good) can
 * abort them at once rather than wait for them to finish. Thread-safe.
 */
final class UploadInFlight {
  private final Set<CompletableFuture<?>> running = ConcurrentHashMap.newKeySet();
  private volatile boolean aborted;

  /**
   * Waits for {@code call}, which can be aborted meanwhile.
   *
   * @throws CancellationException when it was aborted
   */
  <T> T await(CompletableFuture<T> call) throws ExecutionException, InterruptedException {
    running.add(call);
    try {
      if (aborted) {
        call.cancel(true);
      }
      return call.get();
    } catch (InterruptedException e) {
      call.cancel(true);
      throw e;
    } finally {
      running.remove(call);
    }
  }

  /** Aborts every running request, and any registered from now on. */
  void abortAll() {
    aborted = true;
    for (CompletableFuture<?> call : running) {
      call.cancel(true);
    }
  }
}
