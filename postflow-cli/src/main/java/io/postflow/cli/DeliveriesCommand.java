package io.postflow.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.postflow.api.Delivery;
import io.postflow.api.DeliveryState;
import io.postflow.pipeline.journal.SqliteDeliveryJournal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code postflow deliveries}: the journal's deliveries, newest first. */
@Command(name = "deliveries", mixinStandardHelpOptions = true,
    description = "List deliveries from the journal, newest first.")
final class DeliveriesCommand implements Callable<Integer> {
  @ParentCommand PostflowCommand root;

  @Option(names = "--state", split = ",", paramLabel = "STATE",
      description = "only these states: ${COMPLETION-CANDIDATES} (repeat or separate with commas)")
  List<DeliveryState> states = List.of();

  @Option(names = "--shot", paramLabel = "SHOT", description = "only this shot's deliveries (e.g. UNDLM_00042), oldest first")
  String shot;

  @Option(names = "--limit", paramLabel = "N", description = "at most N (default ${DEFAULT-VALUE})")
  int limit = 50;

  @Option(names = "--json", description = "print a JSON array")
  boolean json;

  @Override
  public Integer call() {
    if (limit < 1) {
      throw CliException.usage("--limit must be at least 1, was " + limit);
    }
    Set<DeliveryState> wanted = states.isEmpty() ? EnumSet.noneOf(DeliveryState.class) : EnumSet.copyOf(states);
    try (SqliteDeliveryJournal journal = Journals.read(root)) {
      List<Delivery> found = shot != null
          ? journal.byShot(shot, wanted).stream().limit(limit).collect(java.util.stream.Collectors.toList())
          : journal.list(wanted, limit);
      if (json) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        found.forEach(d -> array.add(Journals.json(d)));
        root.session.out.println(Json.pretty(array));
      } else if (found.isEmpty()) {
        root.session.out.println("No deliveries" + (wanted.isEmpty() ? "" : " in " + wanted) + (shot == null ? "" : " of " + shot) + ".");
      } else {
        found.forEach(d -> root.session.out.println(Journals.line(d)));
      }
      return ExitCodes.OK;
    }
  }
}
