package io.postflow.pipeline.engine;

import io.postflow.api.Notification;
import io.postflow.api.Tunnel;
import io.postflow.api.TunnelEndpoint;
import io.postflow.pipeline.AlertRules;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Checks the {@link AlertRules} against what {@link PipelineSignals} observed over the sliding
 * window (timed on the injected clock) and returns the alerts that fire; a rule that fired keeps
 * quiet for the cooldown. Thread-safe: signals come from workers and the Frame.io client, checks
 * from the monitor's thread.
 */
final class AlertMonitor implements SignalSink {
  /** The rules, by the name alerts carry. */
  enum Rule {
    ERROR_RATE("API error rate"),
    API_LATENCY("API latency"),
    UPLOAD_FAILURES("upload failures"),
    CACHE_HIT_RATE("structure cache hit rate"),
    HEAP("heap in use"),
    QUEUE_STALLED("queue not moving"),
    TUNNEL_RESTARTS("tunnel restarts"),
    TOKEN_REFRESH("token refresh");

    final String label;

    Rule(String label) {
      this.label = label;
    }
  }

  /** Keeps memory bounded whatever the call rate: the oldest samples go first. */
  static final int MAX_SAMPLES = 50_000;

  private record Sample(Instant at, String key, boolean bad, long value) {}

  private final AlertRules rules;
  private final Clock clock;
  private final LongSupplier waitingWork;
  private final LongSupplier heapAfterGc;
  private final ArrayDeque<Sample> api = new ArrayDeque<>();
  private final ArrayDeque<Sample> attempts = new ArrayDeque<>();
  private final ArrayDeque<Sample> lookups = new ArrayDeque<>();
  private final ArrayDeque<Sample> tokenFailures = new ArrayDeque<>();
  private final ArrayDeque<Sample> tunnelRestarts = new ArrayDeque<>();
  private final Map<Rule, Instant> firedAt = new EnumMap<>(Rule.class);
  private Instant lastProgress;
  private Instant tunnelOpenedAt;

  /**
   * @param waitingWork deliveries pending or in progress in the journal
   * @param heapAfterGc heap bytes in use after the last collection
   */
  AlertMonitor(AlertRules rules, Clock clock, LongSupplier waitingWork, LongSupplier heapAfterGc) {
    this.rules = rules;
    this.clock = clock;
    this.waitingWork = waitingWork;
    this.heapAfterGc = heapAfterGc;
    this.lastProgress = clock.instant();
  }

  @Override
  public synchronized void apiAttempt(String endpoint, int status, Duration latency, int attempt) {
    boolean failed = status == 0 || status >= 500 || status == 401 || status == 403;
    add(api, new Sample(clock.instant(), endpoint, failed, latency.toNanos()));
  }

  @Override
  public synchronized void folderLookup(boolean cached) {
    add(lookups, new Sample(clock.instant(), "", !cached, 0));
  }

  @Override
  public synchronized void deliveryEnded(String outcome, long bytes, Duration uploadTime) {
    if (outcome.equals("delivered") || outcome.equals("retried") || outcome.equals("failed")) {
      add(attempts, new Sample(clock.instant(), outcome, !outcome.equals("delivered"), bytes));
    }
  }

  @Override
  public synchronized void error(String kind) {
    if (kind.equals("authentication")) {
      add(tokenFailures, new Sample(clock.instant(), kind, true, 0));
    }
  }

  @Override
  public synchronized void progressed() {
    lastProgress = clock.instant();
  }

  /** Looks at the tunnel: a new {@code openedAt} is a restart. */
  synchronized void watchTunnel(Tunnel tunnel) {
    Optional<TunnelEndpoint> endpoint = tunnel.endpoint();
    if (endpoint.isEmpty()) {
      return;
    }
    Instant opened = endpoint.get().openedAt();
    if (tunnelOpenedAt != null && !opened.equals(tunnelOpenedAt)) {
      add(tunnelRestarts, new Sample(clock.instant(), endpoint.get().provider(), true, 0));
    }
    tunnelOpenedAt = opened;
  }

