package io.postflow.journal.postgres;

import io.postflow.api.JournalException;
import io.postflow.pipeline.journal.internal.JournalSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the database to the current schema, with the same migrations as the SQLite journal
 * ({@link JournalSchema}, the key column spelled for PostgreSQL), all in one transaction (DDL is
 * transactional in PostgreSQL) and under an advisory lock, so agents starting at the same moment
 * migrate one after the other and the later ones find the work done. Writes nothing unless the
 * schema is empty or a PostFlow journal of an older schema.
 */
final class PostgresSetup {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresSetup.class);

  static final List<List<String>> MIGRATIONS = JournalSchema.migrations(JournalSchema.POSTGRES_ID);

  private PostgresSetup() {}

  static void migrate(PostgresDatabase db, Clock clock) {
    db.write("checking and migrating the schema", c -> {
      try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
        lock.setLong(1, AdvisoryKeys.MIGRATION);
        lock.execute();
      }
      int found = inspect(db.name(), c);
      if (found < MIGRATIONS.size()) {
        JournalSchema.apply(c, MIGRATIONS, found, clock.millis());
        LOG.info("{}: schema migrated from {} to {}", db.name(), found, MIGRATIONS.size());
      }
      return null;
    });
  }

  /** @return the journal's schema version, 0 for an empty schema */
  private static int inspect(String name, Connection c) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (PreparedStatement query = c.prepareStatement("SELECT table_name FROM information_schema.tables"
        + " WHERE table_schema = current_schema() ORDER BY table_name");
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        tables.add(rows.getString(1));
      }
    }
    if (tables.isEmpty()) {
      return 0;
    }
    if (!tables.contains("schema_version") || !tables.contains("deliveries")) {
      throw new JournalException(name + ": the schema holds tables that are not a PostFlow journal "
          + tables + ". They were left as they are: give PostFlow a database of its own, or a schema"
          + " of its own (currentSchema=postflow in the URL, after CREATE SCHEMA postflow)", null, false);
    }
    int version;
    try (PreparedStatement query = c.prepareStatement(JournalSchema.CURRENT_VERSION);
        ResultSet rows = query.executeQuery()) {
      version = rows.next() ? rows.getInt(1) : 0;
    }
    if (version > MIGRATIONS.size()) {
      throw new JournalException(name + " was written by a newer PostFlow (schema " + version
          + ", this one knows " + MIGRATIONS.size() + "). It was left as it is: upgrade this agent"
          + " to the version the other agents run", null, false);
    }
    return version;
  }
}
