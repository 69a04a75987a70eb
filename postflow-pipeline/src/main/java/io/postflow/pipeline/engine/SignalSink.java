package io.postflow.pipeline.engine;

import java.time.Duration;

/**
 * Where {@link PipelineSignals} sends what it observes: the Micrometer meters and the alert
 * monitor. Default methods ignore a signal; called on the observed thread, so quick.
 */
interface SignalSink {
  /** One Frame.io HTTP attempt; status 0 when no answer came. */
  default void apiAttempt(String endpoint, int status, Duration latency, int attempt) {}

  /** A structure lookup answered from the cache or not. */
  default void folderLookup(boolean cached) {}

  /**
   * A delivery attempt ended: {@code delivered}, {@code retried}, {@code failed},
   * {@code quarantined} or {@code superseded}; the upload time when it is known.
   */
  default void deliveryEnded(String outcome, long bytes, Duration uploadTime) {}

  /** An error of this kind ended a delivery attempt (see {@link PipelineSignals#errorKind}). */
  default void error(String kind) {}

  /** Something moved (a step of a delivery); a queue that waits without this is stuck. */
  default void progressed() {}

  /** One journal call. */
  default void journalCall(String operation, Duration latency) {}
}
