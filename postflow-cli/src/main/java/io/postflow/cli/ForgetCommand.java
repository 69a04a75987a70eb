package io.postflow.cli;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryState;
import io.postflow.pipeline.journal.SqliteDeliveryJournal;
import java.util.Locale;
import picocli.CommandLine.Command;

/**
 * {@code postflow forget ID}: removes a delivery from the journal. Never one a worker holds (in
 * progress): the journal deletes the row only if no lease is on it at that moment, so an upload
 * in flight is never orphaned (and then repeated) by a forget beside the running agent.
 */
@Command(name = "forget", mixinStandardHelpOptions = true,
    description = {"Remove a delivery from the journal (never one in progress).",
        "If its file is still in the watched folder, the agent takes it as new at its next start (a running",
        "agent remembers it saw that version) and uploads it again."})
final class ForgetCommand extends OneDeliveryCommand {
  @Override
  int act(SqliteDeliveryJournal journal, Delivery delivery) {
    if (delivery.state() == DeliveryState.IN_PROGRESS) {
      throw inProgress(delivery);
    }
    if (!journal.forget(id)) {
      Delivery now = journal.find(id).orElse(null);
      if (now != null && now.state() == DeliveryState.IN_PROGRESS) {
        throw inProgress(now); // a worker claimed it between the look and the delete
      }
      throw CliException.failed("delivery " + id + " changed while forgetting it: it is "
          + Journals.stateNow(journal, id) + "; see 'postflow deliveries'");
    }
    root.session.out.println("Forgot delivery " + id + " (" + delivery.file().relativePath() + ", was "
        + delivery.state().name().toLowerCase(Locale.ROOT) + ")"
        + delivery.facts().fileId().map(f -> "; its Frame.io file " + f + " is left as it is").orElse("") + ".");
    return ExitCodes.OK;
  }

  private CliException inProgress(Delivery d) {
    String holder = d.owner().map(o -> "worker " + o).orElse("a worker");
    String until = d.leaseExpiresAt().map(t -> t.isBefore(root.session.clock.instant())
        ? " (its lease ran out at " + t + ": that agent stopped without ending it)"
        : " (lease until " + t + ")").orElse("");
    return new CliException(ExitCodes.FAILED, "delivery " + id + " (" + d.file().relativePath()
        + ") is in progress: " + holder + " holds it" + until + "; forgetting it now could upload it twice",
        "wait until it ends ('postflow deliveries --state in_progress' shows it), then forget it; a delivery"
            + " whose agent stopped is pending again at the agent's next start");
  }
}
