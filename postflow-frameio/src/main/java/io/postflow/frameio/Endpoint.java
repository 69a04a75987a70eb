package io.postflow.frameio;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Every Frame.io v4 call the client makes: method, path template, whether repeating it is harmless,
 * and the rate limit the pacer starts from, as the OpenAPI document states it on each operation
 * ("Rate Limits: N calls per ..."), corrected later by the service's {@code x-ratelimit-*}
 * headers. Every endpoint has one ({@code PacingTest} checks): look it up before adding another.
 */
enum Endpoint {
  ME("GET", "/v4/me", true, 100, Duration.ofMinutes(1)),
  ACCOUNTS("GET", "/v4/accounts", true, 100, Duration.ofMinutes(1)),
  WORKSPACES("GET", "/v4/accounts/{account_id}/workspaces", true, 100, Duration.ofMinutes(1)),
  PROJECTS("GET", "/v4/accounts/{account_id}/workspaces/{workspace_id}/projects", true, 100,
      Duration.ofMinutes(1)),
  PROJECT("GET", "/v4/accounts/{account_id}/projects/{project_id}", true, 100, Duration.ofMinutes(1)),
  FOLDER("GET", "/v4/accounts/{account_id}/folders/{folder_id}", true, 100, Duration.ofMinutes(1)),
  FOLDER_CHILDREN("GET", "/v4/accounts/{account_id}/folders/{folder_id}/children", true, 100,
      Duration.ofMinutes(1)),
  FOLDER_FOLDERS("GET", "/v4/accounts/{account_id}/folders/{folder_id}/folders", true, 5,
      Duration.ofSeconds(1)),
  FOLDER_FILES("GET", "/v4/accounts/{account_id}/folders/{folder_id}/files", true, 5,
      Duration.ofSeconds(1)),
  FOLDER_VERSION_STACKS("GET", "/v4/accounts/{account_id}/folders/{folder_id}/version_stacks", true,
      5, Duration.ofSeconds(1)),
  CREATE_FOLDER("POST", "/v4/accounts/{account_id}/folders/{folder_id}/folders", false, 3,
      Duration.ofSeconds(1)),
  // the limits of the next three are stated on the operations in the OpenAPI document
  UPDATE_FOLDER("PATCH", "/v4/accounts/{account_id}/folders/{folder_id}", true, 10,
      Duration.ofMinutes(1)),
  DELETE_FOLDER("DELETE", "/v4/accounts/{account_id}/folders/{folder_id}", true, 60,
      Duration.ofMinutes(1)),
  UPDATE_FILE("PATCH", "/v4/accounts/{account_id}/files/{file_id}", true, 100,
      Duration.ofMinutes(1)),
  FILE("GET", "/v4/accounts/{account_id}/files/{file_id}", true, 10, Duration.ofSeconds(1)),
  FILE_STATUS("GET", "/v4/accounts/{account_id}/files/{file_id}/status", true, 5,
      Duration.ofSeconds(1)),
  DELETE_FILE("DELETE", "/v4/accounts/{account_id}/files/{file_id}", true, 100,
      Duration.ofMinutes(1)),
  MOVE_FILE("PATCH", "/v4/accounts/{account_id}/files/{file_id}/move", true, 100,
      Duration.ofMinutes(1)),
  LOCAL_UPLOAD("POST", "/v4/accounts/{account_id}/folders/{folder_id}/files/local_upload", false, 5,
      Duration.ofSeconds(1)),
  REMOTE_UPLOAD("POST", "/v4/accounts/{account_id}/folders/{folder_id}/files/remote_upload", false,
      5, Duration.ofSeconds(1)),
  CREATE_VERSION_STACK("POST", "/v4/accounts/{account_id}/folders/{folder_id}/version_stacks", false,
      10, Duration.ofMinutes(1)),
  VERSION_STACK("GET", "/v4/accounts/{account_id}/version_stacks/{version_stack_id}", true, 100,
      Duration.ofMinutes(1)),
  VERSION_STACK_CHILDREN("GET",
      "/v4/accounts/{account_id}/version_stacks/{version_stack_id}/children", true, 100,
      Duration.ofMinutes(1)),
  CREATE_COMMENT("POST", "/v4/accounts/{account_id}/files/{file_id}/comments", false, 100,
      Duration.ofMinutes(1)),
  COMMENTS("GET", "/v4/accounts/{account_id}/files/{file_id}/comments", true, 100,
      Duration.ofMinutes(1)),
  CREATE_WEBHOOK("POST", "/v4/accounts/{account_id}/workspaces/{workspace_id}/webhooks", false, 10,
      Duration.ofMinutes(1)),
  WEBHOOKS("GET", "/v4/accounts/{account_id}/workspaces/{workspace_id}/webhooks", true, 100,
      Duration.ofMinutes(1)),
  WEBHOOK("GET", "/v4/accounts/{account_id}/webhooks/{webhook_id}", true, 100, Duration.ofMinutes(1)),
  UPDATE_WEBHOOK("PATCH", "/v4/accounts/{account_id}/webhooks/{webhook_id}", true, 10,
      Duration.ofMinutes(1)),
  DELETE_WEBHOOK("DELETE", "/v4/accounts/{account_id}/webhooks/{webhook_id}", true, 60,
      Duration.ofMinutes(1)),
  COMMENT("GET", "/v4/accounts/{account_id}/comments/{comment_id}", true, 100, Duration.ofMinutes(1)),
  FIELD_DEFINITIONS("GET", "/v4/accounts/{account_id}/metadata/field_definitions", true, 100,
      Duration.ofMinutes(1)),
  CREATE_FIELD_DEFINITION("POST", "/v4/accounts/{account_id}/metadata/field_definitions", false, 10,
      Duration.ofMinutes(1)),
  FILE_METADATA("GET", "/v4/accounts/{account_id}/files/{file_id}/metadata", true, 100,
      Duration.ofMinutes(1)),
  // setting the same values again is harmless, so a lost answer is simply retried
  UPDATE_METADATA_VALUES("PATCH", "/v4/accounts/{account_id}/projects/{project_id}/metadata/values", true,
      10, Duration.ofMinutes(1)),
  CREATE_SHARE("POST", "/v4/accounts/{account_id}/projects/{project_id}/shares", false, 10,
      Duration.ofMinutes(1)),
  SHARES("GET", "/v4/accounts/{account_id}/projects/{project_id}/shares", true, 100, Duration.ofMinutes(1)),
  SHARE("GET", "/v4/accounts/{account_id}/shares/{share_id}", true, 100, Duration.ofMinutes(1)),
  DELETE_SHARE("DELETE", "/v4/accounts/{account_id}/shares/{share_id}", true, 60, Duration.ofMinutes(1));

