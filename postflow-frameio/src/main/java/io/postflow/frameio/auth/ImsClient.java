package io.postflow.frameio.auth;

import io.postflow.api.Sleeper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postflow.api.AccessToken;
import io.postflow.api.PostFlowException;
import io.postflow.api.ServiceError;
import io.postflow.api.ServiceException;
import io.postflow.frameio.internal.Redaction;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of Adobe IMS: form POSTs to {@code /ims/token/v3} and {@code /ims/revoke} with
 * retries and error mapping.
 *
 * <p>Retried: connection failures (the request never left, so no refresh token was consumed) and
 * 5xx answers, a few times with capped exponential back-off. Not retried: other I/O failures mid
 * request (IMS may already have rotated the refresh token) and every 4xx, {@code invalid_grant}
 * above all, since repeating a refused grant cannot succeed. Thread-safe.
 */
final class ImsClient {
  static final String TOKEN_PATH = "/ims/token/v3";
  static final String REVOKE_PATH = "/ims/revoke";
  private static final Logger log = LoggerFactory.getLogger(ImsClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(8);
  /** Form fields whose values are secrets and must be masked in anything IMS echoes back. */
  private static final Set<String> SECRET_FIELDS =
      Set.of("code", "code_verifier", "refresh_token", "client_secret", "token");
  /** IMS v3 answers in seconds; older endpoints in milliseconds. More than 30 days of seconds is ms. */
  private static final long MAX_PLAUSIBLE_SECONDS = Duration.ofDays(30).toSeconds();

  private final URI baseUri;
  private final String clientId;
  private final String clientSecret;
  private final HttpClient http;
  private final Sleeper sleeper;
  private final Clock clock;
  private final int maxAttempts;
  private final Duration requestTimeout;

  ImsClient(URI baseUri, String clientId, String clientSecret, HttpClient http, Sleeper sleeper,
      Clock clock, int maxAttempts, Duration requestTimeout) {
    this.baseUri = baseUri;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.http = http;
    this.sleeper = sleeper;
    this.clock = clock;
    this.maxAttempts = maxAttempts;
    this.requestTimeout = requestTimeout;
  }

  /**
   * Posts a token request and returns the tokens.
   *
   * @param basicAuth send the client credentials as HTTP Basic (web app) rather than in the form
   * @param scopes what was asked for, used when IMS does not say what it granted
   */
  TokenResponse token(ImsGrant grant, Map<String, String> form, boolean basicAuth,
      Collection<String> scopes) {
    HttpResponse<String> response = post(TOKEN_PATH, grant, form, basicAuth, scopes);
    JsonNode body = parseJson(response.body());
    String accessToken = body == null ? "" : body.path("access_token").asText("");
    if (accessToken.isEmpty()) {
      throw new ServiceException("POST " + TOKEN_PATH, response.statusCode(), requestId(response),
          List.of(ServiceError.of("Unexpected answer", "no access_token in the IMS response", null)),
          1, false, null);
    }
    long expiresIn = body.path("expires_in").asLong(Duration.ofHours(24).toSeconds());
    Duration lifetime = expiresIn > MAX_PLAUSIBLE_SECONDS
        ? Duration.ofMillis(expiresIn) : Duration.ofSeconds(expiresIn);
    Set<String> granted = new LinkedHashSet<>(scopes);
    if (body.path("scope").isTextual()) {
      granted = new LinkedHashSet<>(Arrays.asList(body.path("scope").asText().split("[ ,]+")));
    }
    AccessToken token = AccessToken.builder().value(accessToken)
        .expiresAt(Instant.now(clock).plus(lifetime)).scopes(granted).build();
    String refresh = body.path("refresh_token").asText("");
    return new TokenResponse(token, refresh.isEmpty() ? null : refresh);
  }

  /** Revokes {@code refreshToken}. IMS answers 200 even for unknown tokens. */
  void revoke(String refreshToken) {
    post(REVOKE_PATH, ImsGrant.REVOKE,
        Map.of("token", refreshToken, "token_type", "refresh_token", "client_id", clientId),
        true, List.of());
  }

  private HttpResponse<String> post(String path, ImsGrant grant, Map<String, String> form,
      boolean basicAuth, Collection<String> scopes) {
    String operation = "POST " + path + " (" + grant.description() + ")";
    HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve(path))
        .timeout(requestTimeout)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
    if (basicAuth) {
      request.header("Authorization", "Basic " + basicCredential());
    }
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (ConnectException | HttpConnectTimeoutException e) {
        log.debug("{}: cannot connect to {} (attempt {}/{}): {}",
            operation, baseUri, attempt, maxAttempts, e.toString());
        if (attempt >= maxAttempts) {
          throw new ServiceException(operation, 0, null, List.of(), attempt, true, e);
        }
        backOff(attempt, operation);
        continue;
      } catch (IOException e) {
        throw new ServiceException(operation, 0, null, List.of(), attempt, false, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PostFlowException("Interrupted during " + operation, e);
      }
      int status = response.statusCode();
      log.debug("{} -> HTTP {} (attempt {}/{})", operation, status, attempt, maxAttempts);
      if (status >= 200 && status < 300) {
        return response;
      }
      if (status >= 500 && attempt < maxAttempts) {
        backOff(attempt, operation);
        continue;
      }
      if (status >= 500 || status == 429) {
        throw new ServiceException(operation, status, requestId(response),
            errors(response.body(), form), attempt, true, null);
      }
      JsonNode body = parseJson(response.body());
      String error = body == null ? "" : scrub(body.path("error").asText(""), form);
      if (status == 404 && error.isEmpty()) {
        throw new ServiceException(operation, status, requestId(response), List.of(ServiceError.of(
            "Not found", "no Adobe IMS endpoint at " + baseUri.resolve(path)
                + "; check 'imsBaseUri'", null)), attempt, false, null);
      }
      String description = body == null ? "" : scrub(body.path("error_description").asText(""), form);
      throw AuthErrors.fromIms(grant, status, error, description, scopes);
    }
  }

