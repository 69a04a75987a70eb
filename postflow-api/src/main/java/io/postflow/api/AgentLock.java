package io.postflow.api;

import java.util.function.Supplier;

/**
 * Mutual exclusion among the agents (processes, machines) that share one journal: while one
 * agent runs work under a key, any other agent asking for the same key waits. The
 * {@link StructureManager} creates folders under it, so two agents ensuring the same folder at
 * the same moment create it once: the second finds the first one's folder and adopts it.
 *
 * <p>A shared journal provides one (the PostgreSQL journal: a transaction-scoped advisory lock
 * per key); a single agent needs none, its structure manager serialises its own threads.
 *
 * <p><b>Contract.</b> Thread-safe. The lock is released when {@code work} returns or throws, and
 * also when the agent dies or loses its connection, so a crash never leaves a key locked (the
 * price: an agent cut off in the middle of {@code work} no longer excludes the others).
 */
@FunctionalInterface
public interface AgentLock {

  /**
   * Runs {@code work} while no other agent runs work under {@code key}, and returns its result.
   *
   * @throws JournalException when the lock cannot be taken (the database is unreachable); then
   *     {@code work} did not run
   */
  <T> T underLock(String key, Supplier<T> work);
}
