package io.postflow.testkit;

/**
 * An OAuth error the fake IMS answers with: {@code {"error": code, "error_description": ...}} and
 * an HTTP status. The description never carries a token, code or secret.
 */
final class ImsError extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  ImsError(int status, String code, String description) {
    super(description, null, false, false);
    this.status = status;
    this.code = code;
  }

  static ImsError invalidRequest(String description) {
    return new ImsError(400, "invalid_request", description);
  }

  static ImsError invalidGrant(String description) {
    return new ImsError(400, "invalid_grant", description);
  }

  static ImsError invalidScope(String description) {
    return new ImsError(400, "invalid_scope", description);
  }

  static ImsError invalidClient(String description) {
    return new ImsError(401, "invalid_client", description);
  }

  static ImsError unauthorizedClient(String description) {
    return new ImsError(400, "unauthorized_client", description);
  }

  /** The HTTP status IMS uses for this error: 400, or 401 for client authentication. */
  int status() {
    return status;
  }

  /** The OAuth {@code error} code, e.g. {@code invalid_grant}. */
  String code() {
    return code;
  }

  /** The human-readable {@code error_description}. */
  String description() {
    return getMessage();
  }
}
