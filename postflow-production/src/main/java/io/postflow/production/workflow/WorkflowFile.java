package io.postflow.production.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postflow.api.InvalidInputException;
import io.postflow.api.ShotStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the JSON workflow file. Every mistake is an {@link InvalidInputException} naming the file
 * and the field ({@code stages[1].statuses[0]}, {@code transitions.ae_ready[2]}), because a
 * coordinator edits this file by hand.
 *
 * <pre>{@code
 * {"format": "postflow-workflow/1",
 *  "stages": [{"name": "source", "statuses": ["pending", "sources_verified"]}, ...],
 *  "delivered": "review_uploaded", "approved": "review_approved",
 *  "transitions": {"pending": ["sources_verified", "@after_effects"], "*": ["review_uploaded"]}}
 * }</pre>
 *
 * In transitions, {@code "*"} as a key means every status and {@code "@stage"} (key or target)
 * every status of that stage.
 */
final class WorkflowFile {
  static final String FORMAT = "postflow-workflow/1";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FIELDS = Set.of("format", "description", "stages", "delivered", "approved",
      "transitions");

  private final String source;

  private WorkflowFile(String source) {
    this.source = source;
  }

  static Workflow parse(byte[] json, String source) {
    return new WorkflowFile(source).read(json);
  }

  private Workflow read(byte[] json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(source, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null,
          "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidInputException(source, 0, null, "cannot be read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw bad(null, "a workflow file is a JSON object");
    }
    if (!FORMAT.equals(root.path("format").asText())) {
      throw bad("format", "must be \"" + FORMAT + "\"");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!FIELDS.contains(field)) {
        throw bad(field, "unknown field (known: " + String.join(", ", FIELDS) + ")");
      }
    }
    List<String> stages = new ArrayList<>();
    List<ShotStatus> statuses = new ArrayList<>();
    JsonNode stageNodes = root.path("stages");
    if (!stageNodes.isArray() || stageNodes.isEmpty()) {
      throw bad("stages", "must be a non-empty array of {\"name\", \"statuses\"}");
    }
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < stageNodes.size(); i++) {
      JsonNode stage = stageNodes.get(i);
      String field = "stages[" + i + "]";
      String stageName = name(stage.path("name"), field + ".name");
      if (stages.contains(stageName)) {
        throw bad(field + ".name", "stage '" + stageName + "' is defined twice");
      }
      stages.add(stageName);
      JsonNode list = stage.path("statuses");
      if (!list.isArray() || list.isEmpty()) {
        throw bad(field + ".statuses", "must be a non-empty array of status names");
      }
      for (int j = 0; j < list.size(); j++) {
        String statusField = field + ".statuses[" + j + "]";
        String name = name(list.get(j), statusField);
        if (name.equals(ShotStatus.BLOCKED_NAME)) {
          throw bad(statusField, "'blocked' is built in (every status may be blocked); do not list it");
        }
        if (!names.add(name)) {
          throw bad(statusField, "status '" + name + "' is defined twice");
        }
        statuses.add(ShotStatus.of(name, stageName));
      }
    }
    ShotStatus delivered = known(root.path("delivered"), "delivered", statuses);
    ShotStatus approved = known(root.path("approved"), "approved", statuses);
    Map<String, Set<String>> transitions = transitions(root.path("transitions"), stages, statuses);
    Workflow workflow = new Workflow(source, stages, statuses, transitions, delivered, approved);
    if (!workflow.allows(delivered, approved)) {
      throw bad("transitions." + delivered.name(), "must allow '" + approved.name()
          + "', or a reviewer's approval of a delivered version could never be recorded");
    }
    return workflow;
  }

  private Map<String, Set<String>> transitions(JsonNode node, List<String> stages, List<ShotStatus> statuses) {
    if (!node.isObject()) {
      throw bad("transitions", "must be an object: status (or \"*\", \"@stage\") -> array of statuses it may go to");
    }
    Map<String, Set<String>> transitions = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String field = "transitions." + entry.getKey();
      List<String> from = expand(entry.getKey(), field, stages, statuses, true);
      JsonNode targets = entry.getValue();
      if (!targets.isArray()) {
        throw bad(field, "must be an array of statuses (or \"@stage\")");
      }
      Set<String> to = new LinkedHashSet<>();
      for (int i = 0; i < targets.size(); i++) {
        String target = targets.get(i).isTextual() ? targets.get(i).asText() : "";
        to.addAll(expand(target, field + "[" + i + "]", stages, statuses, false));
      }
      for (String status : from) {
        transitions.computeIfAbsent(status, k -> new LinkedHashSet<>()).addAll(to);
      }
    }
    return transitions;
  }

  private List<String> expand(String token, String field, List<String> stages, List<ShotStatus> statuses,
      boolean star) {
    List<String> names = new ArrayList<>();
    if (star && token.equals("*")) {
      statuses.forEach(s -> names.add(s.name()));
    } else if (token.startsWith("@")) {
      String stage = token.substring(1);
      if (!stages.contains(stage)) {
        throw bad(field, "'" + token + "' names no stage (stages: " + String.join(", ", stages) + ")");
      }
      statuses.stream().filter(s -> s.stage().equals(stage)).forEach(s -> names.add(s.name()));
    } else if (statuses.stream().anyMatch(s -> s.name().equals(token))) {
      names.add(token);
    } else if (token.equals(ShotStatus.BLOCKED_NAME)) {
      throw bad(field, "'blocked' is built in: every status may be blocked and go back; do not list it");
    } else {
      throw bad(field, "'" + token + "' is not a status of this workflow (statuses: "
          + Workflow.names(statuses) + ")");
    }
    return names;
  }

  private ShotStatus known(JsonNode node, String field, List<ShotStatus> statuses) {
    String name = name(node, field);
    return statuses.stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> bad(field, "'" + name + "' is not a status of this workflow"));
  }

  private String name(JsonNode node, String field) {
    String value = node.isTextual() ? node.asText() : null;
    if (value == null || !value.matches("[a-z][a-z0-9_]{0,63}")) {
      throw bad(field, "must be a name of lower case letters, digits and underscores, was "
          + (node.isMissingNode() ? "missing" : node.toString()));
    }
    return value;
  }

  private InvalidInputException bad(String field, String message) {
    return new InvalidInputException(source, 0, field, message);
  }
}
