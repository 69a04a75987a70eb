package io.postflow.pipeline.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryFacts;
import io.postflow.api.FileIdentity;
import io.postflow.api.JournalException;
import io.postflow.pipeline.journal.internal.JournalSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Forward migrations, with a schema 2 made up for the test. */
class SqliteJournalMigrationTest {
  static final FileIdentity FILE = FileIdentity.of("renders", "SC03/a.mov", 10, Instant.EPOCH);

  @TempDir Path dir;

  Path journalFile() {
    return dir.resolve("journal.db");
  }

  SqliteDeliveryJournal open(List<List<String>> migrations) {
    return SqliteDeliveryJournal.builder().file(journalFile()).migrations(migrations).open();
  }

  static List<List<String>> withV2(String... steps) {
    List<List<String>> migrations = new ArrayList<>(JournalSchema.MIGRATIONS);
    migrations.add(List.of(steps));
    return migrations;
  }

  List<String> query(String sql) throws Exception {
    List<String> values = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + journalFile());
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  Delivery recordOne() {
    try (SqliteDeliveryJournal journal = open(JournalSchema.MIGRATIONS)) {
      return journal.record(FILE, "/x", DeliveryFacts.builder().shot("S").build()).orElseThrow();
    }
  }

  @Test
  void open_aJournalOfAnOlderSchema_appliesTheNewerMigrationsAndKeepsItsDeliveries() throws Exception {
    Delivery recorded = recordOne();

    try (SqliteDeliveryJournal journal = open(withV2(
        "ALTER TABLE deliveries ADD COLUMN note TEXT",
        "UPDATE deliveries SET note = 'from schema 1'"))) {
      assertThat(journal.find(recorded.id())).contains(recorded);
    }

    assertThat(query("SELECT version FROM schema_version ORDER BY version")).containsExactly("1", "2");
    assertThat(query("SELECT note FROM deliveries")).containsExactly("from schema 1");
  }

  @Test
  void open_whenAMigrationStepFails_leavesTheJournalAtItsSchemaWithNothingHalfDone() throws Exception {
    Delivery recorded = recordOne();

    assertThatThrownBy(() -> open(withV2("ALTER TABLE deliveries ADD COLUMN note TEXT",
        "UPDATE no_such_table SET x = 1")))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining(journalFile().toString())
        .hasMessageContaining("no_such_table");

    assertThat(query("SELECT MAX(version) FROM schema_version")).containsExactly("1");
    assertThat(query("SELECT name FROM pragma_table_info('deliveries') WHERE name = 'note'")).isEmpty();
    try (SqliteDeliveryJournal journal = open(JournalSchema.MIGRATIONS)) {
      assertThat(journal.find(recorded.id())).contains(recorded);
    }
  }

  @Test
  void open_aNewJournal_appliesEveryMigrationInOrder() throws Exception {
    try (SqliteDeliveryJournal journal = open(withV2("CREATE INDEX deliveries_file ON deliveries (file_id)"))) {
      assertThat(journal.counts()).isEmpty();
    }

    assertThat(query("SELECT version FROM schema_version ORDER BY version")).containsExactly("1", "2");
    assertThat(query("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'deliveries_%'"
        + " ORDER BY name")).containsExactly("deliveries_claim", "deliveries_file", "deliveries_shot");
  }

  @Test
  void open_withTheCodesOwnSchema_afterASchema2Journal_isRefusedAsNewer() {
    try (SqliteDeliveryJournal journal = open(withV2("CREATE INDEX deliveries_file ON deliveries (file_id)"))) {
      journal.record(FILE, "/x", DeliveryFacts.none());
    }

    assertThatThrownBy(() -> open(JournalSchema.MIGRATIONS))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining("written by a newer PostFlow (schema 2, this one knows 1)");
  }
}
