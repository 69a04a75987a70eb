/**
 * The delivery journal on PostgreSQL, for several PostFlow agents sharing the upload work of one
 * filespace: {@link io.postflow.journal.postgres.PostgresDeliveryJournal}.
 *
 * <pre>{@code
 * PostgresDeliveryJournal journal = PostgresDeliveryJournal.builder()
 *     .url("jdbc:postgresql://db.studio.lan/postflow").user("postflow").password(secret)
 *     .open();
 * }</pre>
 *
 * <p>See {@code docs/scaling.md}.
 */
package io.postflow.journal.postgres;
