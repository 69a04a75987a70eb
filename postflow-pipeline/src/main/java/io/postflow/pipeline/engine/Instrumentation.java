package io.postflow.pipeline.engine;

import io.postflow.api.DeliveryJournal;
import io.postflow.api.Notification;
import io.postflow.api.PipelineListener;
import io.postflow.api.internal.DaemonThreads;
import io.postflow.frameio.FrameioObserver;
import io.postflow.pipeline.AlertRules;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Metrics and alerts for one running pipeline: the hooks ({@link PipelineSignals} as listener and
 * Frame.io observer, a timed journal), Micrometer's meters when a registry was given, and the
 * alert monitor's thread when alert rules were. With neither, it hooks nothing.
 */
public final class Instrumentation implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Instrumentation.class);

  private final Optional<PipelineSignals> signals;
  private final MicrometerSink meters;
  private final AlertMonitor monitor;
  private final Optional<AlertRules> rules;
  private final Clock clock;
  private final AtomicReference<JournalCounts> counts = new AtomicReference<>();
  private ScheduledExecutorService checks;

  private Instrumentation(Optional<Object> meterRegistry, Optional<AlertRules> rules, Clock clock) {
    this.rules = rules;
    this.clock = clock;
    List<SignalSink> sinks = new ArrayList<>();
    // Only here is MicrometerSink (and so Micrometer) loaded: when the application gave a registry.
    meters = meterRegistry.isPresent() ? new MicrometerSink(meterRegistry.get()) : null;
    if (meters != null) {
      sinks.add(meters);
    }
    monitor = rules.map(r -> new AlertMonitor(r, clock,
        () -> counts.get() == null ? 0 : counts.get().waiting(), AlertMonitor::heapAfterLastGc)).orElse(null);
    if (monitor != null) {
      sinks.add(monitor);
    }
    signals = sinks.isEmpty() ? Optional.empty() : Optional.of(new PipelineSignals(sinks));
  }

  /** @param meterRegistry a Micrometer {@code MeterRegistry}, when the application gave one */
  public static Instrumentation create(Optional<Object> meterRegistry, Optional<AlertRules> rules, Clock clock) {
    return new Instrumentation(meterRegistry, rules, clock);
  }

  /** What the Frame.io client PostFlow creates reports to. */
  public FrameioObserver observer() {
    return signals.<FrameioObserver>map(s -> s).orElse(FrameioObserver.NONE);
  }

  /** The listener to add to the pipeline's, when anything is measured. */
  public Optional<PipelineListener> listener() {
    return signals.map(s -> s);
  }

  /** The journal the pipeline should use: timed when metrics are on. */
  public DeliveryJournal journal(DeliveryJournal journal) {
    counts.set(new JournalCounts(journal, clock));
    return meters != null && signals.isPresent() ? new TimedJournal(journal, signals.get()) : journal;
  }

  /** Registers the gauges and starts checking the alert rules; alerts go through the orchestrator's notifiers. */
  public void start(Orchestrator orchestrator) {
    if (meters != null) {
      meters.gauges(counts.get(), orchestrator::notificationDepths);
    }
    if (monitor != null) {
      AlertRules r = rules.orElseThrow();
      checks = Executors.newSingleThreadScheduledExecutor(DaemonThreads.factory("postflow-alerts"));
      long every = r.checkEvery().toMillis();
      checks.scheduleWithFixedDelay(() -> check(orchestrator, r), every, every, TimeUnit.MILLISECONDS);
    }
  }

  private void check(Orchestrator orchestrator, AlertRules r) {
    try {
      r.tunnel().ifPresent(monitor::watchTunnel);
      for (Notification alert : monitor.check()) {
        LOG.warn("Alert: {}", alert.message());
        orchestrator.tell(alert);
      }
    } catch (RuntimeException e) {
      LOG.warn("Checking the alert rules failed; trying again at the next check", e);
    }
  }

  /** Stops the checks; the meters stay in the registry (the application owns it). */
  @Override
  public void close() {
    if (checks != null) {
      checks.shutdownNow();
    }
  }
}
