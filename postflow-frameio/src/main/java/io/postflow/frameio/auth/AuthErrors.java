package io.postflow.frameio.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postflow.api.AuthenticationException;
import io.postflow.frameio.internal.Redaction;
import java.io.IOException;
import java.util.Collection;
import java.util.Locale;

/**
 * Turns what Adobe IMS and Frame.io say when they refuse credentials into
 * {@link AuthenticationException}s whose message says what the user must do.
 *
 * <p>Stateless and thread-safe. Messages quote the service's error code and description but never a
 * token, code or secret: everything quoted goes through {@link Redaction#text} (a proxy's error page
 * may echo the request's Authorization header).
 */
public final class AuthErrors {
  /** The advice for every "the refresh token is gone" situation. */
  static final String LOG_IN_AGAIN =
      "Log in again: run the OAuth login example (`postflow login`, or in code"
          + " ImsAuthenticator.loginWithLoopback, or beginLogin + completeFromRedirectUrl on a headless"
          + " machine) to store a new refresh token";

  static final String NOT_LINKED = "not linked to an Adobe ID";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_QUOTED = 300;

  private AuthErrors() {}

  /**
   * The error for a Frame.io {@code 401} whose body is {@code body} (the raw response body, JSON
   * or not, may be null), for callers that already refreshed the token once and were refused again.
   * The well-known {@code "Your Frame user is not linked to an Adobe ID"} answer gets a remedy
   * explaining how to link the account; any other 401 advises logging in again.
   *
   * @return the exception to throw; never null
   */
  public static AuthenticationException fromFrameio401(String body) {
    String detail = frameioDetail(body);
    if (detail.toLowerCase(Locale.ROOT).contains(NOT_LINKED.toLowerCase(Locale.ROOT))) {
      return new AuthenticationException(
          "Frame.io accepted the Adobe IMS token but refused the user: " + detail,
          "The Adobe ID you logged in with has no Frame.io V4 user. Sign in once at"
              + " https://next.frame.io with that Adobe ID (or ask the Frame.io account admin to"
              + " invite it, or to finish migrating the account to Adobe), then log in again",
          null);
    }
    return new AuthenticationException(
        "Frame.io answered 401 Unauthorized even after a token refresh"
            + (detail.isEmpty() ? "" : ": " + detail),
        LOG_IN_AGAIN + "; check that the Adobe Developer Console project includes the Frame.io API",
        null);
  }

  /** No refresh token is available at all (never logged in, logged out, or store cleared). */
  static AuthenticationException notLoggedIn(Object store) {
    return new AuthenticationException(
        "Not logged in to Adobe IMS: " + store + " holds no refresh token", LOG_IN_AGAIN, null);
  }

  /**
   * Maps an IMS OAuth error answer for {@code grant} to an actionable exception.
   *
   * @param error the OAuth {@code error} code, e.g. {@code invalid_grant}; may be empty
   * @param description IMS's {@code error_description}, already scrubbed of secrets; may be empty
   */
  static AuthenticationException fromIms(
      ImsGrant grant, int status, String error, String description, Collection<String> scopes) {
    String said = "Adobe IMS refused the " + grant.description() + " (HTTP " + status
        + (error.isEmpty() ? "" : ", " + quote(error))
        + (description.isEmpty() ? "" : ": " + quote(description)) + ")";
    switch (error) {
      case "invalid_grant":
        if (grant == ImsGrant.REFRESH_TOKEN) {
          return new AuthenticationException(
              said + "; the refresh token expired (they last 14 days), was revoked, or was"
                  + " already used", LOG_IN_AGAIN, null);
        }
        if (grant == ImsGrant.AUTHORIZATION_CODE) {
          return new AuthenticationException(
              said + "; the authorization code expired, was already used, or does not match the"
                  + " PKCE verifier or redirect URI",
              "Start the login again and complete it within a few minutes, with the same"
                  + " redirect URI", null);
        }
        break;
      case "invalid_scope":
        return new AuthenticationException(
            said + "; requested scopes: " + String.join(" ", scopes),
            "In the Adobe Developer Console, open the project, add the Frame.io API to it and"
                + " enable the scope(s) IMS named above on the OAuth credential (for"
                + " server-to-server: frame.s2s.all on the OAuth Server-to-Server credential), or"
                + " remove them from 'scopes'", null);
      case "invalid_client":
      case "unauthorized_client":
        return new AuthenticationException(
            said + "; the client id or secret is wrong, or the credential type does not allow"
                + " this grant",
            "Copy the client id and client secret of the project's OAuth Web App (or"
                + " Server-to-Server) credential from the Adobe Developer Console again", null);
      default:
        break;
    }
    return new AuthenticationException(said,
        grant == ImsGrant.REFRESH_TOKEN ? LOG_IN_AGAIN : "Check the Adobe Developer Console"
            + " credential (client id, secret, redirect URI, scopes) and try again", null);
  }

  private static String frameioDetail(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      JsonNode root = JSON.readTree(body);
      StringBuilder detail = new StringBuilder();
      for (JsonNode error : root.path("errors")) {
        String text = error.path("detail").asText(error.path("title").asText(""));
        if (!text.isEmpty()) {
          detail.append(detail.length() == 0 ? "" : "; ").append(text);
        }
      }
      for (String field : new String[] {"message", "error", "detail"}) {
        if (detail.length() == 0 && root.path(field).isTextual()) {
          detail.append(root.path(field).asText());
        }
      }
      if (detail.length() > 0) {
        return quote(detail.toString());
      }
    } catch (IOException e) {
      // Not JSON: Frame.io's gateway sometimes answers in plain text.
    }
    return quote(body.strip());
  }

  /** Masked first, while header lines still end where they did; then one line, at most 300 chars. */
  private static String quote(String text) {
    String oneLine = Redaction.text(text).replaceAll("\\s+", " ");
    return oneLine.length() <= MAX_QUOTED ? oneLine : oneLine.substring(0, MAX_QUOTED) + "...";
  }
}
