package io.postflow.sheets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postflow.api.PostFlowException;
import io.postflow.api.ServiceError;
import io.postflow.api.ServiceException;
import io.postflow.api.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Sheets API v4 values endpoints PostFlow uses, {@code values:batchGet} and
 * {@code values:batchUpdate}, with Google's truncated exponential back-off: after a 429
 * ({@code RESOURCE_EXHAUSTED}, the per-minute quota) or a 5xx, wait {@code base * 2^n} (at most
 * {@code maxDelay}) plus up to a second at random, or what {@code Retry-After} asks, and try again
 * up to {@code maxAttempts} in all. Both calls are idempotent (a read; a write of fixed values to
 * fixed cells), so retrying them is safe. A 401 asks for a new token once. Thread-safe.
 */
final class SheetsApi {
  private static final Logger LOG = LoggerFactory.getLogger(SheetsApi.class);
  private static final ObjectMapper JSON = GoogleJson.MAPPER;
  private static final Set<Integer> RETRYABLE = Set.of(408, 429, 500, 502, 503, 504);

  private final URI baseUri;
  private final String spreadsheetId;
  private final ServiceAccountTokens tokens;
  private final HttpClient http;
  private final Sleeper sleeper;
  private final int maxAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Duration timeout;
  private final DoubleSupplier random;

  SheetsApi(URI baseUri, String spreadsheetId, ServiceAccountTokens tokens, HttpClient http, Sleeper sleeper,
      int maxAttempts, Duration baseDelay, Duration maxDelay, Duration timeout, DoubleSupplier random) {
    this.baseUri = baseUri;
    this.spreadsheetId = spreadsheetId;
    this.tokens = tokens;
    this.http = http;
    this.sleeper = sleeper;
    this.maxAttempts = maxAttempts;
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
    this.timeout = timeout;
    this.random = random;
  }

  /** The rows of each range (A1 notation), in order; a range with no values gives no rows. */
  List<List<List<String>>> batchGet(List<String> ranges) {
    StringBuilder query = new StringBuilder("majorDimension=ROWS&valueRenderOption=FORMATTED_VALUE");
    for (String range : ranges) {
      query.append("&ranges=").append(URLEncoder.encode(range, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    JsonNode body = call("GET values:batchGet", "values:batchGet?" + query, null);
    List<List<List<String>>> out = new ArrayList<>();
    for (int i = 0; i < ranges.size(); i++) {
      JsonNode values = body.path("valueRanges").path(i).path("values");
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode row : values) {
        List<String> cells = new ArrayList<>();
        row.forEach(cell -> cells.add(cell.asText()));
        rows.add(cells);
      }
      out.add(rows);
    }
    return out;
  }

  /** Writes each cell's text as typed ({@code RAW}: never read as a formula); returns cells updated. */
  int batchUpdate(Map<String, String> cells) {
    ObjectNode request = JSON.createObjectNode().put("valueInputOption", "RAW");
    ArrayNode data = request.putArray("data");
    cells.forEach((range, value) -> {
      ObjectNode entry = data.addObject().put("range", range).put("majorDimension", "ROWS");
      entry.putArray("values").addArray().add(value);
    });
    return call("POST values:batchUpdate", "values:batchUpdate", request.toString())
        .path("totalUpdatedCells").asInt();
  }

  private JsonNode call(String operation, String path, String jsonBody) {
    URI uri = URI.create(baseUri.toString().replaceAll("/+$", "") + "/v4/spreadsheets/"
        + URLEncoder.encode(spreadsheetId, StandardCharsets.UTF_8) + "/" + path);
    int rateLimited = 0;
    boolean refreshed = false;
    for (int attempt = 1; ; attempt++) {
      String token = null;
      Duration retryAfter = null;
      ServiceException failure;
      try {
        token = tokens.accessToken();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
            .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (jsonBody == null) {
          request.GET();
        } else {
          request.header("Content-Type", "application/json; charset=UTF-8")
              .POST(HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        JsonNode body = GoogleJson.parse(response.body());
        if (status / 100 == 2) {
          return body;
        }
        JsonNode error = body.path("error");
        String googleStatus = error.path("status").asText("");
        String message = error.path("message").asText("");
        List<ServiceError> errors = googleStatus.isEmpty() && message.isEmpty() ? List.of()
            : List.of(ServiceError.of(googleStatus.isEmpty() ? null : googleStatus, message.isEmpty() ? null : message, null));
        if (status == 401 && !refreshed) {
          // The token expired early or was revoked: one new token, no wait, not an attempt.
          tokens.invalidate(token);
          refreshed = true;
          attempt--;
          continue;
        }
        boolean quota = status == 429 || "RESOURCE_EXHAUSTED".equals(googleStatus);
        if (quota) {
          rateLimited++;
        }
        retryAfter = response.headers().firstValue("Retry-After").flatMap(SheetsApi::seconds).orElse(null);
        failure = new ServiceException(operation + " " + spreadsheetId, status, null, errors, attempt,
            quota || RETRYABLE.contains(status), null);
        if (!failure.isRetryable()) {
          throw explained(failure, status);
        }
      } catch (IOException e) {
        failure = new ServiceException(operation + " " + spreadsheetId, 0, null, List.of(), attempt, true, e);
      } catch (ServiceException e) {
        // The token endpoint failed: retried like the API when it may pass.
        if (!e.isRetryable()) {
          throw e;
        }
        failure = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PostFlowException(operation + " interrupted", e);
      }
      if (attempt >= maxAttempts) {
        throw failure;
      }
      Duration wait = delay(attempt, retryAfter);
      LOG.debug("{}: {}; attempt {} of {} in {} ms ({} rate limited so far)", operation, failure.getMessage(),
          attempt + 1, maxAttempts, wait.toMillis(), rateLimited);
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PostFlowException(operation + " interrupted while backing off", e);
      }
    }
  }

  /** Google's truncated exponential back-off: base * 2^(attempt-1), capped, plus up to 1 s. */
  Duration delay(int attempt, Duration retryAfter) {
    long base = baseDelay.toMillis();
    int shift = Math.min(attempt - 1, 30);
    long exponential = base > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : base << shift;
    long wait = Math.min(exponential, maxDelay.toMillis())
        + (long) (1000 * Math.min(1, Math.max(0, random.getAsDouble())));
    if (retryAfter != null && retryAfter.toMillis() > wait) {
      wait = retryAfter.toMillis();
    }
    return Duration.ofMillis(wait);
  }

  /** The answers a person must act on, with what to do. */
  private PostFlowException explained(ServiceException failure, int status) {
    if (status == 403) {
      return new ServiceException(failure.operation() + " (share the spreadsheet with the service account "
          + tokens.clientEmail() + " as an editor, and enable the Google Sheets API in its project)",
          status, null, failure.errors(), failure.attempts(), false, null);
    }
    if (status == 404) {
      return new ServiceException(failure.operation() + " (no such spreadsheet: check the id in its URL,"
          + " docs.google.com/spreadsheets/d/<id>/edit)", status, null, failure.errors(), failure.attempts(), false, null);
    }
    return failure;
  }

  private static Optional<Duration> seconds(String header) {
    try {
      return Optional.of(Duration.ofSeconds(Long.parseLong(header.strip())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

}
