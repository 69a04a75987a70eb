package io.postflow.testkit;

import com.fasterxml.jackson.databind.JsonNode;

/** What a /v4 handler answers: a status and an optional JSON body (already enveloped). */
record ApiResponse(int status, JsonNode body) {
  static ApiResponse ok(JsonNode data) {
    return new ApiResponse(200, Json.envelope(data));
  }

  static ApiResponse created(JsonNode data) {
    return new ApiResponse(201, Json.envelope(data));
  }

  static ApiResponse noContent() {
    return new ApiResponse(204, null);
  }
}
