package io.postflow.tunnel;

import io.postflow.api.ConfigurationException;
import io.postflow.api.Sleeper;
import io.postflow.api.Tunnel;
import io.postflow.api.TunnelEndpoint;
import io.postflow.api.TunnelException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A public URL you already have: your own reverse proxy or domain that forwards to the exposer's
 * port. No process; {@link #open} checks that the URL answers (unless told not to) and returns it.
 *
 * <pre>{@code
 * Tunnel tunnel = StaticUrlTunnel.builder().publicUrl(URI.create("https://pull.studio.example")).build();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class StaticUrlTunnel implements Tunnel {
  private static final Duration PROBE_INTERVAL = Duration.ofMillis(500);

  private final URI publicUrl;
  private final boolean probeOnOpen;
  private final UrlProbe probe;
  private final Clock clock;
  private final Sleeper sleeper;
  private final AtomicReference<TunnelEndpoint> endpoint = new AtomicReference<>();

  private StaticUrlTunnel(Builder b) {
    this.publicUrl = b.publicUrl;
    this.probeOnOpen = b.probeOnOpen;
    this.probe = b.probe;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
  }

  /** A builder; {@code publicUrl} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the configured URL once it answers (any status below 500), checking every 500 ms
   * (waited with the builder's sleeper).
   *
   * @throws TunnelException (retryable) when it does not answer within {@code timeout}, as measured
   *     by the builder's clock or in real time, whichever passes it first
   */
  @Override
  public TunnelEndpoint open(int localPort, Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("'timeout' must be positive, was " + timeout);
    }
    // Both clocks: a manual clock with its sleeper makes a test instant, and a clock that never
    // moves (Clock.fixed for openedAt) must not make this wait forever.
    Instant start = clock.instant();
    long startNanos = System.nanoTime();
    while (probeOnOpen && !probe.answers(publicUrl)) {
      if (Duration.between(start, clock.instant()).compareTo(timeout) >= 0
          || System.nanoTime() - startNanos >= timeout.toNanos()) {
        throw new TunnelException("the static public URL " + publicUrl + " did not answer within " + timeout
            + "; check that your proxy forwards to local port " + localPort, List.of(), true, null);
      }
      try {
        sleeper.sleep(PROBE_INTERVAL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TunnelException("interrupted while checking " + publicUrl, List.of(), false, e);
      }
    }
    TunnelEndpoint opened = TunnelEndpoint.builder().publicUrl(publicUrl).localPort(localPort).provider("static")
        .openedAt(clock.instant()).build();
    endpoint.set(opened);
    return opened;
  }

  @Override
  public Optional<TunnelEndpoint> endpoint() {
    return Optional.ofNullable(endpoint.get());
  }

  /**
   * The endpoint at once: a static URL never restarts, so there is nothing to wait for.
   *
   * @throws TunnelException (not retryable) when the tunnel is not open or was closed
   */
  @Override
  public TunnelEndpoint awaitEndpoint(Duration timeout) {
    if (timeout == null || timeout.isNegative()) {
      throw new IllegalArgumentException("'timeout' must not be negative, was " + timeout);
    }
    TunnelEndpoint current = endpoint.get();
    if (current == null) {
      throw new TunnelException("the static tunnel to " + publicUrl + " is not open", List.of(), false, null);
    }
    return current;
  }

  /** Whether the URL answers now. Blocks for one HTTP request. */
  @Override
  public boolean isHealthy() {
    return endpoint.get() != null && probe.answers(publicUrl);
  }

  @Override
  public void close() {
    endpoint.set(null);
  }

  @Override
  public String toString() {
    return "static tunnel{" + publicUrl + "}";
  }

  /** Configures a {@link StaticUrlTunnel}. Not thread-safe. */
  public static final class Builder {
    private URI publicUrl;
    private boolean probeOnOpen = true;
    private UrlProbe probe = UrlProbe.HTTP;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();

    private Builder() {}

    /** The public base URL (scheme and host, optional port; no path, no query). Required. */
    public Builder publicUrl(URI publicUrl) {
      this.publicUrl = publicUrl;
      return this;
    }

    /** Whether {@link StaticUrlTunnel#open} waits until the URL answers; default true. */
    public Builder probeOnOpen(boolean probeOnOpen) {
      this.probeOnOpen = probeOnOpen;
      return this;
    }

    Builder probe(UrlProbe probe) {
      this.probe = probe;
      return this;
    }

    /**
     * The clock that stamps {@link TunnelEndpoint#openedAt()} and times {@link StaticUrlTunnel#open}
     * (so does real time: the first to pass the timeout ends it); default system UTC.
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * How {@link StaticUrlTunnel#open} waits between checks of the URL; default
     * {@link Sleeper#system()}. Give a test's {@code ManualTime} sleeper with its clock.
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    /** @throws ConfigurationException when the URL is missing or not a bare http(s) base URL */
    public StaticUrlTunnel build() {
      if (publicUrl == null) {
        throw new ConfigurationException("'publicUrl' is required");
      }
      if (clock == null || sleeper == null) {
        throw new ConfigurationException("'" + (clock == null ? "clock" : "sleeper") + "' is required");
      }
      String scheme = publicUrl.getScheme();
      if (!("https".equals(scheme) || "http".equals(scheme)) || publicUrl.getHost() == null
          || publicUrl.getRawQuery() != null || !(publicUrl.getRawPath() == null || publicUrl.getRawPath().isEmpty()
              || publicUrl.getRawPath().equals("/"))) {
        throw new ConfigurationException("'publicUrl' must be http(s)://host[:port] without path or query, was "
            + publicUrl);
      }
      return new StaticUrlTunnel(this);
    }
  }
}
