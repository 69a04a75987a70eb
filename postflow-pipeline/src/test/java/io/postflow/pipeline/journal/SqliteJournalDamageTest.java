package io.postflow.pipeline.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.DeliveryFacts;
import io.postflow.api.FileIdentity;
import io.postflow.api.JournalException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files the journal must refuse to open, and leave exactly as they were: never reset, repaired or
 * rewritten, since they may be the only record of what was delivered.
 */
class SqliteJournalDamageTest {
  @TempDir Path dir;

  Path journalFile() {
    return dir.resolve("journal.db");
  }

  void assertRefusedAndUntouched(String... messageParts) throws Exception {
    Path file = journalFile();
    byte[] before = Files.readAllBytes(file);

    assertThatThrownBy(() -> SqliteDeliveryJournal.open(file))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContainingAll(messageParts)
        .satisfies(e -> assertThat(((JournalException) e).isRetryable()).isFalse());

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(dir.resolve("journal.db-journal")).doesNotExist();
    // The lock was released: the next attempt meets the same refusal, not "in use".
    assertThatThrownBy(() -> SqliteDeliveryJournal.open(file))
        .isInstanceOf(JournalException.class)
        .hasMessageNotContaining("in use");
  }

  void writeJournalWithDeliveries(int count) {
    try (SqliteDeliveryJournal journal = SqliteDeliveryJournal.open(journalFile())) {
      for (int i = 0; i < count; i++) {
        journal.record(FileIdentity.of("renders", "clip_" + i + ".mov", i, Instant.EPOCH), "/x",
            DeliveryFacts.builder().shot("S_" + i).folderPath("WIP_BYSHOT/" + "S".repeat(400) + i)
                .build());
      }
    }
  }

  void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + journalFile());
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  @Test
  void open_aFileOfRandomBytes_failsAndLeavesItUntouched() throws Exception {
    byte[] garbage = new byte[8192];
    new Random(7).nextBytes(garbage);
    Files.write(journalFile(), garbage);

    assertRefusedAndUntouched("not a SQLite database", "left as it is");
    assertThat(dir.resolve("journal.db-wal")).doesNotExist();
  }

  @Test
  void open_aTextFile_failsAndLeavesItUntouched() throws Exception {
    Files.writeString(journalFile(), "renders:SC03/UNDLM_00042_v002.mov delivered\n",
        StandardCharsets.UTF_8);

    assertRefusedAndUntouched("not a SQLite database");
  }

  @Test
  void open_aJournalWithDamagedPages_failsAsCorruptAndLeavesItUntouched() throws Exception {
    writeJournalWithDeliveries(60);
    try (RandomAccessFile raf = new RandomAccessFile(journalFile().toFile(), "rw")) {
      assertThat(raf.length()).isGreaterThan(4 * 4096);
      byte[] garbage = new byte[2 * 4096];
      new Random(11).nextBytes(garbage);
      raf.seek(2 * 4096);
      raf.write(garbage);
    }

    assertRefusedAndUntouched("corrupt", "left as it is", "sqlite3");
  }

  @Test
  void open_aJournalOfANewerSchema_failsNamingBothVersionsAndLeavesItUntouched() throws Exception {
    writeJournalWithDeliveries(3);
    sql("INSERT INTO schema_version (version, applied_at) VALUES (2, 0), (3, 0)");

    assertRefusedAndUntouched("written by a newer PostFlow (schema 3, this one knows 1)");
  }

  @Test
  void open_anotherApplicationsSqliteDatabase_failsAndLeavesItUntouched() throws Exception {
    sql("CREATE TABLE bookmarks (url TEXT)");

    assertRefusedAndUntouched("not a PostFlow journal", "bookmarks");
  }

  @Test
  void open_anEmptyFile_makesItANewJournal() throws Exception {
    Files.createFile(journalFile());

    try (SqliteDeliveryJournal journal = SqliteDeliveryJournal.open(journalFile())) {
      assertThat(journal.counts()).isEmpty();
    }
    assertThat(Files.size(journalFile())).isPositive();
  }

  @Test
  void open_aJournalOfTheCurrentSchema_doesNotMigrateAgain() throws Exception {
    writeJournalWithDeliveries(2);

    try (SqliteDeliveryJournal journal = SqliteDeliveryJournal.open(journalFile())) {
      assertThat(journal.list(java.util.Set.of(), 10)).hasSize(2);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + journalFile());
        Statement s = c.createStatement();
        var rows = s.executeQuery("SELECT COUNT(*), MAX(version) FROM schema_version")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getInt(1)).isEqualTo(1);
      assertThat(rows.getInt(2)).isEqualTo(1);
    }
  }
}
