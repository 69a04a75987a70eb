package io.postflow.cli;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryState;
import io.postflow.pipeline.journal.SqliteDeliveryJournal;
import java.util.Locale;
import picocli.CommandLine.Command;

/**
 * {@code postflow retry ID}: puts a failed or quarantined delivery back in the queue. Safe while
 * the agent runs: the journal changes the row only if it is still failed or quarantined (no
 * worker holds such a row), and its facts stay, so the agent resumes or adopts what already
 * reached Frame.io instead of uploading it twice.
 */
@Command(name = "retry", mixinStandardHelpOptions = true,
    description = {"Put a failed or quarantined delivery back in the queue (after fixing the cause).",
        "A running agent takes it within seconds; otherwise the agent takes it at its next start."})
final class RetryCommand extends OneDeliveryCommand {
  @Override
  int act(SqliteDeliveryJournal journal, Delivery delivery) {
    if (delivery.state() != DeliveryState.FAILED && delivery.state() != DeliveryState.QUARANTINED) {
      throw CliException.failed("delivery " + id + " is " + delivery.state().name().toLowerCase(Locale.ROOT)
          + ": only failed or quarantined deliveries are retried");
    }
    if (!journal.requeue(id)) {
      throw CliException.failed("delivery " + id + " changed while retrying it: it is "
          + Journals.stateNow(journal, id) + "; see 'postflow deliveries'");
    }
    root.session.out.println("Delivery " + id + " (" + delivery.file().relativePath() + ") is pending again"
        + " (attempts reset, facts kept); a running agent takes it within seconds, otherwise at its next start.");
    return ExitCodes.OK;
  }
}
