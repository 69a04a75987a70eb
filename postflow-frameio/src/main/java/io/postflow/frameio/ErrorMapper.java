package io.postflow.frameio;

import com.fasterxml.jackson.databind.JsonNode;
import io.postflow.api.AuthenticationException;
import io.postflow.api.ServiceError;
import io.postflow.api.ServiceException;
import io.postflow.frameio.auth.AuthErrors;
import io.postflow.frameio.internal.Redaction;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an error answer into the exception the caller sees. What the service said is quoted
 * through {@link Redaction#text}: a proxy that echoes the request would otherwise put the bearer
 * token into the message.
 */
final class ErrorMapper {
  static final String REQUEST_ID = "x-request-id";

  private ErrorMapper() {}

  static String requestId(HttpHeaders headers) {
    return headers.firstValue(REQUEST_ID).orElse(null);
  }

  /**
   * Frame.io's {@code errors[]}, credentials masked; tolerant of a body that is not JSON or has
   * another shape.
   */
  static List<ServiceError> errors(JsonNode body) {
    List<ServiceError> errors = new ArrayList<>();
    if (body == null) {
      return errors;
    }
    for (JsonNode error : body.path("errors")) {
      if (error.isObject()) {
        errors.add(ServiceError.of(
            Redaction.text(Json.text(error, "title").orElse(null)),
            Redaction.text(Json.text(error, "detail").orElse(null)),
            Redaction.text(Json.text(error.path("source"), "pointer").orElse(null))));
      } else if (error.isTextual()) {
        errors.add(ServiceError.of(null, Redaction.text(error.asText()), null));
      }
    }
    return errors;
  }

  static ServiceException service(
      Endpoint endpoint, int status, HttpHeaders headers, JsonNode body, int attempts,
      boolean retryable, Throwable cause) {
    String requestId = headers == null ? null : requestId(headers);
    List<ServiceError> errors = errors(body);
    if (status == 404) {
      return new ResourceNotFoundException(endpoint.operation(), requestId, errors, attempts);
    }
    return new ServiceException(
        endpoint.operation(), status, requestId, errors, attempts, retryable, cause);
  }

  /**
   * A 401 that survived a token refresh. The auth package words it (Frame.io's "not linked to an
   * Adobe ID" gets its own remedy); the status and request id travel as a suppressed exception.
   */
  static AuthenticationException unauthorized(
      Endpoint endpoint, HttpHeaders headers, byte[] rawBody, JsonNode body, int attempts) {
    AuthenticationException refused = AuthErrors.fromFrameio401(
        rawBody == null ? null : new String(rawBody, StandardCharsets.UTF_8));
    refused.addSuppressed(service(endpoint, 401, headers, body, attempts, false, null));
    return refused;
  }
}
