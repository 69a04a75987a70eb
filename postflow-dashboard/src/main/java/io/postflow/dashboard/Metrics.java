package io.postflow.dashboard;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /metrics}, when Micrometer's Prometheus registry is on the class path. This class never
 * names a Micrometer type, so it loads without Micrometer; {@link PrometheusMetrics}, which does,
 * is loaded only after the check found the registry.
 */
final class Metrics {
  private static final Logger LOG = LoggerFactory.getLogger(Metrics.class);
  static final String REGISTRY_CLASS = "io.micrometer.prometheusmetrics.PrometheusMeterRegistry";

  /** The metrics text in Prometheus's format, each time it is asked for. */
  interface Scrape {
    String scrape();

    /** The media type of {@link #scrape()}. */
    String contentType();
  }

  private Metrics() {}

  static boolean registryPresent() {
    try {
      Class.forName(REGISTRY_CLASS, false, Metrics.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** The scrape of the dashboard's meters, or empty when not wanted or the registry is absent. */
  static Optional<Scrape> create(boolean wanted, MetricSources sources) {
    if (!wanted) {
      return Optional.empty();
    }
    if (!registryPresent()) {
      LOG.debug("No /metrics: {} is not on the class path (add io.micrometer:micrometer-registry-prometheus)",
          REGISTRY_CLASS);
      return Optional.empty();
    }
    return Optional.of(PrometheusMetrics.create(sources));
  }
}
