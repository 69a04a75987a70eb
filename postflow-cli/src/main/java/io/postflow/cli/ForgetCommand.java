package io.postflow.cli;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryState;
import io.postflow.pipeline.journal.SqliteDeliveryJournal;
import java.util.Locale;
import picocli.CommandLine.Command;

/** {@code postflow forget ID}: removes a delivery from the journal. */
@Command(name = "forget", mixinStandardHelpOptions = true,
    description = {"Remove a delivery from the journal (not one in progress).",
        "If its file is still in the watched folder, the agent's next scan takes it as new: uploaded again."})
final class ForgetCommand extends OneDeliveryCommand {
  @Override
  int act(SqliteDeliveryJournal journal, Delivery delivery) {
    if (delivery.state() == DeliveryState.IN_PROGRESS || !journal.forget(id)) {
      throw CliException.failed("delivery " + id + " is in progress: a worker holds it");
    }
    root.session.out.println("Forgot delivery " + id + " (" + delivery.file().relativePath() + ", was "
        + delivery.state().name().toLowerCase(Locale.ROOT) + ")"
        + delivery.facts().fileId().map(f -> "; its Frame.io file " + f + " is left as it is").orElse("") + ".");
    return ExitCodes.OK;
  }
}
