package io.postflow.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.DeliveryFacts;
import io.postflow.api.DeliveryJournal;
import io.postflow.api.DeliveryState;
import io.postflow.api.FileIdentity;
import io.postflow.pipeline.journal.SqliteDeliveryJournal;
import io.postflow.testkit.ManualTime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalCountsTest {
  @TempDir
  Path dir;

  @Test
  void countsAreReadAgainOnlyOnceTheyAreFiveSecondsOld() {
    ManualTime time = ManualTime.startingAt(Instant.parse("2026-03-01T10:00:00Z"));
    try (DeliveryJournal journal = SqliteDeliveryJournal.builder().file(dir.resolve("j.db")).clock(time.clock()).open()) {
      JournalCounts counts = new JournalCounts(journal, time.clock());
      assertThat(counts.waiting()).isZero();
      journal.record(FileIdentity.of("r", "a.mov", 1, time.now()), "/r/a.mov", DeliveryFacts.none());

      time.advance(Duration.ofSeconds(4));
      assertThat(counts.waiting()).as("cached").isZero();
      time.advance(Duration.ofSeconds(1));
      assertThat(counts.waiting()).isEqualTo(1);
      assertThat(counts.get()).containsEntry(DeliveryState.PENDING, 1L);
    }
  }
}
