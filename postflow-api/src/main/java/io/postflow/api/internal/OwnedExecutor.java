package io.postflow.api.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Internal, not API: may change in any release. The executor a component runs on: the one its
 * caller gave, or one it created itself. Only the latter is ever shut down, because closing a
 * component must never stop an executor that belongs to someone else (the AWS SDK's
 * {@code close_withCustomExecutor_shouldNotCloseCustomExecutor}). Thread-safe.
 */
public final class OwnedExecutor implements AutoCloseable {
  private final Executor executor;
  /** Null when the executor is the caller's. */
  private final ExecutorService owned;

  private OwnedExecutor(Executor executor, ExecutorService owned) {
    this.executor = executor;
    this.owned = owned;
  }

  /** {@code given} when it is not null (never shut down here), else what {@code create} makes. */
  public static OwnedExecutor givenOr(Executor given, Supplier<? extends ExecutorService> create) {
    if (given != null) {
      return new OwnedExecutor(given, null);
    }
    ExecutorService created = Objects.requireNonNull(create.get(), "created executor");
    return new OwnedExecutor(created, created);
  }

  /** {@code given}, or a cached pool of daemon threads named {@code threadPrefix-N}. */
  public static OwnedExecutor givenOrCachedPool(Executor given, String threadPrefix) {
    return givenOr(given, () -> Executors.newCachedThreadPool(DaemonThreads.factory(threadPrefix)));
  }

  /** The executor to run on. */
  public Executor executor() {
    return executor;
  }

  /** Whether the executor was created here (and is shut down by {@link #close()}). */
  public boolean isOwned() {
    return owned != null;
  }

  /** Interrupts and stops the created executor at once; a given one is left alone. Idempotent. */
  @Override
  public void close() {
    if (owned != null) {
      owned.shutdownNow();
    }
  }

  /**
   * Lets the created executor finish what it was given for at most {@code grace}, then interrupts
   * it; a given one is left alone. Idempotent.
   *
   * @return false when work was still running after {@code grace} (and has been interrupted)
   */
  public boolean close(Duration grace) {
    return owned == null || shutdown(owned, grace);
  }

  /**
   * Shuts {@code executor} down, waits at most {@code grace} for its tasks, then interrupts them.
   * An interrupted caller stops waiting, interrupts the tasks and keeps its interrupt flag.
   *
   * @return whether the tasks ended within {@code grace}
   */
  public static boolean shutdown(ExecutorService executor, Duration grace) {
    executor.shutdown();
    try {
      if (executor.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS)) {
        return true;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor.shutdownNow();
    return false;
  }

  @Override
  public String toString() {
    return (owned != null ? "owned " : "given ") + executor;
  }
}
