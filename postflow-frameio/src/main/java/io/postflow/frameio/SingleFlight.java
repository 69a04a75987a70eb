package io.postflow.frameio;

import io.postflow.api.PostFlowException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Runs at most one piece of work per key at a time; callers that arrive while it runs wait for its
 * result instead of doing it again (Go's {@code singleflight}). A leader that was interrupted
 * (cancelled) does not fail its followers: they start over and one of them leads.
 *
 * <p>The work must re-check any cache it fills: a caller can miss the cache, then find no flight
 * because the previous one just finished, and lead a new flight.
 */
final class SingleFlight<K, V> {
  private final ConcurrentMap<K, CompletableFuture<V>> flights = new ConcurrentHashMap<>();

  V run(K key, Supplier<V> work) {
    while (true) {
      CompletableFuture<V> mine = new CompletableFuture<>();
      CompletableFuture<V> running = flights.putIfAbsent(key, mine);
      if (running == null) {
        try {
          V value = work.get();
          mine.complete(value);
          return value;
        } catch (RuntimeException | Error e) {
          mine.completeExceptionally(e);
          throw e;
        } finally {
          flights.remove(key, mine);
        }
      }
      try {
        return running.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PostFlowException("interrupted while waiting for " + key, e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof PostFlowException && cause.getCause() instanceof InterruptedException) {
          continue; // the leader was cancelled, not us: try again
        }
        if (cause instanceof RuntimeException) {
          throw (RuntimeException) cause;
        }
        if (cause instanceof Error) {
          throw (Error) cause;
        }
        throw new PostFlowException("failed: " + key, cause);
      }
    }
  }

  /** Keys with work running now; for tests and diagnostics. */
  int running() {
    return flights.size();
  }
}
