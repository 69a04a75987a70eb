/**
 * PostFlow's pipeline: the {@code PostFlow.builder()} facade and the journal-driven orchestrator
 * that moves renders from the filespace into Frame.io, over the production data of
 * {@code io.postflow.production} and the Frame.io, tunnel and LucidLink modules. Requiring it gives
 * all of them.
 */
module io.postflow.pipeline {
  requires transitive io.postflow.api;
  requires transitive io.postflow.production;
  requires transitive io.postflow.frameio;
  requires transitive io.postflow.tunnel;
  requires transitive io.postflow.lucidlink;
  requires transitive io.postflow.notify;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires java.sql;
  requires java.management; // the heap alert reads the memory pools
  requires org.xerial.sqlitejdbc;
  requires static org.immutables.value.annotations;
  // Optional: only an application that gives PostFlow a MeterRegistry needs Micrometer.
  requires static micrometer.core;

  exports io.postflow.pipeline;
  exports io.postflow.pipeline.journal;
  // The SQL and the JDBC journal core the journal modules share; not API. A module named here
  // that is not on the module path (yet) is only a javac warning.
  exports io.postflow.pipeline.journal.internal to io.postflow.journal.postgres;
  // POSTFLOW_JOURNAL_URL finds its journal module through this service.
  uses io.postflow.pipeline.journal.DeliveryJournalProvider;
  // io.postflow.pipeline.engine (the orchestrator's insides) and io.postflow.pipeline.review (the
  // Frame.io review loop's) are deliberately not exported.
}
