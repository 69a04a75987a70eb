package io.postflow.dashboard;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.postflow.api.DeliveryState;
import java.util.Locale;

/** The dashboard's meters in a Prometheus registry of its own. Loaded only when Micrometer is present. */
final class PrometheusMetrics implements Metrics.Scrape {
  private final PrometheusMeterRegistry registry;

  private PrometheusMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  static PrometheusMetrics create(MetricSources sources) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    for (DeliveryState state : DeliveryState.values()) {
      Gauge.builder("postflow.deliveries", sources, s -> s.deliveries().getOrDefault(state, 0L))
          .description("Deliveries in the journal by state")
          .tag("state", state.name().toLowerCase(Locale.ROOT))
          .register(registry);
    }
    Gauge.builder("postflow.uploads.in.flight", sources, MetricSources::uploadsInFlight)
        .description("Uploads this agent is running now").register(registry);
    FunctionCounter.builder("postflow.uploaded", sources, MetricSources::bytesUploaded)
        .baseUnit("bytes").description("Bytes this agent uploaded since the dashboard started").register(registry);
    FunctionCounter.builder("postflow.notifications", sources, MetricSources::notificationsSent)
        .description("Notifications sent since the dashboard started").register(registry);
    Gauge.builder("postflow.dashboard.clients", sources, MetricSources::liveClients)
        .description("Open dashboard pages").register(registry);
    FunctionCounter.builder("postflow.dashboard.dropped.clients", sources, MetricSources::droppedClients)
        .description("Dashboard pages dropped for reading too slowly").register(registry);
    return new PrometheusMetrics(registry);
  }

  @Override
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public String contentType() {
    return "text/plain; version=0.0.4; charset=utf-8";
  }
}
