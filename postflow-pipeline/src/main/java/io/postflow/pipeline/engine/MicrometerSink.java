package io.postflow.pipeline.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.postflow.api.DeliveryState;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * PostFlow's meters in the application's Micrometer registry (names in {@code docs/notifications.md}).
 * The only class that touches Micrometer: it is loaded only when a registry is given, so without
 * Micrometer on the class path nothing else needs it.
 */
final class MicrometerSink implements SignalSink {
  private final MeterRegistry registry;

  MicrometerSink(Object registry) {
    this.registry = (MeterRegistry) registry;
  }

  @Override
  public void apiAttempt(String endpoint, int status, Duration latency, int attempt) {
    Timer.builder("postflow.api.latency").description("Frame.io API attempts by endpoint and status class")
        .tag("endpoint", endpoint).tag("status", statusClass(status)).register(registry).record(latency);
    if (status == 429) {
      Counter.builder("postflow.api.rate_limited").description("Frame.io 429 answers")
          .tag("endpoint", endpoint).register(registry).increment();
    }
    if (attempt > 1) {
      Counter.builder("postflow.api.retries").description("Frame.io attempts after the first of a call")
          .tag("endpoint", endpoint).register(registry).increment();
    }
  }

  @Override
  public void folderLookup(boolean cached) {
    Counter.builder("postflow.structure.cache").description("Folder lookups answered from the cache or not")
        .tag("result", cached ? "hit" : "miss").register(registry).increment();
  }

  @Override
  public void deliveryEnded(String outcome, long bytes, Duration uploadTime) {
    Counter.builder("postflow.uploads").description("Delivery attempts by how they ended")
        .tag("outcome", outcome).register(registry).increment();
    Counter.builder("postflow.upload.bytes").baseUnit("bytes").description("Bytes of renders by outcome")
        .tag("outcome", outcome).register(registry).increment(bytes);
    if (uploadTime != null && !uploadTime.isZero()) {
      Timer.builder("postflow.upload.duration").description("From upload start to delivered")
          .register(registry).record(uploadTime);
      DistributionSummary.builder("postflow.upload.throughput").baseUnit("bytes/s")
          .description("Bytes per second of each delivered render, upload start to delivered")
          .register(registry).record(bytes * 1e9 / uploadTime.toNanos());
    }
  }

  @Override
  public void error(String kind) {
    Counter.builder("postflow.errors").description("Errors that ended a delivery attempt, by kind")
        .tag("kind", kind).register(registry).increment();
  }

  @Override
  public void journalCall(String operation, Duration latency) {
    Timer.builder("postflow.journal.latency").description("Delivery journal calls")
        .tag("operation", operation).register(registry).record(latency);
  }

  /** Queue depth by state, and notifications waiting by channel. */
  void gauges(JournalCounts counts, Supplier<Map<String, Integer>> notificationDepths) {
    for (DeliveryState state : DeliveryState.values()) {
      Gauge.builder("postflow.queue", counts, c -> c.get().getOrDefault(state, 0L))
          .description("Deliveries in the journal by state").tag("state", state.name().toLowerCase(java.util.Locale.ROOT))
          .register(registry);
    }
    for (String channel : notificationDepths.get().keySet()) {
      Gauge.builder("postflow.notifications.queued", notificationDepths, d -> d.get().getOrDefault(channel, 0))
          .description("Notifications waiting to be told, by channel").tag("channel", channel).register(registry);
    }
  }

  private static String statusClass(int status) {
    return status == 0 ? "none" : status / 100 + "xx";
  }
}
