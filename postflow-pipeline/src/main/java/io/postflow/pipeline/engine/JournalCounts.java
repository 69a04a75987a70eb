package io.postflow.pipeline.engine;

import io.postflow.api.DeliveryJournal;
import io.postflow.api.DeliveryState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The journal's counts by state for gauges and the stuck-queue rule, asked again only when older
 * than {@link #TTL}: a metrics scrape every second must not become a journal query every second.
 */
final class JournalCounts {
  static final Duration TTL = Duration.ofSeconds(5);

  private final DeliveryJournal journal;
  private final Clock clock;
  private Map<DeliveryState, Long> counts = Map.of();
  private Instant readAt;

  JournalCounts(DeliveryJournal journal, Clock clock) {
    this.journal = journal;
    this.clock = clock;
  }

  synchronized Map<DeliveryState, Long> get() {
    Instant now = clock.instant();
    if (readAt == null || !now.isBefore(readAt.plus(TTL))) {
      try {
        counts = journal.counts();
      } catch (RuntimeException e) {
        // keep the last counts: a scrape or a check must not fail because the journal is busy
      }
      readAt = now;
    }
    return counts;
  }

  /** Deliveries pending or in progress. */
  long waiting() {
    Map<DeliveryState, Long> now = get();
    return now.getOrDefault(DeliveryState.PENDING, 0L) + now.getOrDefault(DeliveryState.IN_PROGRESS, 0L);
  }
}
