package io.postflow.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Strict reading of {@code {"data": {...}}} request bodies, as the OpenAPI schemas declare
 * {@code additionalProperties: false}: malformed JSON is a 400, a wrong wrapper or an unknown,
 * missing or ill-typed field is a 422 whose {@code source.pointer} names the field.
 */
final class RequestBodies {
  private RequestBodies() {}

  static ObjectNode data(byte[] body, Set<String> allowed, Set<String> required) {
    JsonNode root;
    try {
      root = body.length == 0 ? null : Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw ApiException.badRequest("Malformed JSON body");
    }
    if (root == null || !root.isObject()) {
      throw ApiException.invalid("/", "Body must be a JSON object with a data member");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!name.equals("data")) {
        throw ApiException.invalid("/" + name, "Unknown field " + name);
      }
    }
    JsonNode data = root.get("data");
    if (data == null || !data.isObject()) {
      throw ApiException.invalid("/data", "data must be an object");
    }
    for (Iterator<String> it = data.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) {
        throw ApiException.invalid("/data/" + name, "Unknown field " + name);
      }
    }
    for (String name : required) {
      if (!data.hasNonNull(name)) {
        throw ApiException.invalid("/data/" + name, name + " is required");
      }
    }
    return (ObjectNode) data;
  }

  static String string(ObjectNode data, String field, int minLength, int maxLength) {
    JsonNode node = data.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw ApiException.invalid("/data/" + field, field + " must be a string");
    }
    String value = node.asText();
    int length = value.codePointCount(0, value.length());
    if (length < minLength || length > maxLength) {
      throw ApiException.invalid(
          "/data/" + field, field + " must be " + minLength + ".." + maxLength + " characters");
    }
    return value;
  }

  static Long integer(ObjectNode data, String field, long min, long max) {
    JsonNode node = data.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw ApiException.invalid("/data/" + field, field + " must be an integer");
    }
    long value = node.asLong();
    if (value < min || value > max) {
      throw ApiException.invalid("/data/" + field, field + " must be between " + min + " and " + max);
    }
    return value;
  }

  static Boolean bool(ObjectNode data, String field) {
    JsonNode node = data.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isBoolean()) {
      throw ApiException.invalid("/data/" + field, field + " must be a boolean");
    }
    return node.asBoolean();
  }

  /** 1 to 100 distinct ids (a repeated one counts once), else a 422 naming {@code pointer}. */
  static List<String> ids(JsonNode node, String pointer) {
    if (node == null || !node.isArray() || node.isEmpty() || node.size() > 100) {
      throw ApiException.invalid(pointer, pointer.substring(pointer.lastIndexOf('/') + 1)
          + " must be an array of 1 to 100 ids");
    }
    Set<String> ids = new LinkedHashSet<>();
    for (JsonNode id : node) {
      if (!id.isTextual()) {
        throw ApiException.invalid(pointer, "ids are strings");
      }
      ids.add(id.asText());
    }
    return List.copyOf(ids);
  }
}
