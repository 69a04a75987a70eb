package io.postflow.testkit;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what an OAuth request carries: form or query parameters and HTTP Basic client credentials.
 * Strict where RFC 6749 is strict, so client bugs surface in tests rather than against Adobe.
 */
final class ImsRequests {
  /** IMS forms are a few hundred bytes; anything this large is a client bug or abuse. */
  static final int MAX_FORM_BYTES = 64 * 1024;

  /** Client id and secret as a client presented them; {@link #toString()} hides the secret. */
  record Credentials(String clientId, String secret, boolean viaBasic) {
    @Override
    public String toString() {
      return "Credentials[clientId=" + clientId + ", viaBasic=" + viaBasic + "]";
    }
  }

  private ImsRequests() {}

  /**
   * Parses {@code a=1&b=2} (query string or form body). RFC 6749 section 3.1: a parameter must
   * not appear twice.
   */
  static Map<String, String> parseParameters(String encoded) throws ImsError {
    Map<String, String> params = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return params;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (params.putIfAbsent(name, value) != null) {
        throw ImsError.invalidRequest("parameter '" + name + "' appears more than once");
      }
    }
    return params;
  }

  /** Reads a POSTed {@code application/x-www-form-urlencoded} body. */
  static Map<String, String> readForm(HttpExchange exchange) throws IOException, ImsError {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type == null
        || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      throw ImsError.invalidRequest(
          "header Content-Type must be application/x-www-form-urlencoded, was " + type);
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_FORM_BYTES + 1);
      if (body.length > MAX_FORM_BYTES) {
        throw ImsError.invalidRequest("form body is larger than " + MAX_FORM_BYTES + " bytes");
      }
      return parseParameters(new String(body, StandardCharsets.US_ASCII));
    }
  }

  /**
   * The client's credentials from the Authorization header (Basic) or the form, never both
   * (RFC 6749 section 2.3.1).
   */
  static Optional<Credentials> credentials(HttpExchange exchange, Map<String, String> form)
      throws ImsError {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    String formId = form.get("client_id");
    String formSecret = form.get("client_secret");
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      if (formSecret != null) {
        throw ImsError.invalidRequest("client authenticated twice: Basic header and client_secret");
      }
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()),
            StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw ImsError.invalidClient("Authorization header: Basic credentials are not base64");
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw ImsError.invalidClient("Authorization header: Basic credentials lack ':'");
      }
      // RFC 6749 section 2.3.1: id and secret are form-encoded before Basic encoding.
      String id = decode(decoded.substring(0, colon));
      if (formId != null && !formId.equals(id)) {
        throw ImsError.invalidRequest("client_id in the form differs from the Basic header's");
      }
      return Optional.of(new Credentials(id, decode(decoded.substring(colon + 1)), true));
    }
    if (formId != null && formSecret != null) {
      return Optional.of(new Credentials(formId, formSecret, false));
    }
    return Optional.empty();
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // Malformed %-escape: keep the raw text so the value fails validation with its own message.
      return s;
    }
  }
}
