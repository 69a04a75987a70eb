package io.postflow.frameio.auth;

import io.postflow.api.AuthenticationException;
import io.postflow.frameio.internal.Redaction;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

/**
 * The query of the redirect IMS sends the browser back with: {@code code} and {@code state}, or
 * {@code error} and {@code error_description}. Parsed from a listener request or from a URL a user
 * pasted; {@link #codeFor} turns it into the code or an actionable error.
 */
final class AuthorizationRedirect {
  private final Map<String, String> parameters;

  private AuthorizationRedirect(Map<String, String> parameters) {
    this.parameters = parameters;
  }

  /** Parses a raw (still percent-encoded) query string; null means empty. */
  static AuthorizationRedirect fromQuery(String rawQuery) {
    Map<String, String> parameters = new HashMap<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        parameters.putIfAbsent(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
      }
    }
    return new AuthorizationRedirect(parameters);
  }

  /** Parses what a user pasted: the whole redirect URL from the browser's address bar. */
  static AuthorizationRedirect fromPastedUrl(String url) {
    if (url == null || url.isBlank()) {
      throw pasteError("nothing was pasted");
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw pasteError("it is not a URL (" + e.getReason() + " at index " + e.getIndex() + ")");
    }
    AuthorizationRedirect redirect = fromQuery(uri.getRawQuery());
    if (!redirect.parameters.containsKey("code") && !redirect.parameters.containsKey("error")) {
      throw pasteError("it has neither a 'code' nor an 'error' query parameter");
    }
    return redirect;
  }

  boolean isLoginAnswer() {
    return parameters.containsKey("code") || parameters.containsKey("error");
  }

  /** Whether the redirect carries {@code expectedState} (compared in constant time). */
  boolean carriesState(String expectedState) {
    String state = parameters.getOrDefault("state", "");
    return MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
        expectedState.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The authorization code, after checking the redirect answers the login whose state is
   * {@code expectedState}.
   *
   * @throws AuthenticationException for an {@code error=} redirect, a state mismatch or no code
   */
  String codeFor(String expectedState) {
    // State first: IMS echoes it on error redirects too (RFC 6749 4.1.2.1), so an error= without
    // it is forged, and its description must not be passed on as Adobe's answer.
    if (!carriesState(expectedState)) {
      return failWith("The login redirect carries a different 'state' than the login that was"
              + " started (an old browser tab, or a forged redirect)",
          "Start the login again and use only the newest authorization URL");
    }
    String error = parameters.get("error");
    if (error != null) {
      String description = parameters.getOrDefault("error_description", "");
      // Quoted text from outside: redacted like every other upstream text (issue 14, item 13).
      return failWith("Adobe IMS login failed: " + Redaction.text(error)
              + (description.isEmpty() ? "" : " (" + Redaction.text(description) + ")"),
          "access_denied".equals(error)
              ? "Log in again and allow PostFlow access when Adobe asks"
              : "Check the redirect URI and scopes of the OAuth Web App credential in the Adobe"
                  + " Developer Console, then log in again");
    }
    String code = parameters.get("code");
    if (code == null || code.isEmpty()) {
      return failWith("The login redirect carries no authorization 'code'",
          "Start the login again");
    }
    return code;
  }

  private static String failWith(String message, String remedy) {
    throw new AuthenticationException(message, remedy, null);
  }

  private static AuthenticationException pasteError(String problem) {
    return new AuthenticationException("Cannot read the pasted redirect URL: " + problem,
        "Paste the whole address from the browser's address bar after Adobe redirected,"
            + " starting with https://", null);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text; // a stray '%': keep it as typed rather than reject the whole redirect
    }
  }

  @Override
  public String toString() {
    return "AuthorizationRedirect{" + (parameters.containsKey("error")
        ? "error=" + parameters.get("error") : "code=****") + "}";
  }
}
