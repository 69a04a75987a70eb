package io.postflow.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** One authenticated /v4 call as a handler sees it: path parameters, query, body, caller's token. */
final class ApiRequest {
  final String method;
  final String path;
  final Map<String, String> params;
  final Map<String, String> query;
  final byte[] body;
  final String token;

  ApiRequest(
      String method,
      String path,
      Map<String, String> params,
      Map<String, String> query,
      byte[] body,
      String token) {
    this.method = method;
    this.path = path;
    this.params = params;
    this.query = query;
    this.body = body;
    this.token = token;
  }

  String param(String name) {
    return params.get(name);
  }

  String accountId() {
    return params.get("account_id");
  }

  String query(String name) {
    return query.get(name);
  }

  /** Whether the comma-separated {@code include} query names {@code value}. */
  boolean includes(String value) {
    String include = query.get("include");
    if (include == null) {
      return false;
    }
    for (String part : include.split(",")) {
      if (part.trim().equals(value)) {
        return true;
      }
    }
    return false;
  }

  /**
   * 422 unless every comma-separated {@code include} value is one the operation declares, as the
   * OpenAPI enum does; returns the values (empty when absent).
   */
  List<String> includes(Set<String> allowed) {
    String include = query.get("include");
    List<String> values = new ArrayList<>();
    if (include == null || include.isBlank()) {
      return values;
    }
    for (String part : include.split(",")) {
      String value = part.trim();
      if (!allowed.contains(value)) {
        throw ApiException.invalid("/include", "include value '" + value + "' is not one of " + new TreeSet<>(allowed));
      }
      values.add(value);
    }
    return values;
  }

  ObjectNode data(Set<String> allowed, Set<String> required) {
    return RequestBodies.data(body, allowed, required);
  }
}
