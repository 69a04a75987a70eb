package io.postflow.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postflow.api.Delivery;
import io.postflow.pipeline.journal.SqliteDeliveryJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The agent's journal for the commands that read it or act on it, opened beside the agent that
 * may be running ({@link SqliteDeliveryJournal.Builder#besideAgent()}): no lock taken, so they
 * work while {@code postflow run} holds the journal and never keep an agent from starting. Never
 * creates a journal: one that does not exist yet means the agent has not run.
 */
final class Journals {
  private Journals() {}

  static Path file(PostflowCommand root) {
    return root.configuration().journalFile();
  }

  /**
   * Opens the configured journal read-only, for the commands that only look.
   *
   * @throws CliException when there is none yet (exit 1), naming the file
   */
  static SqliteDeliveryJournal read(PostflowCommand root) {
    return SqliteDeliveryJournal.builder().file(existing(root)).readOnly().open();
  }

  /**
   * Opens the configured journal for {@code retry} and {@code forget}: their writes are single
   * transactions whose conditions leave a delivery a worker holds alone.
   *
   * @throws CliException when there is none yet (exit 1), naming the file
   */
  static SqliteDeliveryJournal write(PostflowCommand root) {
    return SqliteDeliveryJournal.builder().file(existing(root)).besideAgent().open();
  }

  private static Path existing(PostflowCommand root) {
    Path file = file(root);
    if (!Files.exists(file)) {
      throw new CliException(ExitCodes.FAILED, "no journal at " + file + " yet",
          "the agent creates it on its first start ('postflow run'); POSTFLOW_JOURNAL names another one");
    }
    return file;
  }

  /** The delivery {@code id}, or a failure naming it. */
  static Delivery find(SqliteDeliveryJournal journal, long id) {
    return journal.find(id).orElseThrow(() -> CliException.failed("no delivery " + id + " in the journal"
        + " ('postflow deliveries' lists them)"));
  }

  /** The delivery's state now, in words: after a conditional write found it changed. */
  static String stateNow(SqliteDeliveryJournal journal, long id) {
    return journal.find(id).map(d -> d.state().name().toLowerCase(Locale.ROOT)
        + d.owner().map(o -> " (held by " + o + ")").orElse("")).orElse("gone");
  }

  /** One line per delivery, for people. */
  static String line(Delivery d) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%6d  %-11s  %s", d.id(),
        d.state().name().toLowerCase(Locale.ROOT), d.file().relativePath()));
    d.facts().shot().ifPresent(s -> line.append("  shot ").append(s)
        .append(d.facts().version().map(v -> " v" + v).orElse("")));
    d.facts().fileId().ifPresent(id -> line.append("  file ").append(id));
    if (d.attempts() > 0) {
      line.append("  attempts ").append(d.attempts());
    }
    d.reason().ifPresent(r -> line.append("  - ").append(r));
    return line.toString();
  }

  /** A delivery for {@code --json}. */
  static ObjectNode json(Delivery d) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("id", d.id());
    node.put("state", d.state().name().toLowerCase(Locale.ROOT));
    node.put("root", d.file().root());
    node.put("path", d.file().relativePath());
    node.put("size", d.file().sizeBytes());
    node.put("modified", d.file().lastModified().toString());
    node.put("attempts", d.attempts());
    d.reason().ifPresent(r -> node.put("reason", r));
    d.notBefore().ifPresent(t -> node.put("not_before", t.toString()));
    d.owner().ifPresent(o -> node.put("owner", o));
    node.put("recorded_at", d.recordedAt().toString());
    node.put("updated_at", d.updatedAt().toString());
    d.facts().shot().ifPresent(s -> node.put("shot", s));
    d.facts().version().ifPresent(v -> node.put("version", v));
    d.facts().folderPath().ifPresent(f -> node.put("folder", f));
    d.facts().fileId().ifPresent(f -> node.put("file_id", f));
    d.facts().sha256().ifPresent(h -> node.put("sha256", h));
    d.facts().versionStackId().ifPresent(v -> node.put("version_stack_id", v));
    return node;
  }
}
