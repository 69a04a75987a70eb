package io.postflow.api;

import java.time.Duration;
import java.util.OptionalInt;
import org.immutables.value.Value;

/** How long and how often an exposed file may be fetched. */
@Value.Immutable
public abstract class ExposureOptions {
  /** How long the URL works. Default: 6 hours, enough for a slow pull of a large render. */
  @Value.Default
  public Duration timeToLive() {
    return Duration.ofHours(6);
  }

  /**
   * How many full or partial downloads (GET requests) are allowed; empty for no limit. A service
   * that resumes with Range requests needs several, so 1 is rarely what you want.
   */
  public abstract OptionalInt maxDownloads();

  @Value.Check
  void check() {
    if (timeToLive().isNegative() || timeToLive().isZero()) {
      throw new IllegalArgumentException("'timeToLive' must be positive, was " + timeToLive());
    }
    if (maxDownloads().isPresent() && maxDownloads().getAsInt() < 1) {
      throw new IllegalArgumentException("'maxDownloads' must be at least 1, was " + maxDownloads().getAsInt());
    }
  }

  public static ExposureOptions ofDefaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ExposureOptions}. */
  public static final class Builder extends ImmutableExposureOptions.Builder {}
}
