package io.postflow.pipeline;

import io.postflow.api.ConfigurationException;
import io.postflow.api.Tunnel;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The alert rules PostFlow checks while it runs, and their thresholds. A rule that fires sends an
 * {@link io.postflow.api.Notification.Kind#ALERT ALERT} notification through the notifiers it is
 * routed to, then keeps quiet for the cooldown. Rates are over a sliding window and need a minimum
 * of samples, so one failure out of two calls does not page anyone.
 *
 * <pre>{@code
 * PostFlow.builder().alerts(AlertRules.builder().apiLatency(Duration.ofSeconds(8)).tunnel(tunnel).build())
 * }</pre>
 *
 * <p>A threshold of zero (or {@link Duration#ZERO}) turns its rule off. Defaults: API error rate
 * above 5%, an endpoint's mean API latency above 5 s, upload attempts failing above 10%,
 * structure cache hit rate below 70%, heap in use after the last collection above 500 MB, work
 * waiting with nothing moving for 15 minutes, the tunnel restarting 3 times, a token that cannot
 * be refreshed; over 5 minutes, 30 minutes' cooldown, checked every 30 s.
 */
public final class AlertRules {
  private final double errorRate;
  private final Duration apiLatency;
  private final double uploadFailureRate;
  private final double cacheHitRate;
  private final long heapBytes;
  private final Duration queueStall;
  private final int tunnelRestarts;
  private final boolean tokenRefresh;
  private final Duration window;
  private final Duration cooldown;
  private final Duration checkEvery;
  private final int minSamples;
  private final Tunnel tunnel;

  private AlertRules(Builder b) {
    errorRate = b.errorRate;
    apiLatency = b.apiLatency;
    uploadFailureRate = b.uploadFailureRate;
    cacheHitRate = b.cacheHitRate;
    heapBytes = b.heapBytes;
    queueStall = b.queueStall;
    tunnelRestarts = b.tunnelRestarts;
    tokenRefresh = b.tokenRefresh;
    window = b.window;
    cooldown = b.cooldown;
    checkEvery = b.checkEvery;
    minSamples = b.minSamples;
    tunnel = b.tunnel;
  }

  /** Every rule at its default threshold. */
  public static AlertRules ofDefaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The share of API attempts (in the window) that failed (5xx, no answer, 401/403) above which it fires. */
  public double errorRate() {
    return errorRate;
  }

  /** The mean latency of an endpoint's attempts (in the window) above which it fires. */
  public Duration apiLatency() {
    return apiLatency;
  }

  /** The share of delivery attempts (in the window) that failed or were retried above which it fires. */
  public double uploadFailureRate() {
    return uploadFailureRate;
  }

  /** The share of folder lookups answered from the structure cache below which it fires. */
  public double cacheHitRate() {
    return cacheHitRate;
  }

  /** Heap in use after the last garbage collection above which it fires, in bytes. */
  public long heapBytes() {
    return heapBytes;
  }

  /** How long work may wait in the journal with nothing moving before it fires. */
  public Duration queueStall() {
    return queueStall;
  }

  /** Tunnel restarts within the window at which it fires. */
  public int tunnelRestarts() {
    return tunnelRestarts;
  }

  /** Whether a token that cannot be refreshed fires. */
  public boolean tokenRefresh() {
    return tokenRefresh;
  }

  /** The sliding window rates and counts are taken over. */
  public Duration window() {
    return window;
  }

  /** How long a rule that fired keeps quiet. */
  public Duration cooldown() {
    return cooldown;
  }

  /** How often the rules are checked. */
  public Duration checkEvery() {
    return checkEvery;
  }

  /** The fewest samples in the window a rate needs before its rule may fire. */
  public int minSamples() {
    return minSamples;
  }

  /** The tunnel whose restarts are watched (never closed by PostFlow), when there is one. */
  public Optional<Tunnel> tunnel() {
    return Optional.ofNullable(tunnel);
  }

  /** Builds {@link AlertRules}; every setting has a default. */
  public static final class Builder {
    private double errorRate = 0.05;
    private Duration apiLatency = Duration.ofSeconds(5);
    private double uploadFailureRate = 0.10;
    private double cacheHitRate = 0.70;
    private long heapBytes = 500L * 1024 * 1024;
    private Duration queueStall = Duration.ofMinutes(15);
    private int tunnelRestarts = 3;
    private boolean tokenRefresh = true;
    private Duration window = Duration.ofMinutes(5);
    private Duration cooldown = Duration.ofMinutes(30);
    private Duration checkEvery = Duration.ofSeconds(30);
    private int minSamples = 20;
    private Tunnel tunnel;

    private Builder() {}

    /** A fraction, e.g. 0.05 for 5%; 0 turns the rule off. */
    public Builder errorRate(double rate) {
      this.errorRate = fraction("errorRate", rate);
      return this;
    }

    public Builder apiLatency(Duration latency) {
      this.apiLatency = Objects.requireNonNull(latency, "apiLatency");
      return this;
    }

    /** A fraction, e.g. 0.10 for 10%; 0 turns the rule off. */
    public Builder uploadFailureRate(double rate) {
      this.uploadFailureRate = fraction("uploadFailureRate", rate);
      return this;
    }

    /** A fraction, e.g. 0.70 for 70%; 0 turns the rule off. */
    public Builder cacheHitRate(double rate) {
      this.cacheHitRate = fraction("cacheHitRate", rate);
      return this;
    }

    /** In bytes; 0 turns the rule off. */
    public Builder heapBytes(long bytes) {
      if (bytes < 0) {
        throw new ConfigurationException("'heapBytes' must not be negative, was " + bytes);
      }
      this.heapBytes = bytes;
      return this;
    }

    public Builder queueStall(Duration stall) {
      this.queueStall = Objects.requireNonNull(stall, "queueStall");
      return this;
    }

    /** Restarts within the window; 0 turns the rule off. */
    public Builder tunnelRestarts(int restarts) {
      if (restarts < 0) {
        throw new ConfigurationException("'tunnelRestarts' must not be negative, was " + restarts);
      }
      this.tunnelRestarts = restarts;
      return this;
    }

    public Builder tokenRefresh(boolean alert) {
      this.tokenRefresh = alert;
      return this;
    }

    public Builder window(Duration window) {
      this.window = Objects.requireNonNull(window, "window");
      return this;
    }

    public Builder cooldown(Duration cooldown) {
      this.cooldown = Objects.requireNonNull(cooldown, "cooldown");
      return this;
    }

    public Builder checkEvery(Duration every) {
      this.checkEvery = Objects.requireNonNull(every, "checkEvery");
      return this;
    }

    public Builder minSamples(int samples) {
      if (samples < 1) {
        throw new ConfigurationException("'minSamples' must be at least 1, was " + samples);
      }
      this.minSamples = samples;
      return this;
    }

    /** Watches this tunnel's restarts (its endpoint's {@code openedAt} changing). */
    public Builder tunnel(Tunnel tunnel) {
      this.tunnel = Objects.requireNonNull(tunnel, "tunnel");
      return this;
    }

    /** @throws ConfigurationException naming the setting at fault */
    public AlertRules build() {
      for (var setting : new Object[][] {{"apiLatency", apiLatency}, {"queueStall", queueStall},
          {"cooldown", cooldown}}) {
        if (((Duration) setting[1]).isNegative()) {
          throw new ConfigurationException("'" + setting[0] + "' must not be negative, was " + setting[1]);
        }
      }
      if (window.isNegative() || window.isZero()) {
        throw new ConfigurationException("'window' must be positive, was " + window);
      }
      if (checkEvery.compareTo(Duration.ofMillis(10)) < 0) {
        throw new ConfigurationException("'checkEvery' must be at least 10 ms, was " + checkEvery);
      }
      return new AlertRules(this);
    }

    private static double fraction(String name, double value) {
      if (!(value >= 0 && value <= 1)) {
        throw new ConfigurationException("'" + name + "' must be a fraction from 0 to 1 (0.05 for 5%), was " + value);
      }
      return value;
    }
  }
}
