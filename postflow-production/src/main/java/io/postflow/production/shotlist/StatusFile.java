package io.postflow.production.shotlist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postflow.api.InvalidInputException;
import io.postflow.api.LocalFileException;
import io.postflow.api.ShotStatus;
import io.postflow.api.internal.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The review statuses of a shot list, in a JSON side-file next to the CSV
 * ({@code shots.csv.postflow-status.json}), because the CSV belongs to the production's spreadsheet
 * and is never written. Shots absent from the file are {@link ShotStatus#PENDING}.
 *
 * <pre>{"format":"postflow-shot-status/1","statuses":{"KRAK_00042":"APPROVED"}}</pre>
 *
 * <p>Saved through {@link AtomicFiles}: written whole to a temporary file in the same folder, forced
 * to disk, moved over the old one and the folder forced, so a crash or a full disk leaves the old
 * file or the new one, never half of one; a failed save throws and changes nothing. The file keeps
 * the permissions the studio gave it. Opening deletes the temporary files a crash left.
 */
final class StatusFile {
  static final String FORMAT = "postflow-shot-status/1";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path path;

  StatusFile(Path csv) {
    this.path = csv.resolveSibling(csv.getFileName() + ".postflow-status.json");
  }

  Path path() {
    return path;
  }

  /**
   * The statuses by nomenclature as written; empty when there is no file yet.
   *
   * Deletes first what interrupted writes left beside it ({@link AtomicFiles#deleteTemporaryFiles}).
   *
   * @throws InvalidInputException naming the file when it is not a status file
   * @throws LocalFileException naming it when it cannot be read
   */
  Map<String, ShotStatus> load() {
    AtomicFiles.deleteTemporaryFiles(path);
    if (!Files.exists(path)) {
      return Map.of();
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
    if (root == null || !FORMAT.equals(root.path("format").asText()) || !root.path("statuses").isObject()) {
      throw new InvalidInputException(path.toString(), 0, "format",
          "not a PostFlow status file (expected \"format\": \"" + FORMAT + "\" and a \"statuses\" object)");
    }
    Map<String, ShotStatus> statuses = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.get("statuses").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      try {
        statuses.put(e.getKey(), ShotStatus.valueOf(e.getValue().asText()));
      } catch (IllegalArgumentException bad) {
        throw new InvalidInputException(path.toString(), 0, e.getKey(),
            "unknown status '" + e.getValue().asText() + "'");
      }
    }
    return statuses;
  }

  /**
   * Replaces the file with {@code statuses} through {@link AtomicFiles}: every byte written and
   * forced to disk before the new copy replaces the old one, so a full disk leaves the good copy
   * as it was and fails.
   *
   * @throws LocalFileException naming the file when it cannot be written
   */
  void save(Map<String, ShotStatus> statuses) {
    ObjectNode root = JSON.createObjectNode().put("format", FORMAT);
    ObjectNode node = root.putObject("statuses");
    new TreeMap<>(statuses).forEach((k, v) -> node.put(k, v.name()));
    try {
      AtomicFiles.write(path, JSON.writeValueAsBytes(root));
    } catch (IOException e) {
      throw new LocalFileException("cannot write the shot list status file", path, e);
    }
  }
}
