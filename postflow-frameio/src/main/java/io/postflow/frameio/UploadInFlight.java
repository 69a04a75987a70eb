package io.postflow.frameio;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP requests an upload has running, so that cancel (or a part that failed for good) can
 * abort them at once rather than wait for them to finish. Thread-safe.
 */
final class UploadInFlight {
  private final Set<CompletableFuture<?>> running = ConcurrentHashMap.newKeySet();
  private volatile boolean aborted;

  /**
   * Waits at most {@code timeout} for {@code call}, which can be aborted meanwhile. The bound
   * covers the whole exchange: the HTTP client's own request timeout stops at the response
   * headers, so an answer whose body stalls would otherwise be waited for forever.
   *
   * @throws CancellationException when it was aborted
   * @throws TimeoutException when {@code timeout} passed (the call is then aborted)
   */
  <T> T await(CompletableFuture<T> call, Duration timeout)
      throws ExecutionException, InterruptedException, TimeoutException {
    running.add(call);
    try {
      if (aborted) {
        call.cancel(true);
      }
      return call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException | TimeoutException e) {
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
