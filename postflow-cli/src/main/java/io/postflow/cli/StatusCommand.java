package io.postflow.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postflow.api.Delivery;
import io.postflow.api.DeliveryState;
import io.postflow.pipeline.journal.SqliteDeliveryJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code postflow status}: what the journal holds, in numbers, and what needs a person. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"How many deliveries are in each state, and the ones set aside (failed, quarantined) with why.",
        "Reads the journal, also while the agent runs."})
final class StatusCommand implements Callable<Integer> {
  static final int SET_ASIDE_SHOWN = 10;

  @ParentCommand PostflowCommand root;

  @Option(names = "--json", description = "print one JSON object")
  boolean json;

  @Override
  public Integer call() {
    Path file = Journals.file(root);
    if (!Files.exists(file)) {
      if (json) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("journal", file.toString());
        out.put("exists", false);
        root.session.out.println(Json.pretty(out));
      } else {
        root.session.out.println("Journal " + file + ": none yet (the agent creates it on its first 'postflow run').");
      }
      return ExitCodes.OK;
    }
    try (SqliteDeliveryJournal journal = Journals.read(root)) {
      Map<DeliveryState, Long> counts = journal.counts();
      List<Delivery> setAside = journal.list(EnumSet.of(DeliveryState.FAILED, DeliveryState.QUARANTINED), SET_ASIDE_SHOWN);
      if (json) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("journal", file.toString());
        out.put("exists", true);
        ObjectNode byState = out.putObject("counts");
        for (DeliveryState state : DeliveryState.values()) {
          byState.put(state.name().toLowerCase(Locale.ROOT), counts.getOrDefault(state, 0L));
        }
        journal.nextDue().ifPresent(t -> out.put("next_due", t.toString()));
        setAside.forEach(d -> out.withArray("set_aside").add(Journals.json(d)));
        root.session.out.println(Json.pretty(out));
        return ExitCodes.OK;
      }
      root.session.out.println("Journal " + file);
      long total = 0;
      for (DeliveryState state : DeliveryState.values()) {
        long n = counts.getOrDefault(state, 0L);
        total += n;
        root.session.out.printf("  %-12s %,d%n", state.name().toLowerCase(Locale.ROOT), n);
      }
      root.session.out.printf("  %-12s %,d%n", "total", total);
      journal.nextDue().ifPresent(t -> root.session.out.println("  next retry   " + t));
      if (!setAside.isEmpty()) {
        root.session.out.println("Set aside (newest first; 'postflow retry ID' after fixing the cause):");
        setAside.forEach(d -> root.session.out.println(Journals.line(d)));
      }
      return ExitCodes.OK;
    }
  }
}
