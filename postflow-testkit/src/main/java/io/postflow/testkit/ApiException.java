package io.postflow.testkit;

/**
 * A Frame.io-style error answer raised anywhere inside a /v4 handler; the dispatcher turns it into
 * {@code {"errors":[{"title","detail","source":{"pointer"}}]}} with the status.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  final String title;
  final String pointer;

  ApiException(int status, String title, String detail, String pointer) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.pointer = pointer;
  }

  static ApiException badRequest(String detail) {
    return new ApiException(400, "Bad request", detail, null);
  }

  static ApiException unauthorized(String detail) {
    return new ApiException(401, "Unauthorized", detail, null);
  }

  static ApiException notFound(String what) {
    return new ApiException(404, "Not found", what + " not found", null);
  }

  static ApiException conflict(String detail, String pointer) {
    return new ApiException(409, "Conflict", detail, pointer);
  }

  static ApiException invalid(String pointer, String detail) {
    return new ApiException(422, "Invalid value", detail, pointer);
  }
}
