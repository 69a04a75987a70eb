package io.postflow.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Custom metadata: account field definitions (list, create, delete), a file's metadata (show) and
 * the project's bulk update of values, with the documented limits ({@code field_definitions.create}
 * and {@code bulk_update} 10 per minute, {@code field_definitions.delete} 60, the reads 100).
 *
 * <p>Bodies are checked like the OpenAPI schemas: {@code name} 1 to 250 characters,
 * {@code field_type} one of the ten types, {@code field_configuration} required where the
 * document requires it, select options 1 to 50 with a {@code display_name}; bulk updates take 1
 * to 100 {@code file_ids} of the project and 1 to 100 {@code values}, each for an existing
 * definition and of its type (select values are lists of option ids, at most one for
 * {@code select}). Each updated file emits {@code metadata.value.updated} with the file as its
 * resource (what Frame.io puts there is undocumented; a receiver should read the file's metadata).
 * A second definition of an existing name is refused with 422 (undocumented either way).
 */
final class MetadataHandler {
  static final Set<String> FIELD_TYPES = Set.of("text", "long_text", "select", "select_multi", "rating", "number",
      "toggle", "date", "user_multi", "user_single");
  private static final Set<String> NEEDS_CONFIGURATION = Set.of("select", "select_multi", "rating", "number",
      "date", "user_multi", "user_single");

  private final SandboxStore store;
  private final Views views;
  private final WebhookEvents events;

  MetadataHandler(SandboxStore store, Views views, WebhookEvents events) {
    this.store = store;
    this.views = views;
    this.events = events;
  }

  void register(Router router) {
    String definitions = "/v4/accounts/{account_id}/metadata/field_definitions";
    router.add("GET", definitions, "metadata.field_definitions.index", RateLimit.HUNDRED_PER_MINUTE, r -> {
      List<String> includes = r.includes(Set.of("creator"));
      return store.locked(() -> {
        store.checkAccount(r.accountId());
        return Pagination.page(r, store.pageLimits, new ArrayList<>(store.fieldDefinitions.values()),
            d -> definition(d, includes));
      });
    });
    router.add("POST", definitions, "metadata.field_definitions.create", RateLimit.TEN_PER_MINUTE, this::create);
    router.add("DELETE", definitions + "/{field_definition_id}", "metadata.field_definitions.delete",
        RateLimit.SIXTY_PER_MINUTE, r -> store.locked(() -> {
          FieldDefinitionRecord d = definition(r);
          store.fieldDefinitions.remove(d.id);
          store.metadataValues.values().forEach(values -> values.remove(d.id));
          return ApiResponse.noContent();
        }));
    router.add("GET", "/v4/accounts/{account_id}/files/{file_id}/metadata", "metadata.show",
        RateLimit.HUNDRED_PER_MINUTE, this::show);
    router.add("PATCH", "/v4/accounts/{account_id}/projects/{project_id}/metadata/values", "metadata.bulk_update",
        RateLimit.TEN_PER_MINUTE, this::bulkUpdate);
  }

  private FieldDefinitionRecord definition(ApiRequest r) {
    store.checkAccount(r.accountId());
    FieldDefinitionRecord d = store.fieldDefinitions.get(r.param("field_definition_id"));
    if (d == null) {
      throw ApiException.notFound("Field definition " + r.param("field_definition_id"));
    }
    return d;
  }

  private ApiResponse create(ApiRequest r) {
    ObjectNode data = r.data(Set.of("name", "field_type", "field_configuration"), Set.of("name", "field_type"));
    String name = RequestBodies.string(data, "name", 1, 250);
    String type = RequestBodies.string(data, "field_type", 1, 20);
    if (!FIELD_TYPES.contains(type)) {
      throw ApiException.invalid("/data/field_type", "field_type must be one of " + FIELD_TYPES);
    }
    JsonNode configuration = data.get("field_configuration");
    if (configuration == null || configuration.isNull()) {
      if (NEEDS_CONFIGURATION.contains(type)) {
        throw ApiException.invalid("/data/field_configuration", "field_configuration is required for " + type);
      }
      configuration = Json.object();
    }
    if (!configuration.isObject()) {
      throw ApiException.invalid("/data/field_configuration", "field_configuration must be an object");
    }
    ObjectNode config = ((ObjectNode) configuration).deepCopy();
    if (type.startsWith("select")) {
      selectOptions(config);
    }
    return store.locked(() -> {
      store.checkAccount(r.accountId());
      for (FieldDefinitionRecord existing : store.fieldDefinitions.values()) {
        if (existing.name.equals(name)) {
          throw ApiException.invalid("/data/name", "a field definition named '" + name + "' already exists");
        }
      }
      FieldDefinitionRecord d = new FieldDefinitionRecord(SandboxStore.newId(), name, type, config, store.userId,
          store.clock.instant());
      store.fieldDefinitions.put(d.id, d);
      return ApiResponse.created(definition(d, List.of()));
    });
  }

  /** Checks and numbers the options: 1 to 50, each with a display name; gives each an id. */
  private static void selectOptions(ObjectNode config) {
    JsonNode options = config.get("options");
    if (options == null || !options.isArray() || options.isEmpty() || options.size() > 50) {
      throw ApiException.invalid("/data/field_configuration/options", "options must be an array of 1 to 50 options");
    }
    for (int i = 0; i < options.size(); i++) {
      JsonNode option = options.get(i);
      if (!option.isObject() || !option.path("display_name").isTextual()) {
        throw ApiException.invalid("/data/field_configuration/options/" + i + "/display_name",
            "display_name is required");
      }
      ((ObjectNode) option).put("id", SandboxStore.newId());
    }
    if (config.has("enable_add_new") && !config.get("enable_add_new").isBoolean()) {
      throw ApiException.invalid("/data/field_configuration/enable_add_new", "enable_add_new must be a boolean");
    }
  }

  private ApiResponse show(ApiRequest r) {
    boolean showNull = "true".equals(r.query("show_null"));
    return store.locked(() -> {
      FileAsset file = store.file(r.accountId(), r.param("file_id"));
      Map<String, JsonNode> values = store.metadataValues.getOrDefault(file.id, Map.of());
      ArrayNode fields = Json.array();
      for (FieldDefinitionRecord d : store.fieldDefinitions.values()) {
        JsonNode value = values.get(d.id);
        if (value == null && !showNull) {
          continue;
        }
        ObjectNode field = fields.addObject().put("field_definition_id", d.id).put("field_definition_name", d.name)
            .put("field_type", d.fieldType).put("mutable", true);
        if (d.fieldType.startsWith("select")) {
          field.set("field_options", d.configuration.path("options").deepCopy());
          field.set("value", value == null ? Json.array() : value.deepCopy());
        } else {
          field.set("value", value == null ? Json.MAPPER.nullNode() : value.deepCopy());
        }
      }
      ObjectNode data = Json.object().put("file_id", file.id);
      data.set("metadata", fields);
      return ApiResponse.ok(data);
    });
  }

  private ApiResponse bulkUpdate(ApiRequest r) {
    ObjectNode data = r.data(Set.of("file_ids", "values"), Set.of("file_ids", "values"));
    List<String> fileIds = RequestBodies.ids(data.get("file_ids"), "/data/file_ids");
    JsonNode values = data.get("values");
    if (!values.isArray() || values.isEmpty() || values.size() > 100) {
      throw ApiException.invalid("/data/values", "values must be an array of 1 to 100 {field_definition_id, value}");
    }
    List<String> updated = store.locked(() -> {
      ProjectRecord project = store.project(r.accountId(), r.param("project_id"));
      for (int i = 0; i < fileIds.size(); i++) {
        FileAsset file = store.assets.get(fileIds.get(i)) instanceof FileAsset f ? f : null;
        if (file == null || !file.projectId.equals(project.id())) {
          throw ApiException.invalid("/data/file_ids/" + i, "file " + fileIds.get(i) + " is not a file of project "
              + project.id());
        }
      }
      Map<String, JsonNode> checked = new LinkedHashMap<>();
      for (int i = 0; i < values.size(); i++) {
        JsonNode entry = values.get(i);
        String pointer = "/data/values/" + i;
        String defId = entry.path("field_definition_id").asText("");
        FieldDefinitionRecord d = store.fieldDefinitions.get(defId);
        if (d == null) {
          throw ApiException.invalid(pointer + "/field_definition_id", "no field definition " + defId);
        }
        if (!entry.has("value")) {
          throw ApiException.invalid(pointer + "/value", "value is required");
        }
        checked.put(d.id, value(d, entry.get("value"), pointer + "/value"));
      }
      for (String fileId : fileIds) {
        Map<String, JsonNode> fileValues = store.metadataValues.computeIfAbsent(fileId, k -> new HashMap<>());
        checked.forEach((defId, value) -> {
          if (value.isNull()) {
            fileValues.remove(defId);
          } else {
            fileValues.put(defId, value);
          }
        });
      }
      return fileIds;
    });
    String projectId = r.param("project_id");
    for (String fileId : updated) {
      events.emit("metadata.value.updated", fileId, "file", projectId);
    }
    return ApiResponse.noContent();
  }

  /** The value as stored: for selects the chosen options ({@code [{id, display_name}]}). */
  private static JsonNode value(FieldDefinitionRecord d, JsonNode value, String pointer) {
    if (value.isNull()) {
      return value;
    }
    switch (d.fieldType) {
      case "select", "select_multi" -> {
        if (!value.isArray() || (d.fieldType.equals("select") && value.size() > 1)) {
          throw ApiException.invalid(pointer, d.fieldType + " values are a list of option ids"
              + (d.fieldType.equals("select") ? " (at most one)" : ""));
        }
        ArrayNode chosen = Json.array();
        for (JsonNode id : value) {
          JsonNode option = null;
          for (JsonNode candidate : d.configuration.path("options")) {
            if (candidate.path("id").asText().equals(id.asText())) {
              option = candidate;
            }
          }
          if (option == null) {
            throw ApiException.invalid(pointer, "'" + id.asText() + "' is not an option of " + d.name);
          }
          chosen.addObject().put("id", option.get("id").asText()).put("display_name",
              option.get("display_name").asText());
        }
        return chosen;
      }
      case "text", "long_text", "date" -> require(value.isTextual(), pointer, d.fieldType + " values are strings");
      case "toggle" -> require(value.isBoolean(), pointer, "toggle values are booleans");
      case "number" -> require(value.isNumber(), pointer, "number values are numbers");
      case "rating" -> require(value.isIntegralNumber(), pointer, "rating values are integers");
      default -> require(value.isArray(), pointer, d.fieldType + " values are lists of {id, type}");
    }
    return value;
  }

  private static void require(boolean ok, String pointer, String message) {
    if (!ok) {
      throw ApiException.invalid(pointer, message);
    }
  }

  private ObjectNode definition(FieldDefinitionRecord d, List<String> includes) {
    ObjectNode node = Json.object().put("id", d.id).put("name", d.name).put("field_type", d.fieldType)
        .put("creator_id", d.creatorId).put("mutable", true)
        .put("created_at", Json.time(d.createdAt)).put("updated_at", Json.time(d.updatedAt));
    node.set("field_configuration", d.configuration.deepCopy());
    if (includes.contains("creator")) {
      node.set("creator", views.person());
    }
    return node;
  }
}
