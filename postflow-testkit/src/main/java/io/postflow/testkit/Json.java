package io.postflow.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The sandbox's one ObjectMapper and the envelopes every /v4 answer uses. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /** {@code {"data": data}}. */
  static ObjectNode envelope(JsonNode data) {
    ObjectNode root = object();
    root.set("data", data);
    return root;
  }

  /** {@code {"errors":[{"title","detail","source":{"pointer"}}]}}; source only when a pointer is known. */
  static ObjectNode errors(String title, String detail, String pointer) {
    ObjectNode error = object().put("title", title).put("detail", detail);
    if (pointer != null) {
      error.set("source", object().put("pointer", pointer));
    }
    ObjectNode root = object();
    root.set("errors", array().add(error));
    return root;
  }

  /** Frame.io timestamps: ISO-8601 UTC with microseconds. */
  static String time(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).toString();
  }

  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }
}
