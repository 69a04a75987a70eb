package io.postflow.pipeline.journal;

import io.postflow.api.JournalException;
import io.postflow.pipeline.journal.internal.JournalSchema;
import io.postflow.pipeline.journal.internal.JournalSql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * Opens the journal's connection and brings the database to the current schema, in an order that
 * writes nothing until the file is known to be a healthy PostFlow journal of a schema this code
 * understands: look at the tables and the schema version, check the pages, and only then switch to
 * WAL, migrate and release the leases a crashed predecessor left.
 */
final class SqliteSetup {
  private static final Logger log = LoggerFactory.getLogger(SqliteSetup.class);

  private SqliteSetup() {}

  /**
   * Connects to {@code file}, which {@link JournalFile} created or checked and holds the lock of.
   *
   * @throws JournalException naming the file when it cannot be used; the file is then unchanged
   */
  static Connection open(Path file, Duration busyTimeout, Clock clock,
      List<List<String>> migrations) {
    return prepare(file, connect(file, busyTimeout, false), connection -> {
      int version = inspect(file, connection, migrations.size());
      checkPages(file, connection);
      enableWal(file, connection);
      migrate(connection, migrations, version, clock.millis());
      releaseLeases(file, connection, clock.millis());
    });
  }

  /**
   * Connects to the journal of an agent that may be running, changing nothing on opening: no
   * migration (the agent migrates at its start), no page check, no journal-mode switch, and above
   * all no release of leases, which belong to the agent's workers. In write-ahead-log mode the
   * connection reads beside the agent's without blocking it; a write waits up to
   * {@code busyTimeout} for the agent's current transaction.
   *
   * @throws JournalException naming the file when it is not a journal of exactly this schema
   */
  static Connection openBeside(Path file, Duration busyTimeout, boolean readOnly, int known) {
    return prepare(file, connect(file, busyTimeout, readOnly), connection -> {
      int version = inspect(file, connection, known);
      if (version == 0) {
        throw new JournalException("delivery journal " + file + " is empty: the agent has not run on it yet",
            null, false);
      }
      if (version < known) {
        throw new JournalException("delivery journal " + file + " has schema " + version + " and this PostFlow"
            + " knows " + known + ": its agent migrates it at its start. Start this PostFlow's agent once,"
            + " then ask again", null, false);
      }
    });
  }

  /** What is done on a new connection before it is handed out. */
  private interface Step {
    void run(Connection connection) throws SQLException;
  }

  /** Runs {@code step} on the new connection; closes it when the step fails. */
  private static Connection prepare(Path file, Connection connection, Step step) {
    try {
      step.run(connection);
      return connection;
    } catch (SQLException e) {
      closeQuietly(connection);
      throw SqliteFailures.failure(file, "opening", e);
    } catch (RuntimeException e) {
      closeQuietly(connection);
      throw e;
    }
  }

  private static Connection connect(Path file, Duration busyTimeout, boolean readOnly) {
    SQLiteConfig config = new SQLiteConfig();
    // The file exists (JournalFile created or found it); SQLite must not create another one.
    config.resetOpenMode(SQLiteOpenMode.CREATE);
    config.setReadOnly(readOnly);
    // In WAL mode, FULL syncs the WAL on every commit: a commit that returned survives a power
    // cut. NORMAL would sync only at checkpoints and could lose the last commits.
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
    config.enforceForeignKeys(true);
    try {
      return config.createConnection("jdbc:sqlite:" + file);
    } catch (SQLException e) {
      throw SqliteFailures.failure(file, "opening", e);
    }
  }

  /** @return the journal's schema version, 0 for a new (empty) database */
  private static int inspect(Path file, Connection connection, int known) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master"
            + " WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")) {
      while (rows.next()) {
        tables.add(rows.getString(1));
      }
    }
    if (tables.isEmpty()) {
      return 0;
    }
    if (!tables.contains("schema_version")) {
      throw new JournalException("delivery journal " + file + " is a SQLite database but not a"
          + " PostFlow journal (it has the tables " + tables + "). It was left as it is: give"
          + " PostFlow a file of its own", null, false);
    }
    int version;
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(JournalSchema.CURRENT_VERSION)) {
      version = rows.next() ? rows.getInt(1) : 0;
    }
    if (version > known) {
      throw new JournalException("delivery journal " + file + " was written by a newer PostFlow"
          + " (schema " + version + ", this one knows " + known + "). It was"
          + " left as it is: run that newer PostFlow, or give this one another journal", null, false);
    }
    return version;
  }

  /**
   * Reads every page once ({@code PRAGMA quick_check}: linear in the file's size, well under a
   * second for a journal of a production's lifetime), so corruption stops the agent at start-up
   * instead of some delivery later.
   */
  private static void checkPages(Path file, Connection connection) throws SQLException {
    List<String> problems = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA quick_check(5)")) {
      while (rows.next()) {
        problems.add(rows.getString(1).replace('\n', ' ').trim());
      }
    }
    if (!problems.equals(List.of("ok"))) {
      throw SqliteFailures.corrupt(file, "quick_check: " + String.join("; ", problems), null);
    }
  }

  private static void enableWal(Path file, Connection connection) throws SQLException {
    String mode;
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA journal_mode = WAL")) {
      mode = rows.next() ? rows.getString(1) : "";
    }
    if (!"wal".equalsIgnoreCase(mode)) {
      throw new JournalException("delivery journal " + file + " cannot use write-ahead logging"
          + " (journal_mode is " + mode + "): keep the journal on a local disk, not on a network"
          + " or FUSE file system such as the filespace", null, false);
    }
  }

  /**
   * Applies the migrations after {@code found} in one transaction: a journal is at one schema or
   * the next, never in between, even if the process dies or a step fails half-way.
   */
  private static void migrate(Connection connection, List<List<String>> migrations, int found,
      long now) throws SQLException {
    if (found == migrations.size()) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");
      try {
        JournalSchema.apply(connection, migrations, found, now);
        statement.execute("COMMIT");
      } catch (SQLException | RuntimeException e) {
        try {
          statement.execute("ROLLBACK");
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      }
    }
    log.debug("delivery journal migrated from schema {} to {}", found, migrations.size());
  }

  private static void releaseLeases(Path file, Connection connection, long now) throws SQLException {
    int released;
    try (PreparedStatement statement = connection.prepareStatement(JournalSql.RELEASE_ALL_LEASES)) {
      statement.setLong(1, now);
      released = statement.executeUpdate();
    }
    if (released > 0) {
      log.info("delivery journal {}: {} deliveries left in progress by the previous run are pending"
          + " again", file, released);
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      log.debug("closing a journal connection that failed to open", e);
    }
  }
}
