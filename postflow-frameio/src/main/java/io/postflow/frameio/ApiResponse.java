package io.postflow.frameio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.http.HttpHeaders;

/** A successful answer: status, headers and the parsed body (a missing node when empty). */
record ApiResponse(int status, HttpHeaders headers, JsonNode body) {

  /** The {@code data} member of the envelope. */
  JsonNode data() {
    JsonNode data = body.path("data");
    return data.isMissingNode() ? MissingNode.getInstance() : data;
  }

  /** Wraps a resource found by a create's check as if the create had answered. */
  static ApiResponse found(JsonNode resource) {
    com.fasterxml.jackson.databind.node.ObjectNode envelope = Json.MAPPER.createObjectNode();
    envelope.set("data", resource);
    return new ApiResponse(200, HttpHeaders.of(java.util.Map.of(), (a, b) -> true), envelope);
  }
}
