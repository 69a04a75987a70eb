package io.postflow.production.shotlist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postflow.api.InvalidInputException;
import io.postflow.api.LocalFileException;
import io.postflow.api.ShotStatus;
import io.postflow.api.StatusChange;
import io.postflow.api.internal.AtomicFiles;
import io.postflow.production.workflow.Workflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The workflow statuses of a shot list and each shot's history, in a JSON side-file next to the
 * CSV ({@code shots.csv.postflow-status.json}), because the CSV belongs to the production's
 * spreadsheet and is never written. Shots absent from the file are at the workflow's first status.
 *
 * <pre>{@code
 * {"format": "postflow-shot-status/2", "workflow": "standard",
 *  "statuses": {"KRAK_00042": "review_uploaded",
 *               "KRAK_00043": {"status": "blocked", "from": "ae_in_progress"}},
 *  "history": {"KRAK_00042": [{"from": "pending", "to": "review_uploaded",
 *               "at": "2026-01-05T10:00:00Z", "source": "pipeline", "actor": "agent-1"}]}}
 * }</pre>
 *
 * <p>Files of format 1 ({@code "statuses": {"KRAK_00042": "APPROVED"}}, PostFlow's old status
 * enum) are read and migrated: {@code PENDING}, {@code UPLOADING} and {@code UPLOAD_FAILED} (upload
 * outcomes are journal facts now) become the workflow's first status, {@code REVIEW_UPLOADED} its
 * delivered status, {@code APPROVED} its approved status; the next save writes format 2.
 *
 * <p>Saved through {@link AtomicFiles}: written whole to a temporary file in the same folder, forced
 * to disk, moved over the old one and the folder forced, so a crash or a full disk leaves the old
 * file or the new one, never half of one; a failed save throws and changes nothing. The file keeps
 * the permissions the studio gave it. Opening deletes the temporary files a crash left.
 */
final class StatusFile {
  static final String FORMAT = "postflow-shot-status/2";
  static final String FORMAT_1 = "postflow-shot-status/1";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** What the file holds: statuses and histories by nomenclature as written. */
  record Content(Map<String, ShotStatus> statuses, Map<String, List<StatusChange>> history) {}

  private final Path path;
  private final Workflow workflow;

  StatusFile(Path csv, Workflow workflow) {
    this.path = csv.resolveSibling(csv.getFileName() + ".postflow-status.json");
    this.workflow = workflow;
  }

  Path path() {
    return path;
  }

  /**
   * The statuses and histories; empty when there is no file yet.
   *
   * Deletes first what interrupted writes left beside it ({@link AtomicFiles#deleteTemporaryFiles}).
   *
   * @throws InvalidInputException naming the file (and the shot) when it is not a status file or
   *     holds a status the workflow does not have
   * @throws LocalFileException naming it when it cannot be read
   */
  Content load() {
    AtomicFiles.deleteTemporaryFiles(path);
    if (!Files.exists(path)) {
      return new Content(Map.of(), Map.of());
    }
    JsonNode root;
    try {
      root = JSON.readTree(path.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidInputException(path.toString(), e.getLocation() == null ? 0
          : e.getLocation().getLineNr(), null, "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new LocalFileException("cannot read the shot list status file", path, e);
    }
    String format = root == null ? "" : root.path("format").asText();
    boolean legacy = FORMAT_1.equals(format);
    if (!(legacy || FORMAT.equals(format)) || !root.path("statuses").isObject()) {
      throw new InvalidInputException(path.toString(), 0, "format",
          "not a PostFlow status file (expected \"format\": \"" + FORMAT + "\" and a \"statuses\" object)");
    }
    Map<String, ShotStatus> statuses = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.get("statuses").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String field = "statuses." + e.getKey();
      statuses.put(e.getKey(), legacy ? legacy(e.getValue(), field) : status(e.getValue(), field));
    }
    Map<String, List<StatusChange>> history = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("history").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      List<StatusChange> changes = new ArrayList<>();
      int i = 0;
      for (JsonNode change : e.getValue()) {
        changes.add(change(e.getKey(), change, "history." + e.getKey() + "[" + i++ + "]"));
      }
      history.put(e.getKey(), List.copyOf(changes));
    }
    return new Content(statuses, history);
  }

  /**
   * Replaces the file through {@link AtomicFiles}: every byte written and forced to disk before
   * the new copy replaces the old one, so a full disk leaves the good copy as it was and fails.
   * Shots at {@code initial} without history are left out.
   *
   * @throws LocalFileException naming the file when it cannot be written
   */
  void save(Map<String, ShotStatus> statuses, Map<String, List<StatusChange>> history) {
    ObjectNode root = JSON.createObjectNode().put("format", FORMAT).put("workflow", workflow.source());
    ObjectNode statusNode = root.putObject("statuses");
    new TreeMap<>(statuses).forEach((k, v) -> statusNode.set(k, write(v)));
    ObjectNode historyNode = root.putObject("history");
    new TreeMap<>(history).forEach((k, changes) -> {
      ArrayNode list = historyNode.putArray(k);
      for (StatusChange c : changes) {
        ObjectNode node = list.addObject();
        node.set("from", write(c.from()));
        node.set("to", write(c.to()));
        node.put("at", c.at().toString()).put("source", c.source().name().toLowerCase(Locale.ROOT));
        c.actor().ifPresent(a -> node.put("actor", a));
        c.note().ifPresent(n -> node.put("note", n));
      }
    });
    try {
      AtomicFiles.write(path, JSON.writeValueAsBytes(root));
    } catch (IOException e) {
      throw new LocalFileException("cannot write the shot list status file", path, e);
    }
  }

  private static JsonNode write(ShotStatus status) {
    if (!status.isBlocked()) {
      return JSON.getNodeFactory().textNode(status.name());
    }
    return JSON.createObjectNode().put("status", status.name()).put("from", status.blockedFrom().get().name());
  }

  private ShotStatus status(JsonNode node, String field) {
    try {
      if (node.isTextual()) {
        return workflow.status(node.asText(), null);
      }
      if (node.isObject() && node.path("status").isTextual()) {
        return workflow.status(node.get("status").asText(), node.path("from").textValue());
      }
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(path.toString(), 0, field, e.getMessage());
    }
    throw new InvalidInputException(path.toString(), 0, field,
        "must be a status name or {\"status\": \"blocked\", \"from\": ...}, was " + node);
  }

  private ShotStatus legacy(JsonNode node, String field) {
    String name = node.asText();
    ShotStatus old;
    try {
      old = ShotStatus.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(path.toString(), 0, field, "unknown status '" + name + "'");
    }
    if (old.equals(ShotStatus.REVIEW_APPROVED)) {
      return workflow.approved();
    }
    if (old.equals(ShotStatus.REVIEW_UPLOADED)) {
      return workflow.delivered();
    }
    return workflow.status(old.name()).orElse(workflow.initial());
  }

  private StatusChange change(String shot, JsonNode node, String field) {
    try {
      return StatusChange.builder().shot(shot)
          .from(status(node.path("from"), field + ".from"))
          .to(status(node.path("to"), field + ".to"))
          .at(Instant.parse(node.path("at").asText()))
          .source(StatusChange.Source.valueOf(node.path("source").asText().toUpperCase(Locale.ROOT)))
          .actor(Optional.ofNullable(node.path("actor").textValue()))
          .note(Optional.ofNullable(node.path("note").textValue()))
          .build();
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new InvalidInputException(path.toString(), 0, field, "not a status change: " + e.getMessage());
    }
  }
}
