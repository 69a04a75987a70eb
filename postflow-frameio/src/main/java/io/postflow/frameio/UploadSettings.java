package io.postflow.frameio;

import io.postflow.api.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What both uploaders share once built: the service seam, the executor, time, and how
 * confirmation waits. Immutable.
 */
final class UploadSettings {
  final UploadTransport transport;
  final Executor executor;
  /** The executor this library created and must shut down, or null when the caller gave one. */
  final ExecutorService ownedExecutor;
  final Clock clock;
  /** Null for real, wakeable waits. */
  final Sleeper sleeper;
  final ConfirmSignals signals;
  final Duration confirmTimeout;
  final boolean waitForTranscode;
  final Duration transcodeTimeout;
  final Duration progressInterval;

  UploadSettings(UploadBuilder<?> b, UploadTransport transport, String threadPrefix) {
    this.transport = transport;
    this.ownedExecutor = b.executor == null ? newExecutor(threadPrefix) : null;
    this.executor = ownedExecutor != null ? ownedExecutor : b.executor;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.signals = b.signals;
    this.confirmTimeout = b.confirmTimeout;
    this.waitForTranscode = b.waitForTranscode;
    this.transcodeTimeout = b.transcodeTimeout;
    this.progressInterval = b.progressInterval;
  }

  UploadWakeup newWakeup() {
    return new UploadWakeup(sleeper);
  }

  ConfirmPoller poller() {
    return new ConfirmPoller(transport, clock, signals);
  }

  /** Shuts down the executor if this library created it; never the caller's. */
  void close() {
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
    }
  }

  private static ExecutorService newExecutor(String prefix) {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory = task -> {
      Thread thread = new Thread(task, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    return Executors.newCachedThreadPool(factory);
  }
}
