package io.postflow.tunnel;

import io.postflow.api.Sleeper;
import io.postflow.api.ConfigurationException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The settings every process tunnel builder shares, time included (clock and sleeper), and the
 * URL probe tests replace. Not thread-safe.
 *
 * @param <B> the concrete builder, returned for chaining
 */
abstract class ProcessTunnelBuilder<B extends ProcessTunnelBuilder<B>> {
  private Path binary;
  private RestartPolicy restartPolicy = RestartPolicy.ofDefaults();
  private Sleeper sleeper = Sleeper.system();
  private UrlProbe probe = UrlProbe.HTTP;
  private Clock clock = Clock.systemUTC();

  /** The executable; default: the first of its usual name on PATH. */
  public B binary(Path binary) {
    this.binary = binary;
    return self();
  }

  /** Restarts, back-off, health checks and stop grace; default {@link RestartPolicy#ofDefaults()}. */
  public B restartPolicy(RestartPolicy restartPolicy) {
    this.restartPolicy = restartPolicy;
    return self();
  }

  /**
   * How the supervisor waits before restarting a dead process (the back-off of the
   * {@link RestartPolicy}, or its rate-limit back-off); default {@link Sleeper#system()}. A
   * test's {@code ManualTime} sleeper makes restarts immediate and records the back-offs. Waiting
   * for a process to become ready stays in real time: the process runs in real time.
   */
  public B sleeper(Sleeper sleeper) {
    this.sleeper = sleeper;
    return self();
  }

  B probe(UrlProbe probe) {
    this.probe = probe;
    return self();
  }

  /** The clock that stamps {@link io.postflow.api.TunnelEndpoint#openedAt()}; default system UTC. */
  public B clock(Clock clock) {
    this.clock = clock;
    return self();
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  ProcessTunnel supervisor(TunnelDriver driver) {
    if (restartPolicy == null) {
      throw new ConfigurationException("'restartPolicy' is required");
    }
    if (sleeper == null) {
      throw new ConfigurationException("'sleeper' is required");
    }
    if (clock == null) {
      throw new ConfigurationException("'clock' is required");
    }
    return new ProcessTunnel(driver, binary, restartPolicy, sleeper, probe, clock);
  }

  static String required(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigurationException("'" + name + "' is required");
    }
    return value;
  }
}
