package io.postflow.pipeline.journal;

import io.postflow.pipeline.journal.internal.JournalDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's one SQLite connection, the lock that serialises its use, and the file lock held
 * with it. Reads run alone; writes run in one {@code BEGIN IMMEDIATE} transaction each.
 *
 * <p>Why one connection behind one lock: SQLite runs one write transaction at a time whatever we
 * do. With one connection our own threads queue on a fair Java lock instead of meeting
 * {@code SQLITE_BUSY} and SQLite's sleeping busy handler, and every call is an indexed lookup or a
 * short transaction whose cost is its fsync. A pool would only add parallel reads, which a few
 * workers do not need.
 */
final class JournalConnection implements JournalDatabase {
  private static final Logger log = LoggerFactory.getLogger(JournalConnection.class);

  private final Path file;
  private final JournalFile lockedFile;
  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock(true);
  private boolean closed;

  JournalConnection(JournalFile lockedFile, Connection connection) {
    this.file = lockedFile.database();
    this.lockedFile = lockedFile;
    this.connection = connection;
  }

  @Override
  public <T> T read(String doing, Work<T> work) {
    lock.lock();
    try {
      checkOpen();
      return work.run(connection);
    } catch (SQLException e) {
      throw SqliteFailures.failure(file, doing, e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs {@code work} in one write transaction, rolled back if it throws. BEGIN IMMEDIATE takes
   * SQLite's write lock at the start, so a read-then-write such as a claim cannot be overtaken
   * between its two steps; COMMIT returns once the write-ahead log is synced.
   */
  @Override
  public <T> T write(String doing, Work<T> work) {
    lock.lock();
    try {
      checkOpen();
      try (Statement control = connection.createStatement()) {
        control.execute("BEGIN IMMEDIATE");
        try {
          T result = work.run(connection);
          control.execute("COMMIT");
          return result;
        } catch (SQLException | RuntimeException e) {
          rollback(control, e);
          throw e;
        }
      }
    } catch (SQLException e) {
      throw SqliteFailures.failure(file, doing, e);
    } finally {
      lock.unlock();
    }
  }

  /** SQLite runs one write transaction at a time (BEGIN IMMEDIATE): no row lock to add. */
  @Override
  public String claimLock() {
    return "";
  }

  @Override
  public String name() {
    return "delivery journal " + file;
  }

  /**
   * Closes the database (SQLite checkpoints the write-ahead log into the file) and releases the
   * file lock, after a call in progress on another thread. Idempotent.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      try {
        connection.close();
      } catch (SQLException e) {
        // Committed transactions are in the write-ahead log already; the next open replays it.
        log.warn("delivery journal {}: closing the database failed: {}", file, e.getMessage());
      } finally {
        lockedFile.close();
      }
    } finally {
      lock.unlock();
    }
  }

  /** After a failed COMMIT there may be no transaction left to roll back; that error is kept too. */
  private static void rollback(Statement control, Exception cause) {
    try {
      control.execute("ROLLBACK");
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("delivery journal " + file + " is closed");
    }
  }
}
