package io.postflow.tunnel;

import java.time.Duration;

/**
 * The per-connection limits of an {@link HttpFileExposer}, fixed at build time, in the units the
 * connection and the reaper compare against.
 */
final class ConnectionLimits {
  /** The largest sendfile slice; smaller when the minimum rate needs finer progress. */
  static final long MAX_SLICE = 256 << 10;
  static final long MIN_SLICE = 16 << 10;

  final int maxHeaderBytes;
  final long idleNanos;
  final long headNanos;
  final long minDataRate;
  final long slice;

  ConnectionLimits(int maxHeaderBytes, Duration idleTimeout, Duration requestHeadTimeout, long minDataRate) {
    this.maxHeaderBytes = maxHeaderBytes;
    this.idleNanos = idleTimeout.toNanos();
    this.headNanos = requestHeadTimeout.toNanos();
    this.minDataRate = minDataRate;
    // Progress is seen one slice at a time, so a window (the idle timeout) must hold several
    // slices at the minimum rate, or a client reading at exactly that rate would look stalled.
    double perWindow = minDataRate * (idleNanos / 1e9);
    this.slice = minDataRate == 0 ? MAX_SLICE
        : (long) Math.max(MIN_SLICE, Math.min(MAX_SLICE, perWindow / 4));
  }

  /** How often the reaper must look so that no deadline is overrun by more than a quarter. */
  long reaperPeriodMillis() {
    return Math.max(20, Math.min(idleNanos, headNanos) / 4 / 1_000_000);
  }
}
