package io.postflow.cli;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryState;
import io.postflow.pipeline.journal.SqliteDeliveryJournal;
import java.util.Locale;
import picocli.CommandLine.Command;

/** {@code postflow retry ID}: puts a failed or quarantined delivery back in the queue. */
@Command(name = "retry", mixinStandardHelpOptions = true,
    description = {"Put a failed or quarantined delivery back in the queue (after fixing the cause).",
        "The agent takes it at its next start."})
final class RetryCommand extends OneDeliveryCommand {
  @Override
  int act(SqliteDeliveryJournal journal, Delivery delivery) {
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
