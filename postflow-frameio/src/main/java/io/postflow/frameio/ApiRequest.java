package io.postflow.frameio;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One call to make: the endpoint, the concrete path, query parameters (kept in order), an optional
 * JSON body, and for creating calls a check that tells whether an earlier, unanswered attempt
 * happened after all (so the create is retried only when it did not).
 */
record ApiRequest(
    Endpoint endpoint,
    String path,
    Map<String, String> query,
    JsonNode body,
    Supplier<Optional<JsonNode>> alreadyDone) {

  ApiRequest {
    query = query.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(query));
  }

  static ApiRequest of(Endpoint endpoint, String path) {
    return new ApiRequest(endpoint, path, Map.of(), null, null);
  }

  ApiRequest withQuery(Map<String, String> parameters) {
    return new ApiRequest(endpoint, path, parameters, body, alreadyDone);
  }

  ApiRequest withBody(JsonNode json) {
    return new ApiRequest(endpoint, path, query, json, alreadyDone);
  }

  /** For a create: how to find the result of an attempt whose answer was lost. */
  ApiRequest withCheck(Supplier<Optional<JsonNode>> check) {
    return new ApiRequest(endpoint, path, query, body, check);
  }
}
