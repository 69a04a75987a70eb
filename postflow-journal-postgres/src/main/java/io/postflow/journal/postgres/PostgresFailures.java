package io.postflow.journal.postgres;

import io.postflow.api.JournalException;
import java.sql.SQLException;
import java.util.Set;

/**
 * Sorts PostgreSQL's failures by their SQLSTATE: which mean the connection is gone (the server
 * restarted, the network dropped: a new connection will do), which mean the transaction was
 * rolled back and may simply be run again, and which are for good.
 */
final class PostgresFailures {
  private PostgresFailures() {}

  /** admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections. */
  private static final Set<String> SERVER_GONE = Set.of("57P01", "57P02", "57P03", "53300");

  /** serialization_failure, deadlock_detected, lock_not_available: rolled back, run it again. */
  private static final Set<String> ROLLED_BACK = Set.of("40001", "40P01", "55P03");

  /** The connection cannot be used any more: close it, take another. */
  static boolean connectionLost(SQLException e) {
    String state = e.getSQLState();
    return state == null || state.startsWith("08") || SERVER_GONE.contains(state);
  }

  /** Nothing of the transaction was kept and running it again may succeed. */
  static boolean retryable(SQLException e) {
    return connectionLost(e) || ROLLED_BACK.contains(e.getSQLState());
  }

  /**
   * The failure as a {@link JournalException} naming the journal (its URL without password).
   *
   * @param atCommit whether it struck while committing: then the writes may or may not be kept
   */
  static JournalException failure(String name, String doing, SQLException e, boolean atCommit) {
    String outcome = atCommit && connectionLost(e)
        ? " (the connection was lost while committing: the change may or may not have been kept)"
        : retryable(e) ? " (the database is unreachable or busy; try again)" : "";
    return new JournalException(name + ": " + doing + " failed" + outcome + ": "
        + e.getMessage() + " [SQLSTATE " + e.getSQLState() + "]", e, retryable(e));
  }
}
