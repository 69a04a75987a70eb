package io.postflow.frameio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postflow.api.InvalidInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Custom metadata of one account, from {@link FrameioAccount#metadata()}: the account's field
 * definitions, a file's values and the project-wide bulk update. Same contract as the client:
 * thread-safe, blocking, retried, paced (creating a definition and updating values are limited to
 * 10 calls a minute: batch files into one update, up to {@value #MAX_FILES_PER_UPDATE}).
 *
 * <pre>{@code
 * FrameioMetadata metadata = client.account(accountId).metadata();
 * FieldDefinition status = metadata.ensureSelectField("PostFlow status", List.of("review_uploaded", "review_approved"));
 * metadata.setSelect(projectId, List.of(fileId), status, "review_uploaded");
 * metadata.fileMetadata(fileId);   // [PostFlow status = review_uploaded]
 * }</pre>
 */
public final class FrameioMetadata {
  /** The most files one bulk update takes. */
  public static final int MAX_FILES_PER_UPDATE = 100;
  /** The most options a select field takes. */
  public static final int MAX_OPTIONS = 50;

  private final FrameioAccount account;
  private final ApiTransport transport;

  FrameioMetadata(FrameioAccount account, ApiTransport transport) {
    this.account = account;
    this.transport = transport;
  }

  /** The account's field definitions, every page. */
  public List<FieldDefinition> fieldDefinitions() {
    return Pager.stream(transport, account.request(Endpoint.FIELD_DEFINITIONS),
        json -> Optional.of(definition(json))).collect(Collectors.toList());
  }

  /** The definition called {@code name}, if the account has one. */
  public Optional<FieldDefinition> fieldDefinition(String name) {
    return fieldDefinitions().stream().filter(d -> d.name().equals(name)).findFirst();
  }

  /**
   * {@code POST .../metadata/field_definitions}: a {@code select} field with these options, in
   * order. When an attempt's answer is lost, the client looks for a definition of that name before
   * trying again and returns it if there is one.
   *
   * @throws IllegalArgumentException when the name is not 1 to 250 characters, or there are not 1
   *     to {@value #MAX_OPTIONS} distinct options
   */
  public FieldDefinition createSelectField(String name, List<String> options) {
    if (name == null || name.isEmpty() || name.length() > 250) {
      throw new IllegalArgumentException("name must be 1 to 250 characters");
    }
    if (options.isEmpty() || options.size() > MAX_OPTIONS || options.stream().distinct().count() != options.size()) {
      throw new IllegalArgumentException("a select field takes 1 to " + MAX_OPTIONS + " distinct options, got "
          + options);
    }
    ObjectNode data = Json.object().put("name", name).put("field_type", "select");
    ObjectNode configuration = data.putObject("field_configuration").put("enable_add_new", false);
    ArrayNode list = configuration.putArray("options");
    options.forEach(o -> list.addObject().put("display_name", o));
    ApiRequest request = account.request(Endpoint.CREATE_FIELD_DEFINITION).withBody(Json.envelope(data))
        .withCheck(() -> Pager.stream(transport, account.request(Endpoint.FIELD_DEFINITIONS), json -> Optional.of(json))
            .filter(json -> name.equals(Json.text(json, "name").orElse(null))).findFirst());
    return definition(transport.execute(request).data());
  }

  /**
   * The {@code select} field called {@code name}, created once when the account has none. An
   * existing one is used as it is, provided it is a select field that offers every option.
   *
   * @throws InvalidInputException naming the field when a field of that name exists but is not a
   *     select field or lacks some of {@code options} (add them in Frame.io, or use another name)
   */
  public FieldDefinition ensureSelectField(String name, List<String> options) {
    Optional<FieldDefinition> existing = fieldDefinition(name);
    if (existing.isEmpty()) {
      return createSelectField(name, options);
    }
    FieldDefinition field = existing.get();
    if (!field.fieldType().equals("select")) {
      throw new InvalidInputException("Frame.io field definition " + field.id(), 0, name,
          "is a " + field.fieldType() + " field, not a select field");
    }
    List<String> missing = new ArrayList<>(options);
    field.options().forEach(o -> missing.remove(o.displayName()));
    if (!missing.isEmpty()) {
      throw new InvalidInputException("Frame.io field definition " + field.id(), 0, name,
          "lacks the options " + missing + "; add them in Frame.io or choose another field name");
    }
    return field;
  }

  /** {@code GET .../files/{id}/metadata}: the file's set custom fields. */
  public List<MetadataField> fileMetadata(String fileId) {
    JsonNode data = transport.execute(account.request(Endpoint.FILE_METADATA, fileId)).data();
    return Mapping.list(data.path("metadata"), FrameioMetadata::field);
  }

  /**
   * {@code PATCH .../projects/{id}/metadata/values}: chooses {@code option} of a select field on
   * every file (all of one project), in calls of up to {@value #MAX_FILES_PER_UPDATE} files.
   *
   * @throws IllegalArgumentException when the field offers no such option
   */
  public void setSelect(String projectId, Collection<String> fileIds, FieldDefinition field, String option) {
    SelectOption chosen = field.option(option).orElseThrow(() -> new IllegalArgumentException(
        "field " + field.name() + " has no option '" + option + "' (options: "
            + field.options().stream().map(SelectOption::displayName).collect(Collectors.toList()) + ")"));
    ArrayNode value = Json.MAPPER.createArrayNode().add(chosen.id());
    update(projectId, fileIds, field.id(), value);
  }

  /** {@code PATCH .../projects/{id}/metadata/values}: a text field's value on every file. */
  public void setText(String projectId, Collection<String> fileIds, String fieldDefinitionId, String text) {
    update(projectId, fileIds, fieldDefinitionId, Json.MAPPER.getNodeFactory().textNode(
        Objects.requireNonNull(text, "text")));
  }

  private void update(String projectId, Collection<String> fileIds, String definitionId, JsonNode value) {
    List<String> ids = List.copyOf(fileIds);
    if (ids.isEmpty()) {
      return;
    }
    for (int from = 0; from < ids.size(); from += MAX_FILES_PER_UPDATE) {
      ObjectNode data = Json.object();
      ArrayNode files = data.putArray("file_ids");
      ids.subList(from, Math.min(ids.size(), from + MAX_FILES_PER_UPDATE)).forEach(files::add);
      data.putArray("values").addObject().put("field_definition_id", definitionId).set("value", value);
      transport.execute(account.request(Endpoint.UPDATE_METADATA_VALUES, projectId).withBody(Json.envelope(data)));
    }
  }

  static FieldDefinition definition(JsonNode json) {
    return ImmutableFieldDefinition.builder()
        .id(Json.required(json, "id", "field definition"))
        .name(Json.text(json, "name").orElse(""))
        .fieldType(Json.text(json, "field_type").orElse(""))
        .options(Mapping.list(json.path("field_configuration").path("options"), FrameioMetadata::option))
        .build();
  }

  private static SelectOption option(JsonNode json) {
    return SelectOption.of(Json.required(json, "id", "select option"), Json.text(json, "display_name").orElse(""));
  }

  private static MetadataField field(JsonNode json) {
    JsonNode value = json.path("value");
    ImmutableMetadataField.Builder field = ImmutableMetadataField.builder()
        .definitionId(Json.required(json, "field_definition_id", "metadata field"))
        .definitionName(Json.text(json, "field_definition_name").orElse(""))
        .fieldType(Json.text(json, "field_type").orElse(""));
    if (value.isArray()) {
      for (JsonNode item : value) {
        if (item.has("display_name")) {
          field.addSelected(option(item));
        }
      }
    } else if (value.isValueNode() && !value.isNull()) {
      field.text(value.asText());
    }
    return field.build();
  }
}
