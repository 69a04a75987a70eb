package io.postflow.frameio;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs a blocking call on an executor behind a {@link CompletableFuture} whose {@code cancel}
 * interrupts the running thread, which aborts the HTTP exchange (a plain {@code supplyAsync} future
 * would only stop waiting and leave the call running).
 */
final class InterruptibleTask<T> extends CompletableFuture<T> implements Runnable {
  private final Supplier<T> call;
  private final AtomicReference<Thread> runner = new AtomicReference<>();

  private InterruptibleTask(Supplier<T> call) {
    this.call = call;
  }

  static <T> CompletableFuture<T> submit(Executor executor, Supplier<T> call) {
    InterruptibleTask<T> task = new InterruptibleTask<>(call);
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      task.completeExceptionally(e);
    }
    return task;
  }

  @Override
  public void run() {
    if (isDone() || !runner.compareAndSet(null, Thread.currentThread())) {
      return;
    }
    try {
      complete(call.get());
    } catch (Throwable e) {
      completeExceptionally(e);
    } finally {
      synchronized (runner) {
        runner.set(null);
        Thread.interrupted(); // an interrupt meant for this task must not leak to the pool's next one
      }
    }
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    synchronized (runner) {
      Thread thread = runner.get();
      if (cancelled && thread != null) {
        thread.interrupt();
      }
    }
    return cancelled;
  }
}
