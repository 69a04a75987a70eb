package io.postflow.journal.postgres;

import io.postflow.api.JournalException;
import io.postflow.api.Sleeper;
import io.postflow.pipeline.journal.internal.JournalDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's PostgreSQL database: each read or write is one transaction on a pooled
 * connection. The claim locks the row it picks ({@code FOR UPDATE SKIP LOCKED}), so concurrent
 * claimers, in this process or on other machines, each take a different delivery without waiting
 * for one another.
 *
 * <p><b>Reconnecting.</b> When the connection is lost (the server restarted, the network
 * dropped) before the transaction was committed, the server has rolled it back: the work is run
 * again on a new connection, waiting with back-off until {@code reconnectWindow} has passed. A
 * connection lost while committing is not retried (the commit may have happened): that call fails
 * with a retryable {@link JournalException} and the pipeline's own retry and lease expiry take it
 * from there.
 */
final class PostgresDatabase implements JournalDatabase {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresDatabase.class);
  private static final Duration FIRST_PAUSE = Duration.ofMillis(50);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);

  private final ConnectionPool pool;
  private final String name;
  private final Duration reconnectWindow;
  private final Sleeper sleeper;

  PostgresDatabase(ConnectionPool pool, String name, Duration reconnectWindow, Sleeper sleeper) {
    this.pool = pool;
    this.name = name;
    this.reconnectWindow = reconnectWindow;
    this.sleeper = sleeper;
  }

  @Override
  public <T> T read(String doing, Work<T> work) {
    return transaction(doing, work, true);
  }

  @Override
  public <T> T write(String doing, Work<T> work) {
    return transaction(doing, work, false);
  }

  @Override
  public String claimLock() {
    return " FOR UPDATE SKIP LOCKED";
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * Runs {@code work} while no other agent runs work under the same key: a transaction-scoped
   * advisory lock, released by the commit, or by the server when this agent's connection dies.
   */
  <T> T underLock(String key, Supplier<T> work) {
    long lockKey = AdvisoryKeys.of(key);
    AtomicReference<Optional<T>> done = new AtomicReference<>(Optional.empty());
    try {
      return transaction("taking the lock on " + key, c -> {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
          lock.setLong(1, lockKey);
          lock.execute();
        }
        T result = work.get();
        done.set(Optional.of(result));
        return result;
      }, false);
    } catch (JournalException e) {
      // The work was done; only releasing the lock failed, and the server releases it with the
      // lost connection. (A null result is not kept: then the caller sees the failure.)
      if (done.get().isPresent()) {
        return done.get().get();
      }
      throw e;
    }
  }

  /**
   * Runs {@code work} in one transaction, again on a new connection when it failed in a way that
   * kept nothing: before the commit, or at any point for work that only reads.
   */
  private <T> T transaction(String doing, Work<T> work, boolean readOnly) {
    long deadline = System.nanoTime() + reconnectWindow.toNanos();
    Duration pause = FIRST_PAUSE;
    while (true) {
      Connection c;
      try {
        c = pool.borrow(deadline);
      } catch (SQLException e) {
        if (PostgresFailures.retryable(e) && System.nanoTime() < deadline) {
          pause = pause(doing, e, pause);
          continue;
        }
        throw PostgresFailures.failure(name, doing, e, false);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new JournalException(name + ": " + doing + " was interrupted", e, true);
      }
      boolean committing = false;
      try {
        T result = work.run(c);
        committing = true;
        c.commit();
        pool.giveBack(c);
        return result;
      } catch (SQLException e) {
        rollback(c, e);
        if (PostgresFailures.connectionLost(e)) {
          pool.discard(c);
        } else {
          pool.giveBack(c);
        }
        if ((readOnly || !committing) && PostgresFailures.retryable(e) && System.nanoTime() < deadline) {
          pause = pause(doing, e, pause);
          continue;
        }
        throw PostgresFailures.failure(name, doing, e, committing && !readOnly);
      } catch (RuntimeException | Error e) {
        rollback(c, e);
        pool.giveBack(c);
        throw e;
      }
    }
  }

  private Duration pause(String doing, SQLException e, Duration pause) {
    LOG.debug("{}: {} failed ({}, SQLSTATE {}); trying again in {} ms", name, doing, e.getMessage(),
        e.getSQLState(), pause.toMillis());
    try {
      sleeper.sleep(pause);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new JournalException(name + ": " + doing + " was interrupted", interrupted, true);
    }
    Duration next = pause.multipliedBy(2);
    return next.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : next;
  }

  private static void rollback(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
