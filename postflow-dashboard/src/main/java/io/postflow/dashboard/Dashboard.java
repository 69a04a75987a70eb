package io.postflow.dashboard;

import io.postflow.api.ConfigurationException;
import io.postflow.pipeline.PostFlow;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live dashboard of a running {@link PostFlow}: shots by status and stage per scene, uploads
 * in flight with their progress, quarantine with reasons, recent events and alerts, throughput
 * over time, and the agents sharing the journal with what each holds. The page updates itself
 * through server-sent events; {@code /metrics} serves Prometheus metrics when Micrometer's
 * Prometheus registry is on the class path.
 *
 * <pre>{@code
 * try (Dashboard dashboard = Dashboard.builder().postflow(postflow).port(8780).build()) {
 *   System.out.println("Dashboard: " + dashboard.start());   // http://127.0.0.1:8780/
 *   ...
 * }
 * }</pre>
 *
 * <p><b>Security.</b> Bound to the loopback interface unless told otherwise, and then only with an
 * {@linkplain Builder#accessToken access token}: a browser opens {@link #signInUrl()} once (the
 * token is exchanged for a cookie and removed from the address bar), a script sends
 * {@code Authorization: Bearer <token>}. The dashboard only reads: it changes nothing in the
 * pipeline. The token is never logged nor shown by {@code toString()}.
 *
 * <p><b>Lifecycle.</b> {@link Builder#build()} validates and opens nothing; {@link #start()} binds
 * the port and starts observing the pipeline; {@link #close()} stops both and is idempotent. The
 * pipeline itself is the caller's: the dashboard never starts or closes it.
 */
public final class Dashboard implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);

  private final Settings settings;
  private DashboardServer server;
  private boolean closed;

  private Dashboard(Settings settings) {
    this.settings = settings;
  }

  /** What the builder held at {@code build()}: later changes to the builder change nothing here. */
  private record Settings(PostFlow postflow, InetAddress bindAddress, int port, Optional<String> accessToken,
      Clock clock, Duration heartbeat, boolean metrics) {
    @Override
    public String toString() {
      return "Settings{" + bindAddress.getHostAddress() + ":" + port + (accessToken.isPresent() ? ", access token set" : "") + "}";
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds the port, starts observing the pipeline, and returns the dashboard's address (without
   * the access token).
   *
   * @throws IllegalStateException when already started or closed
   * @throws io.postflow.api.PostFlowException when the port cannot be bound
   */
  public synchronized URI start() {
    if (closed || server != null) {
      throw new IllegalStateException("the dashboard was already started" + (closed ? " and closed" : ""));
    }
    server = DashboardServer.start(settings.postflow, settings.bindAddress, settings.port,
        settings.accessToken, settings.clock, settings.heartbeat, settings.metrics);
    LOG.info("Dashboard at {}{}", server.url(), settings.accessToken.isPresent() ? " (access token required)" : "");
    return server.url();
  }

  /** The dashboard's address, without the access token. @throws IllegalStateException before start */
  public synchronized URI url() {
    return requireStarted().url();
  }

  /**
   * The address a browser opens the first time: with the access token as a query parameter, which
   * the dashboard swaps for a cookie at once. A secret: show it to the person who needs it, never
   * write it to a log. Without an access token, the same as {@link #url()}.
   */
  public synchronized URI signInUrl() {
    URI url = requireStarted().url();
    return settings.accessToken.map(token -> URI.create(url + "?token=" + AccessGate.urlEncode(token))).orElse(url);
  }

  /** Stops observing the pipeline, ends every live connection and frees the port. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    if (server != null) {
      server.close();
      server = null;
    }
  }

  private DashboardServer requireStarted() {
    if (server == null) {
      throw new IllegalStateException(closed ? "the dashboard is closed" : "the dashboard is not started: call start() first");
    }
    return server;
  }

  @Override
  public synchronized String toString() {
    return "Dashboard{" + (server != null ? server.url() : settings.bindAddress.getHostAddress() + ":" + settings.port)
        + (settings.accessToken.isPresent() ? ", access token set" : "") + "}";
  }

  /** Settings of a {@link Dashboard}; {@link #postflow} is required. Not thread-safe. */
  public static final class Builder {
    private PostFlow postflow;
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port;
    private Optional<String> accessToken = Optional.empty();
    private Clock clock = Clock.systemUTC();
    private Duration heartbeat = Duration.ofSeconds(15);
    private boolean metrics = true;

    private Builder() {}

    /** The pipeline to show; required. It may be started before or after the dashboard. */
    public Builder postflow(PostFlow postflow) {
      this.postflow = Objects.requireNonNull(postflow, "postflow");
      return this;
    }

    /**
     * The address to listen on; default the loopback address, reachable from this machine only.
     * Any other address requires an {@link #accessToken}.
     */
    public Builder bindAddress(InetAddress bindAddress) {
      this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
      return this;
    }

    /** The port, 1 to 65535, or 0 (the default) for any free port. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * A secret every request must present (a cookie after the first visit, or an
     * {@code Authorization: Bearer} header); default none. At least 16 characters.
     */
    public Builder accessToken(String accessToken) {
      this.accessToken = Optional.of(Objects.requireNonNull(accessToken, "accessToken"));
      return this;
    }

    /** The clock for event times and the throughput chart; default the system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How often an idle live connection gets a comment, so proxies keep it and dead ones are found; default 15 s. */
    public Builder heartbeat(Duration heartbeat) {
      this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
      return this;
    }

    /** Whether to serve {@code /metrics} when Micrometer's Prometheus registry is present; default true. */
    public Builder metrics(boolean metrics) {
      this.metrics = metrics;
      return this;
    }

    /**
     * Validates the settings; opens nothing.
     *
     * @throws ConfigurationException naming the setting that is missing or wrong
     */
    public Dashboard build() {
      if (postflow == null) {
        throw new ConfigurationException("postflow is required: the running pipeline to show");
      }
      if (port < 0 || port > 65535) {
        throw new ConfigurationException("port must be 0 (any free port) to 65535, not " + port);
      }
      if (accessToken.isPresent() && (accessToken.get().length() < 16 || accessToken.get().isBlank())) {
        throw new ConfigurationException("accessToken must be at least 16 characters (it guards the dashboard)");
      }
      if (!bindAddress.isLoopbackAddress() && accessToken.isEmpty()) {
        throw new ConfigurationException("bindAddress " + bindAddress.getHostAddress() + " is reachable from other"
            + " machines: set an accessToken, or keep the default loopback address");
      }
      if (heartbeat.isNegative() || heartbeat.isZero()) {
        throw new ConfigurationException("heartbeat must be positive, not " + heartbeat);
      }
      return new Dashboard(new Settings(postflow, bindAddress, port, accessToken, clock, heartbeat, metrics));
    }
  }
}
