package io.postflow.pipeline.journal;

import static io.postflow.api.DeliveryState.DELIVERED;
import static io.postflow.api.DeliveryState.PENDING;
import static io.postflow.api.DeliveryState.QUARANTINED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.postflow.api.ConfigurationException;
import io.postflow.api.Delivery;
import io.postflow.api.DeliveryFacts;
import io.postflow.api.DeliveryJournal;
import io.postflow.api.JournalException;
import io.postflow.api.Lease;
import io.postflow.api.LeaseLostException;
import io.postflow.pipeline.journal.contract.DeliveryJournalContract;
import io.postflow.pipeline.journal.contract.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDeliveryJournalTest extends DeliveryJournalContract {
  @TempDir Path dir;

  Path file() {
    return dir.resolve("state").resolve("journal.db");
  }

  SqliteDeliveryJournal reopen() {
    journal.close();
    journal = SqliteDeliveryJournal.builder().file(file()).clock(clock).open();
    return (SqliteDeliveryJournal) journal;
  }

  @Override
  protected DeliveryJournal openEmpty(TestClock clock) {
    return SqliteDeliveryJournal.builder().file(file()).clock(clock).open();
  }

  @Test
  void reopen_keepsEveryDeliveryItsStateAndItsFacts() {
    Delivery delivered = journal.record(file("a.mov"), "/x/a.mov", shot("A", 1)).orElseThrow();
    Lease lease = claim();
    DeliveryFacts facts = DeliveryFacts.builder().folderId("folder-1").fileId("file-1")
        .stackedAt(T0.plusMillis(5)).build();
    journal.recordFacts(lease, facts);
    journal.complete(lease);
    Delivery quarantined = record("b.mov");
    journal.finish(claim(), QUARANTINED, "shot not in the list");
    Delivery pending = record("c.mov");
    Delivery before = journal.find(delivered.id()).orElseThrow();

    reopen();

    assertThat(journal.find(delivered.id())).contains(before);
    assertThat(before.facts()).isEqualTo(shot("A", 1).merge(facts));
    assertThat(journal.find(quarantined.id()).orElseThrow().reason()).contains("shot not in the list");
    assertThat(journal.find(pending.id())).contains(pending);
    assertThat(journal.counts()).isEqualTo(Map.of(DELIVERED, 1L, QUARANTINED, 1L, PENDING, 1L));
  }

  @Test
  void reopen_makesDeliveriesLeftInProgressPendingWithTheirAttemptsAndFacts() {
    Delivery a = record("a.mov");
    journal.retryLater(claim(), T0, "flaky");
    Lease crashed = claim();
    journal.recordFacts(crashed, DeliveryFacts.builder().placeholderFileId("ph-1").build());
    clock.advance(Duration.ofSeconds(1));

    reopen();

    Delivery after = journal.find(a.id()).orElseThrow();
    assertThat(after.state()).isEqualTo(PENDING);
    assertThat(after.attempts()).isEqualTo(1);
    assertThat(after.owner()).isEmpty();
    assertThat(after.leaseExpiresAt()).isEmpty();
    assertThat(after.notBefore()).isEmpty();
    assertThat(after.facts().placeholderFileId()).contains("ph-1");
    Lease next = journal.claim("worker-b", LEASE).orElseThrow();
    assertThat(next.fence()).isEqualTo(crashed.fence() + 1);
    assertThatThrownBy(() -> journal.complete(crashed)).isInstanceOf(LeaseLostException.class);
  }

  @Test
  void open_whileTheJournalIsOpen_failsNamingTheLock() {
    assertThatThrownBy(() -> SqliteDeliveryJournal.open(file()))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining(file().toString())
        .hasMessageContaining("in use by another PostFlow process")
        .satisfies(e -> assertThat(((JournalException) e).isRetryable()).isFalse());

    record("a.mov");
    assertThat(journal.counts()).isEqualTo(Map.of(PENDING, 1L));
  }

  @Test
  void close_releasesTheLockForTheNextOpen() {
    record("a.mov");

    reopen();

    assertThat(journal.counts()).isEqualTo(Map.of(PENDING, 1L));
    assertThat(dir.resolve("state/journal.db.lock")).exists();
  }

  @Test
  void files_areReadableByTheOwnerOnly() throws Exception {
    assumeThat(file().getFileSystem().supportedFileAttributeViews()).contains("posix");
    record("a.mov");

    for (String name : new String[] {"journal.db", "journal.db-wal", "journal.db-shm", "journal.db.lock"}) {
      Path f = dir.resolve("state").resolve(name);
      assertThat(f).as(name).exists();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(name)
          .isEqualTo("rw-------");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("state"))))
        .isEqualTo("rwx------");
  }

  @Test
  void builder_namesTheSettingThatIsWrong() {
    assertThatThrownBy(() -> SqliteDeliveryJournal.builder().open())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'file'");
    assertThatThrownBy(() -> SqliteDeliveryJournal.open(dir))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'file'")
        .hasMessageContaining("directory");
    assertThatThrownBy(() -> SqliteDeliveryJournal.builder().file(dir.resolve("j.db")).clock(null).open())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'clock'");
    assertThatThrownBy(() -> SqliteDeliveryJournal.builder().file(dir.resolve("j.db"))
        .busyTimeout(Duration.ofSeconds(-1)).open())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'busyTimeout'");
    assertThat(dir.resolve("j.db")).doesNotExist();
  }

  @Test
  void toString_namesTheFile() {
    assertThat(journal.toString()).contains(file().toString());
  }
}
