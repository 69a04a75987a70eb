package io.postflow.tunnel;

import io.postflow.api.ConfigurationException;
import java.time.Duration;

/**
 * How a process tunnel is supervised: how often and how patiently a dead tunnel process is
 * restarted, how long to wait after the provider says "too many tunnels", how long a polite stop
 * may take. Immutable and thread-safe.
 *
 * <pre>{@code
 * RestartPolicy policy = RestartPolicy.builder().maxRestarts(3).initialBackoff(Duration.ofSeconds(2)).build();
 * Tunnel tunnel = CloudflareQuickTunnel.builder().restartPolicy(policy).build();
 * }</pre>
 */
public final class RestartPolicy {
  private final int maxRestarts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration rateLimitBackoff;
  private final Duration stopGrace;
  private final Duration restartTimeout;
  private final Duration healthCheckInterval;

  private RestartPolicy(Builder b) {
    this.maxRestarts = b.maxRestarts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.rateLimitBackoff = b.rateLimitBackoff;
    this.stopGrace = b.stopGrace;
    this.restartTimeout = b.restartTimeout;
    this.healthCheckInterval = b.healthCheckInterval;
  }

  /** 10 restarts, back-off 1 s doubling to 60 s, 120 s after a rate limit, 5 s to
   * stop politely, 60 s to be ready again, a health check every 15 s. */
  public static RestartPolicy ofDefaults() {
    return builder().build();
  }

  /** A builder starting from the defaults of {@link #ofDefaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Restarts allowed over the tunnel's life after {@code open}; then it fails for good. */
  public int maxRestarts() {
    return maxRestarts;
  }

  /** The wait before the first restart; it doubles for each further one. */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** The longest wait between restarts. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** The wait after the provider refused to create a tunnel because of its rate limit. */
  public Duration rateLimitBackoff() {
    return rateLimitBackoff;
  }

  /** How long a process has to exit after a polite stop before it is killed. */
  public Duration stopGrace() {
    return stopGrace;
  }

  /** How long a restarted process has to become ready. */
  public Duration restartTimeout() {
    return restartTimeout;
  }

  /**
   * How often a running tunnel's own readiness report is checked; after three failed checks in a
   * row the process is stopped and restarted like a dead one.
   */
  public Duration healthCheckInterval() {
    return healthCheckInterval;
  }

  /** The back-off before restart number {@code attempt} (1-based): doubling, capped. */
  public Duration backoff(int attempt) {
    Duration d = initialBackoff;
    for (int i = 1; i < attempt && d.compareTo(maxBackoff) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }

  @Override
  public String toString() {
    return "RestartPolicy{maxRestarts=" + maxRestarts + ", backoff=" + initialBackoff + ".." + maxBackoff
        + ", rateLimitBackoff=" + rateLimitBackoff + ", stopGrace=" + stopGrace + ", restartTimeout=" + restartTimeout
        + ", healthCheckInterval=" + healthCheckInterval + "}";
  }

  /** Builds a {@link RestartPolicy}; {@link #build()} names the first invalid setting. */
  public static final class Builder {
    private int maxRestarts = 10;
    private Duration initialBackoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofSeconds(60);
    private Duration rateLimitBackoff = Duration.ofSeconds(120);
    private Duration stopGrace = Duration.ofSeconds(5);
    private Duration restartTimeout = Duration.ofSeconds(60);
    private Duration healthCheckInterval = Duration.ofSeconds(15);

    private Builder() {}

    /** See {@link RestartPolicy#healthCheckInterval()}; default 15 s. */
    public Builder healthCheckInterval(Duration healthCheckInterval) {
      this.healthCheckInterval = healthCheckInterval;
      return this;
    }

    /** See {@link RestartPolicy#maxRestarts()}; default 10, 0 for none. */
    public Builder maxRestarts(int maxRestarts) {
      this.maxRestarts = maxRestarts;
      return this;
    }

    /** See {@link RestartPolicy#initialBackoff()}; default 1 s. */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
      return this;
    }

    /** See {@link RestartPolicy#maxBackoff()}; default 60 s. */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
      return this;
    }

    /** See {@link RestartPolicy#rateLimitBackoff()}; default 120 s. */
    public Builder rateLimitBackoff(Duration rateLimitBackoff) {
      this.rateLimitBackoff = rateLimitBackoff;
      return this;
    }

    /** See {@link RestartPolicy#stopGrace()}; default 5 s. */
    public Builder stopGrace(Duration stopGrace) {
      this.stopGrace = stopGrace;
      return this;
    }

    /** See {@link RestartPolicy#restartTimeout()}; default 60 s. */
    public Builder restartTimeout(Duration restartTimeout) {
      this.restartTimeout = restartTimeout;
      return this;
    }

    /** @throws ConfigurationException naming the first invalid setting */
    public RestartPolicy build() {
      if (maxRestarts < 0) {
        throw new ConfigurationException("'maxRestarts' must not be negative, was " + maxRestarts);
      }
      positive("initialBackoff", initialBackoff);
      positive("maxBackoff", maxBackoff);
      positive("rateLimitBackoff", rateLimitBackoff);
      positive("stopGrace", stopGrace);
      positive("restartTimeout", restartTimeout);
      positive("healthCheckInterval", healthCheckInterval);
      if (initialBackoff.compareTo(maxBackoff) > 0) {
        throw new ConfigurationException("'initialBackoff' cannot be greater than 'maxBackoff'");
      }
      return new RestartPolicy(this);
    }

    private static void positive(String name, Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new ConfigurationException("'" + name + "' must be positive, was " + d);
      }
    }
  }
}