  private final String method;
  private final String template;
  private final boolean idempotent;
  private final int documentedLimit;
  private final Duration documentedWindow;

  Endpoint(String method, String template, boolean idempotent, int limit, Duration window) {
    this.method = method;
    this.template = template;
    this.idempotent = idempotent;
    this.documentedLimit = limit;
    this.documentedWindow = window;
  }

  String method() {
    return method;
  }

  /** Repeating the call has the same effect as making it once, so it may be retried blindly. */
  boolean idempotent() {
    return idempotent;
  }

  /** The documented requests per {@link #documentedWindow()}, or 0 when none is documented. */
  int documentedLimit() {
    return documentedLimit;
  }

  Duration documentedWindow() {
    return documentedWindow;
  }

  /** {@code GET /v4/accounts/{account_id}/files/{file_id}}: the name used in errors. */
  String operation() {
    return method + " " + template;
  }

  /** The template with each {@code {...}} replaced, in order, by an encoded path segment. */
  String path(String... values) {
    StringBuilder path = new StringBuilder(template.length() + 80);
    int used = 0;
    int from = 0;
    int open;
    while ((open = template.indexOf('{', from)) >= 0) {
      int close = template.indexOf('}', open);
      if (used >= values.length) {
        throw new IllegalArgumentException(operation() + " needs more than " + values.length + " ids");
      }
      String value = values[used++];
      if (value == null || value.isEmpty()) {
        throw new IllegalArgumentException(
            template.substring(open + 1, close) + " must not be empty for " + operation());
      }
      path.append(template, from, open).append(encodeSegment(value));
      from = close + 1;
    }
    if (used != values.length) {
      throw new IllegalArgumentException(operation() + " takes " + used + " ids, got " + values.length);
    }
    return path.append(template.substring(from)).toString();
  }

  static String encodeSegment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
