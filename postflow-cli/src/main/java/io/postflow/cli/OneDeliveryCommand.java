package io.postflow.cli;

import io.postflow.api.Delivery;
import io.postflow.pipeline.journal.SqliteDeliveryJournal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** A command that acts on one delivery of the journal, named by its id: {@code retry}, {@code forget}. */
abstract class OneDeliveryCommand implements Callable<Integer> {
  @ParentCommand PostflowCommand root;

  @Parameters(paramLabel = "ID", description = "the delivery id ('postflow deliveries' lists them)")
  long id;

  @Override
  public final Integer call() {
    try (SqliteDeliveryJournal journal = Journals.write(root)) {
      return act(journal, Journals.find(journal, id));
    }
  }

  /** Does the command's work on {@code delivery}; returns the exit status. */
  abstract int act(SqliteDeliveryJournal journal, Delivery delivery);
}