  /** Checks every rule now; returns the alerts that fire (each rule at most once per cooldown). */
  synchronized List<Notification> check() {
    Instant now = clock.instant();
    Instant since = now.minus(rules.window());
    for (ArrayDeque<Sample> samples : List.of(api, attempts, lookups, tokenFailures, tunnelRestarts)) {
      while (!samples.isEmpty() && samples.peekFirst().at().isBefore(since)) {
        samples.pollFirst();
      }
    }
    List<Notification> alerts = new ArrayList<>();
    String window = words(rules.window());
    if (rules.errorRate() > 0) {
      rate(api).filter(r -> r.total >= rules.minSamples() && r.share() > rules.errorRate()).ifPresent(r ->
          fire(alerts, now, Rule.ERROR_RATE, String.format(Locale.ROOT,
              "%.1f%% of Frame.io API calls failed in the last %s (%d of %d), above %s", 100 * r.share(), window,
              r.bad, r.total, percent(rules.errorRate())), percent(r.share()), percent(rules.errorRate())));
    }
    if (!rules.apiLatency().isZero()) {
      slowestEndpoint().filter(e -> e.getValue() > rules.apiLatency().toNanos()).ifPresent(e ->
          fire(alerts, now, Rule.API_LATENCY, String.format(Locale.ROOT,
              "Frame.io answered %s in %.1f s on average over the last %s, above %s", e.getKey(),
              e.getValue() / 1e9, window, words(rules.apiLatency())),
              String.format(Locale.ROOT, "%.1f s", e.getValue() / 1e9), words(rules.apiLatency())));
    }
    if (rules.uploadFailureRate() > 0) {
      rate(attempts).filter(r -> r.total >= Math.min(rules.minSamples(), 5) && r.share() > rules.uploadFailureRate())
          .ifPresent(r -> fire(alerts, now, Rule.UPLOAD_FAILURES, String.format(Locale.ROOT,
              "%d of %d delivery attempts failed in the last %s (%.1f%%), above %s", r.bad, r.total, window,
              100 * r.share(), percent(rules.uploadFailureRate())), percent(r.share()),
              percent(rules.uploadFailureRate())));
    }
    if (rules.cacheHitRate() > 0) {
      rate(lookups).filter(r -> r.total >= rules.minSamples() && 1 - r.share() < rules.cacheHitRate())
          .ifPresent(r -> fire(alerts, now, Rule.CACHE_HIT_RATE, String.format(Locale.ROOT,
              "Only %.1f%% of folder lookups came from the structure cache in the last %s (%d of %d), below %s",
              100 * (1 - r.share()), window, r.total - r.bad, r.total, percent(rules.cacheHitRate())),
              percent(1 - r.share()), percent(rules.cacheHitRate())));
    }
    if (rules.heapBytes() > 0) {
      long heap = heapAfterGc.getAsLong();
      if (heap > rules.heapBytes()) {
        fire(alerts, now, Rule.HEAP, "PostFlow's heap holds " + mib(heap) + " after garbage collection, above "
            + mib(rules.heapBytes()), mib(heap), mib(rules.heapBytes()));
      }
    }
    if (!rules.queueStall().isZero()) {
      long waiting = waitingWork.getAsLong();
      Duration still = Duration.between(lastProgress, now);
      if (waiting > 0 && still.compareTo(rules.queueStall()) >= 0) {
        fire(alerts, now, Rule.QUEUE_STALLED, waiting + " deliveries are waiting and nothing has moved for "
            + words(still), words(still), words(rules.queueStall()));
      } else if (waiting == 0) {
        lastProgress = now; // an empty queue is not a stuck one
      }
    }
    if (rules.tunnelRestarts() > 0 && tunnelRestarts.size() >= rules.tunnelRestarts()) {
      fire(alerts, now, Rule.TUNNEL_RESTARTS, "The " + tunnelRestarts.peekLast().key() + " tunnel restarted "
          + tunnelRestarts.size() + " times in the last " + window, String.valueOf(tunnelRestarts.size()),
          String.valueOf(rules.tunnelRestarts()));
    }
    if (rules.tokenRefresh() && !tokenFailures.isEmpty()) {
      fire(alerts, now, Rule.TOKEN_REFRESH, "The Frame.io token could not be refreshed (" + tokenFailures.size()
          + " time(s) in the last " + window + "): sign in again (postflow login) or check the credentials",
          String.valueOf(tokenFailures.size()), "1");
    }
    return alerts;
  }

  private void fire(List<Notification> alerts, Instant now, Rule rule, String message, String value,
      String threshold) {
    Instant last = firedAt.get(rule);
    if (last != null && now.isBefore(last.plus(rules.cooldown()))) {
      return;
    }
    firedAt.put(rule, now);
    alerts.add(Notification.builder().kind(Notification.Kind.ALERT).message(message)
        .putDetails("Rule", rule.label).putDetails("Value", value).putDetails("Threshold", threshold)
        .putDetails("Window", words(rules.window())).putDetails("Next alert", "after " + words(rules.cooldown()))
        .build());
  }

  private record Rate(int bad, int total) {
    double share() {
      return total == 0 ? 0 : (double) bad / total;
    }
  }

  private static Optional<Rate> rate(ArrayDeque<Sample> samples) {
    int bad = 0;
    for (Sample s : samples) {
      bad += s.bad() ? 1 : 0;
    }
    return samples.isEmpty() ? Optional.empty() : Optional.of(new Rate(bad, samples.size()));
  }

  /** The endpoint with the highest mean latency among those with at least 3 attempts in the window. */
  private Optional<Map.Entry<String, Long>> slowestEndpoint() {
    Map<String, long[]> sums = new HashMap<>();
    for (Sample s : api) {
      long[] sum = sums.computeIfAbsent(s.key(), k -> new long[2]);
      sum[0] += s.value();
      sum[1]++;
    }
    return sums.entrySet().stream().filter(e -> e.getValue()[1] >= 3)
        .map(e -> Map.entry(e.getKey(), e.getValue()[0] / e.getValue()[1]))
        .max(Map.Entry.comparingByValue());
  }

  private static void add(ArrayDeque<Sample> samples, Sample sample) {
    if (samples.size() >= MAX_SAMPLES) {
      samples.pollFirst();
    }
    samples.addLast(sample);
  }

  /** Heap in use after the last collection (what the program really holds), else in use now. */
  static long heapAfterLastGc() {
    long total = 0;
    boolean known = false;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage afterGc = pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported()
          ? pool.getCollectionUsage() : null;
      if (afterGc != null) {
        total += afterGc.getUsed();
        known = true;
      }
    }
    return known ? total : ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }

  private static String mib(long bytes) {
    return bytes / (1024 * 1024) + " MB";
  }

  static String words(Duration d) {
    return Notifications.duration(d);
  }
}
