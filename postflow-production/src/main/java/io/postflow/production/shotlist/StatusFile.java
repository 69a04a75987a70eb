package io.postflow.production.shotlist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postflow.api.InvalidInputException;
import io.postflow.api.ShotStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
 * <p>Saved atomically: written to a temporary file in the same folder, flushed to disk, then moved
 * over the old one, so a crash leaves the old file or the new one, never half of one.
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
   * @throws InvalidInputException naming the file when it is not a status file
   * @throws UncheckedIOException when it cannot be read
   */
  Map<String, ShotStatus> load() {
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
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
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

  /** Replaces the file atomically with {@code statuses}. @throws UncheckedIOException on failure */
  void save(Map<String, ShotStatus> statuses) {
    ObjectNode root = JSON.createObjectNode().put("format", FORMAT);
    ObjectNode node = root.putObject("statuses");
    new TreeMap<>(statuses).forEach((k, v) -> node.put(k, v.name()));
    Path dir = path.toAbsolutePath().getParent();
    Path temp = null;
    try {
      temp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
      byte[] bytes = JSON.writeValueAsBytes(root);
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(java.nio.ByteBuffer.wrap(bytes));
        ch.force(true);
      }
      try {
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // the move succeeded or the write failed; a stray .tmp is harmless and named clearly
        }
      }
    }
  }
}
