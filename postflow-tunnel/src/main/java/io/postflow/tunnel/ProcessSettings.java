package io.postflow.tunnel;

import io.postflow.api.ConfigurationException;
import java.nio.file.Path;
import java.time.Clock;

/** The settings every process tunnel builder shares, and the seams tests use. Not thread-safe. */
final class ProcessSettings {
  Path binary;
  RestartPolicy restartPolicy = RestartPolicy.ofDefaults();
  Sleeper sleeper = Sleeper.SYSTEM;
  UrlProbe probe = UrlProbe.HTTP;
  Clock clock = Clock.systemUTC();

  ProcessTunnel supervisor(TunnelDriver driver) {
    if (restartPolicy == null) {
      throw new ConfigurationException("'restartPolicy' is required");
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
