package io.postflow.frameio;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a few tasks of one upload side by side on an executor, and never deadlocks on a busy one:
 * the calling thread runs the first task itself, then runs any task the executor has not started
 * yet. A small or saturated caller-supplied pool therefore only makes the upload slower, never
 * stuck. Tasks handle their own errors; a task that throws anyway is a bug and is rethrown here.
 */
final class UploadWorkers {
  private UploadWorkers() {}

  /** Runs every task and returns once all have finished. */
  static void runAll(Executor executor, List<Runnable> tasks) throws InterruptedException {
    List<Claimed> claimed = new ArrayList<>(tasks.size());
    for (Runnable task : tasks) {
      claimed.add(new Claimed(task));
    }
    for (int i = 1; i < claimed.size(); i++) {
      Claimed task = claimed.get(i);
      try {
        executor.execute(task::runIfUnclaimed);
      } catch (RejectedExecutionException e) {
        // Run it here below instead.
      }
    }
    for (Claimed task : claimed) {
      task.runIfUnclaimed();
    }
    for (Claimed task : claimed) {
      task.done.await();
    }
    for (Claimed task : claimed) {
      if (task.thrown != null) {
        throw task.thrown;
      }
    }
  }

  private static final class Claimed {
    private final Runnable task;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile RuntimeException thrown;

    Claimed(Runnable task) {
      this.task = task;
    }

    void runIfUnclaimed() {
      if (!claimed.compareAndSet(false, true)) {
        return;
      }
      try {
        task.run();
      } catch (RuntimeException e) {
        thrown = e;
      } finally {
        done.countDown();
      }
    }
  }
}
