package io.postflow.frameio;

import io.postflow.api.Sleeper;
import io.postflow.api.internal.OwnedExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * What both uploaders share once built: the service seam, the executor, time, and how
 * confirmation waits. Immutable.
 */
final class UploadSettings {
  final UploadTransport transport;
  final Executor executor;
  /** The executor, and whether this library created it (and must shut it down). */
  private final OwnedExecutor ownedExecutor;
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
    this.ownedExecutor = OwnedExecutor.givenOrCachedPool(b.executor, threadPrefix);
    this.executor = ownedExecutor.executor();
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
    ownedExecutor.close();
  }
}
