package io.postflow.pipeline.journal.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The database under a {@link JdbcJournal}: how it runs a read and a write transaction, and what
 * it adds to the claim's query so that two claimers never pick the same row. SQLite serialises
 * writers itself; PostgreSQL locks the picked row ({@code FOR UPDATE SKIP LOCKED}).
 *
 * <p>Implementations turn {@link SQLException}s into {@link io.postflow.api.JournalException}s
 * naming the journal (never its credentials). Not API: exported to PostFlow's journal modules only.
 */
public interface JournalDatabase extends AutoCloseable {

  /** One unit of work on a connection the database lends for its duration. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs {@code work}, which only reads. {@code doing} completes an error message. */
  <T> T read(String doing, Work<T> work);

  /** Runs {@code work} in one transaction: all of its writes or none. */
  <T> T write(String doing, Work<T> work);

  /** Appended to {@link JournalSql#NEXT_CLAIMABLE}: empty, or a row lock such as {@code FOR UPDATE}. */
  String claimLock();

  /** How messages name this journal, e.g. {@code delivery journal /var/lib/postflow/journal.db}. */
  String name();

  /** Idempotent; later calls of {@link #read} and {@link #write} throw {@link IllegalStateException}. */
  @Override
  void close();
}
