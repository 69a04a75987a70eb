package io.postflow.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * When a long-running command ({@code run}, {@code sandbox}) should stop. For the process, a JVM
 * shutdown hook (SIGINT, SIGTERM) triggers it and then waits until the command says it has
 * finished stopping, so a graceful shutdown is not cut short; tests trigger it themselves.
 */
final class StopSignal {
  /** How long the shutdown hook waits for the command to finish stopping. */
  static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(60);

  private final CountDownLatch requested = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);

  /** A signal only {@link #trigger()} sets: for tests. */
  static StopSignal manual() {
    return new StopSignal();
  }

  /** A signal the JVM's shutdown (Ctrl-C, SIGTERM, System.exit) sets. */
  static StopSignal onShutdown() {
    StopSignal signal = new StopSignal();
    Thread hook = new Thread(() -> {
      signal.trigger();
      try {
        signal.finished.await(SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "postflow-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    return signal;
  }

  void trigger() {
    requested.countDown();
  }

  boolean isTriggered() {
    return requested.getCount() == 0;
  }

  /** Blocks until stopping is asked for. */
  void await() throws InterruptedException {
    requested.await();
  }

  /** Waits at most {@code timeout}; returns whether stopping was asked for. */
  boolean await(Duration timeout) throws InterruptedException {
    return requested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The command has stopped: the shutdown hook may let the JVM end. */
  void finished() {
    finished.countDown();
  }
}