  private void backOff(int attempt, String operation) {
    long base = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << (attempt - 1));
    // Jitter keeps many clients that failed together from coming back together.
    long millis = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    try {
      sleeper.sleep(Duration.ofMillis(millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PostFlowException("Interrupted while waiting to retry " + operation, e);
    }
  }

  private List<ServiceError> errors(String body, Map<String, String> form) {
    JsonNode json = parseJson(body);
    if (json == null || !json.path("error").isTextual()) {
      return List.of();
    }
    return List.of(ServiceError.of(scrub(json.path("error").asText(), form),
        scrub(json.path("error_description").asText(""), form), null));
  }

  /**
   * {@code text} from IMS, or from a proxy in front of it, which may echo the request: the secrets
   * just sent (client secret, Basic credential, refresh token, code) are masked as written and
   * form-encoded, and so is any other credential {@link Redaction#text} recognises.
   */
  private String scrub(String text, Map<String, String> form) {
    List<String> sent = new ArrayList<>(List.of(clientSecret, basicCredential()));
    form.forEach((name, value) -> {
      if (SECRET_FIELDS.contains(name)) {
        sent.add(value);
      }
    });
    return Redaction.text(text, sent);
  }

  /** The HTTP Basic credential: base64 of client id, colon, client secret. */
  private String basicCredential() {
    String pair = clientId + ":" + clientSecret;
    return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private static String requestId(HttpResponse<?> response) {
    return response.headers().firstValue("x-request-id")
        .or(() -> response.headers().firstValue("x-debug-id")).orElse(null);
  }

  private static JsonNode parseJson(String body) {
    try {
      JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  static String encode(Map<String, String> form) {
    StringBuilder encoded = new StringBuilder();
    form.forEach((name, value) -> encoded.append(encoded.length() == 0 ? "" : "&")
        .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
        .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return encoded.toString();
  }

  @Override
  public String toString() {
    return "ImsClient{" + baseUri + ", clientId=" + clientId + "}";
  }
}
