package io.postflow.frameio;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The one shared, thread-safe Jackson mapper and lenient readers for Frame.io's JSON: missing,
 * null or oddly typed fields become empty values instead of errors, so new or changed fields on
 * the service side do not break old clients.
 */
final class Json {
  static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private Json() {}

  static JsonNode parse(byte[] body) throws IOException {
    return MAPPER.readTree(body);
  }

  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  /** {@code {"data": {...}}} with the given object as data. */
  static ObjectNode envelope(ObjectNode data) {
    ObjectNode envelope = MAPPER.createObjectNode();
    envelope.set("data", data);
    return envelope;
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** A text field, or empty when missing, null or not a scalar. */
  static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isValueNode() && !value.isNull() ? Optional.of(value.asText()) : Optional.empty();
  }

  /** A text field that must be there; a clear error names the field and the resource otherwise. */
  static String required(JsonNode node, String field, String resource) {
    return text(node, field)
        .orElseThrow(() -> new MalformedResponseException(resource + " without '" + field + "'"));
  }

  static OptionalLong number(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.canConvertToLong() || (value.isTextual() && value.asText().matches("-?\\d+"))
        ? OptionalLong.of(value.asLong())
        : OptionalLong.empty();
  }

  static Optional<Boolean> bool(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (value.isBoolean()) {
      return Optional.of(value.booleanValue());
    }
    if (value.isTextual() && (value.asText().equals("true") || value.asText().equals("false"))) {
      return Optional.of(Boolean.parseBoolean(value.asText()));
    }
    return Optional.empty();
  }

  static Optional<Instant> instant(JsonNode node, String field) {
    return text(node, field).flatMap(text -> {
      try {
        return Optional.of(Instant.parse(text));
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    });
  }

  static List<String> texts(JsonNode node, String field) {
    List<String> values = new ArrayList<>();
    for (JsonNode item : node.path(field)) {
      if (item.isValueNode() && !item.isNull()) {
        values.add(item.asText());
      }
    }
    return values;
  }
}
