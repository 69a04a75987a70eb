/**
 * The delivery journal on PostgreSQL, shared by several PostFlow agents: claims with
 * {@code FOR UPDATE SKIP LOCKED}, leases with fencing tokens, and an advisory lock per folder
 * path so agents create each Frame.io folder once. Kept out of {@code postflow-pipeline} so the
 * PostgreSQL driver is only on the class path of the studios that use it.
 */
module io.postflow.journal.postgres {
  requires transitive io.postflow.pipeline;
  requires java.sql;
  requires org.postgresql.jdbc;
  requires org.slf4j;

  exports io.postflow.journal.postgres;

  provides io.postflow.pipeline.journal.DeliveryJournalProvider
      with io.postflow.journal.postgres.PostgresJournalProvider;
}
