package io.postflow.journal.postgres;

import io.postflow.api.JournalException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most {@code size} connections to the journal's database, opened on demand and kept while
 * they work. A connection that failed is closed, never lent again; the next borrower opens a new
 * one, which is how the journal reconnects after the server restarted.
 *
 * <p>Why not HikariCP: a journal lends a connection for one short transaction at a time, from a
 * handful of threads; what a pool library adds (idle eviction, leak detection, metrics, JMX) the
 * journal does not need, and this is the only place connections are made.
 */
final class ConnectionPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionPool.class);

  private final String url;
  private final Properties properties;
  private final String name;
  private final Semaphore permits;
  private final Deque<Connection> idle = new ArrayDeque<>();
  private boolean closed;

  /** {@code properties} holds the credentials: it is never logged or shown. */
  ConnectionPool(String url, Properties properties, String name, int size) {
    this.url = url;
    this.properties = properties;
    this.name = name;
    this.permits = new Semaphore(size, true);
  }

  /**
   * A connection with auto-commit off, waiting at most until {@code deadlineNanos} for one to be
   * free.
   *
   * @throws SQLException when a new connection cannot be opened
   * @throws JournalException (retryable) when every connection stayed busy until the deadline
   */
  Connection borrow(long deadlineNanos) throws SQLException, InterruptedException {
    long wait = Math.max(0, deadlineNanos - System.nanoTime());
    if (!permits.tryAcquire(wait, TimeUnit.NANOSECONDS)) {
      throw new JournalException(name + ": every connection stayed busy; try again", null, true);
    }
    try {
      Connection c;
      synchronized (this) {
        if (closed) {
          throw new IllegalStateException(name + " is closed");
        }
        c = idle.pollFirst();
      }
      if (c == null) {
        c = DriverManager.getConnection(url, properties);
        c.setAutoCommit(false);
      }
      return c;
    } catch (SQLException | RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  /** Takes back a healthy connection. */
  void giveBack(Connection c) {
    boolean keep;
    synchronized (this) {
      keep = !closed;
      if (keep) {
        idle.addFirst(c);
      }
    }
    if (!keep) {
      closeQuietly(c);
    }
    permits.release();
  }

  /** Closes a connection that failed (or may be in an unknown state) instead of lending it again. */
  void discard(Connection c) {
    closeQuietly(c);
    permits.release();
  }

  /** Closes the idle connections; borrowed ones are closed when given back. Idempotent. */
  @Override
  public void close() {
    Deque<Connection> toClose;
    synchronized (this) {
      closed = true;
      toClose = new ArrayDeque<>(idle);
      idle.clear();
    }
    toClose.forEach(ConnectionPool::closeQuietly);
  }

  synchronized boolean isClosed() {
    return closed;
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      LOG.debug("closing a journal connection failed: {}", e.getMessage());
    }
  }
}
