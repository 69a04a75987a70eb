/**
 * Delivery journals: the pipeline's record of every file version seen and its work queue. The
 * embedded default is {@link io.postflow.pipeline.journal.SqliteDeliveryJournal}, one SQLite file
 * on the agent's local disk.
 *
 * <pre>{@code
 * DeliveryJournal journal = SqliteDeliveryJournal.builder()
 *     .file(Path.of("/var/lib/postflow/journal.db"))
 *     .clock(clock)
 *     .open();
 * }</pre>
 *
 * <p>See {@code docs/journal.md} for the states, the schema and the durability guarantees.
 */
package io.postflow.pipeline.journal;
