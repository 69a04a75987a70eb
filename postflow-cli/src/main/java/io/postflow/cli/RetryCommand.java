package io.postflow.cli;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryState;
import io.postflow.pipeline.journal.SqliteDeliveryJournal;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code postflow retry ID}: puts a failed or quarantined delivery back in the queue. */
@Command(name = "retry", mixinStandardHelpOptions = true,
    description = {"Put a failed or quarantined delivery back in the queue (after fixing the cause).",
        "The agent takes it at its next start."})
final class RetryCommand implements Callable<Integer> {
  @ParentCommand PostflowCommand root;

  @Parameters(paramLabel = "ID", description = "the delivery id ('postflow deliveries' lists them)")
  long id;

  @Override
  public Integer call() {
    try (SqliteDeliveryJournal journal = Journals.open(root)) {
      Delivery delivery = Journals.find(journal, id);
      if (delivery.state() != DeliveryState.FAILED && delivery.state() != DeliveryState.QUARANTINED) {
        throw CliException.failed("delivery " + id + " is " + delivery.state().name().toLowerCase(Locale.ROOT)
            + ": only failed or quarantined deliveries are retried");
      }
      if (!journal.requeue(id)) {
        throw CliException.failed("delivery " + id + " changed while retrying it; see 'postflow deliveries'");
      }
      root.session.out.println("Delivery " + id + " (" + delivery.file().relativePath() + ") is pending again;"
          + " the agent takes it at its next start.");
      return ExitCodes.OK;
    }
  }
}
