package io.postflow.sheets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Google's answers as JSON; an answer that is not JSON (a proxy's HTML page) reads as {@code {}}. */
final class GoogleJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private GoogleJson() {}

  static JsonNode parse(String body) {
    try {
      JsonNode node = MAPPER.readTree(body == null ? "" : body);
      return node == null ? MAPPER.createObjectNode() : node;
    } catch (IOException e) {
      return MAPPER.createObjectNode();
    }
  }
}
