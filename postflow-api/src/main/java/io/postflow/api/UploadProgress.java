package io.postflow.api;

import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/** A consistent snapshot of one upload's progress. */
@Value.Immutable
public abstract class UploadProgress {
  public abstract UploadPhase phase();

  /** Bytes the service has acknowledged (for remote uploads: bytes it has pulled). */
  public abstract long bytesTransferred();

  public abstract long totalBytes();

  /** Parts acknowledged; 0 for uploads that are not split into parts. */
  public abstract int partsCompleted();

  /** Parts in all; 0 until known, and for uploads that are not split into parts. */
  public abstract int totalParts();

  /** Recent throughput in bytes per second; 0 until measured. */
  public abstract long bytesPerSecond();

  /** Time the transfer has been running. */
  public abstract Duration elapsed();

  /** Estimated time left for the transfer, when the throughput is known. */
  @Value.Derived
  public Optional<Duration> eta() {
    long left = totalBytes() - bytesTransferred();
    if (bytesPerSecond() <= 0 || left < 0) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis(left * 1000 / bytesPerSecond()));
  }

  /** 0.0 to 1.0. An empty file counts as done once transferred. */
  public double fraction() {
    return totalBytes() == 0 ? (phase() == UploadPhase.PREPARING ? 0.0 : 1.0)
        : (double) bytesTransferred() / totalBytes();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link UploadProgress}. */
  public static final class Builder extends ImmutableUploadProgress.Builder {}
}
