package io.postflow.pipeline.engine;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes idle workers when work may have arrived (a file recorded, a delivery given back), so they
 * need not poll the journal often. A wake-up given while no worker waits is kept for the next
 * one that would wait, so none is lost between "the journal had nothing" and "go to sleep".
 */
final class WorkSignal {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private long generation;

  /** Wakes every waiting worker. */
  void signal() {
    lock.lock();
    try {
      generation++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The current generation, read before looking for work; pass it to {@link #await}. */
  long generation() {
    lock.lock();
    try {
      return generation;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits at most {@code max} for a signal given after {@code seen} was read; returns at once when
   * one already was.
   */
  void await(long seen, Duration max) throws InterruptedException {
    long nanos = Math.max(0, max.toNanos());
    lock.lock();
    try {
      while (generation == seen && nanos > 0) {
        nanos = changed.awaitNanos(nanos);
      }
    } finally {
      lock.unlock();
    }
  }
}
