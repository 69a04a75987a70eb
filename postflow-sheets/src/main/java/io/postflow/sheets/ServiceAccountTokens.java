package io.postflow.sheets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postflow.api.AuthenticationException;
import io.postflow.api.ServiceError;
import io.postflow.api.ServiceException;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access tokens for a service account, by OAuth 2.0's JWT bearer grant (RFC 7523) as Google
 * documents it for server-to-server use: a JWT signed RS256 with the account's private key
 * ({@code iss} the account, {@code scope}, {@code aud} the token URI, one hour at most), posted
 * to the token URI. The token is cached and asked for again a minute before it expires, or when
 * the API refused it. Thread-safe; tokens never appear in logs or messages.
 */
final class ServiceAccountTokens {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceAccountTokens.class);
  private static final ObjectMapper JSON = GoogleJson.MAPPER;
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
  private static final Duration LIFETIME = Duration.ofHours(1);
  private static final Duration EARLY = Duration.ofMinutes(1);

  private final ServiceAccountKey key;
  private final String scope;
  private final HttpClient http;
  private final Clock clock;
  private final Duration timeout;
  private String token;
  private Instant expires = Instant.MIN;

  ServiceAccountTokens(ServiceAccountKey key, String scope, HttpClient http, Clock clock, Duration timeout) {
    this.key = key;
    this.scope = scope;
    this.http = http;
    this.clock = clock;
    this.timeout = timeout;
  }

  /**
   * A token valid for at least another minute.
   *
   * @throws AuthenticationException when Google refuses the key (not retryable)
   * @throws ServiceException when the token endpoint cannot be reached or fails (retryable for
   *     5xx, 429 and network failures)
   * @throws InterruptedException when interrupted while waiting for the answer
   */
  synchronized String accessToken() throws InterruptedException {
    if (token == null || !clock.instant().plus(EARLY).isBefore(expires)) {
      fetch();
    }
    return token;
  }

  /** Forgets {@code refused} (the API answered 401), so the next call asks for a new token. */
  synchronized void invalidate(String refused) {
    if (refused != null && refused.equals(token)) {
      token = null;
    }
  }

  private void fetch() throws InterruptedException {
    Instant now = clock.instant();
    String form = "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
        + "&assertion=" + jwt(now);
    HttpRequest request = HttpRequest.newBuilder(key.tokenUri()).timeout(timeout)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    String operation = "POST " + key.tokenUri().getHost() + key.tokenUri().getPath() + " (service account token)";
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ServiceException(operation, 0, null, List.of(), 1, true, e);
    }
    JsonNode body = GoogleJson.parse(response.body());
    int status = response.statusCode();
    if (status == 200 && body.hasNonNull("access_token")) {
      token = body.get("access_token").asText();
      long seconds = body.path("expires_in").asLong(3600);
      expires = now.plusSeconds(seconds);
      LOG.debug("New access token for {} (valid {} s)", key.clientEmail(), seconds);
      return;
    }
    String error = body.path("error").asText("");
    String description = body.path("error_description").asText("");
    if (status == 400 || status == 401 || status == 403) {
      throw new AuthenticationException("Google refused the service account " + key.clientEmail()
          + " (" + status + (error.isEmpty() ? "" : " " + error) + (description.isEmpty() ? "" : ": " + description) + ")",
          "check that the key file is current (not deleted in the console), that the machine's clock is right,"
              + " and that the service account is enabled", null);
    }
    throw new ServiceException(operation, status, null,
        error.isEmpty() ? List.of() : List.of(ServiceError.of(error, description.isEmpty() ? null : description, null)),
        1, status == 429 || status >= 500, null);
  }

  /** {@code header.claims.signature}, each base64url without padding. */
  private String jwt(Instant now) {
    ObjectNode header = JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT");
    key.privateKeyId().ifPresent(id -> header.put("kid", id));
    ObjectNode claims = JSON.createObjectNode()
        .put("iss", key.clientEmail())
        .put("scope", scope)
        .put("aud", key.tokenUri().toString())
        .put("iat", now.getEpochSecond())
        .put("exp", now.plus(LIFETIME).getEpochSecond());
    String signingInput = URL.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
        + URL.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(key.privateKey());
      rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + URL.encodeToString(rs256.sign());
    } catch (GeneralSecurityException e) {
      throw new AuthenticationException("cannot sign the token request for " + key.clientEmail(),
          "the key file's private_key must be an RSA key", e);
    }
  }


  String clientEmail() {
    return key.clientEmail();
  }

  @Override
  public String toString() {
    return "ServiceAccountTokens[" + key.clientEmail() + "]";
  }
}
