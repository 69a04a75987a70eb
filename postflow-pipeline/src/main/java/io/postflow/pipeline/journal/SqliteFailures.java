package io.postflow.pipeline.journal;

import io.postflow.api.JournalException;
import java.nio.file.Path;
import java.sql.SQLException;

/** Turns SQLite's failures into {@link JournalException}s that name the journal's file. */
final class SqliteFailures {
  private SqliteFailures() {}

  // Primary result codes (https://sqlite.org/rescode.html); the driver reports extended codes,
  // whose low byte is the primary one.
  private static final int SQLITE_BUSY = 5;
  private static final int SQLITE_LOCKED = 6;
  private static final int SQLITE_CORRUPT = 11;
  private static final int SQLITE_NOTADB = 26;

  static JournalException failure(Path file, String doing, SQLException e) {
    int primary = e.getErrorCode() & 0xff;
    if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) {
      return corrupt(file, e.getMessage(), e);
    }
    boolean retryable = primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
    return new JournalException("delivery journal " + file + ": " + doing + " failed"
        + (retryable ? " (the database is busy; try again)" : "") + ": " + e.getMessage(),
        e, retryable);
  }

  static JournalException corrupt(Path file, String detail, Throwable cause) {
    return new JournalException("delivery journal " + file + " is corrupt or not a SQLite database ("
        + detail + "). It was left as it is: inspect it read-only with the sqlite3 command line"
        + " (see docs/journal.md) or move it away to start a new journal", cause, false);
  }
}
