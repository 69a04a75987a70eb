package io.postflow.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves everything under /v4: bearer check (401 on every path), routing (404/405), injected
 * faults, the JSON content type of request bodies, rate limits, the handler, Frame.io error bodies,
 * and the headers every answer carries ({@code x-request-id}, {@code x-ratelimit-*}). Each exchange
 * is logged in the {@link RequestLog}.
 *
 * <p>Rate limits are counted per account user and operation, as the OpenAPI document states
 * ("per account_user"): every token the sandbox issues belongs to its one user, so two clients with
 * two tokens share one bucket. With limits switched off the buckets still count, so
 * {@code x-ratelimit-remaining} stays truthful; only the 429 is never sent.
 *
 * <p>A request with a body must say {@code Content-Type: application/json} (parameters such as
 * {@code charset} allowed): the document declares no other request media type, and a body without
 * it is answered 422, the document's status for a request it cannot process.
 */
final class ApiHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
  private static final int MAX_BODY_BYTES = 1 << 20;
  private static final RateLimit UNROUTED_LIMIT = RateLimit.HUNDRED_PER_MINUTE;

  private final Router router;
  private final Predicate<String> tokenCheck;
  private final RateLimiter limiter;
  private final RateLimitSettings limits;
  private final SandboxFaults faults;
  private final RequestLog log;
  private final Clock clock;
  private final String userId;

  ApiHandler(Router router, Predicate<String> tokenCheck, RateLimiter limiter, RateLimitSettings limits,
      SandboxFaults faults, RequestLog log, Clock clock, String userId) {
    this.userId = userId;
    this.router = router;
    this.tokenCheck = tokenCheck;
    this.limiter = limiter;
    this.limits = limits;
    this.faults = faults;
    this.log = log;
    this.clock = clock;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String requestId = UUID.randomUUID().toString();
    Instant at = clock.instant();
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    String operation = "unrouted";
    String token = bearer(exchange.getRequestHeaders().getFirst("Authorization"));
    RateLimiter.Decision decision = limiter.peek(bucketKey(token, operation), UNROUTED_LIMIT);
    int status;
    JsonNode body;
    String allow = null;
    boolean served = false;
    try {
      sleep(faults.handshakeDelayFor(exchange.getRemoteAddress().toString()));
      byte[] bytes = readBody(exchange.getRequestBody());
      sleep(faults.latency());
      if (token == null || !tokenCheck.test(token)) {
        throw ApiException.unauthorized(token == null ? "Missing bearer token" : "Invalid or expired token");
      }
      Router.Match match = router.match(method, path);
      operation = match.route().operation();
      RateLimit limit = limits.limitFor(operation, match.route().limit());
      decision = limiter.peek(bucketKey(token, operation), limit);
      SandboxFaults.ApiFault fault = faults.nextApiFault(operation, match.params().containsKey("account_id"));
      if (fault != null && fault.kind() == SandboxFaults.ApiFaultKind.PLAIN_RATE_LIMIT) {
        LOG.debug("{} {} -> 429 plain text (fault)", method, path);
        log.record(requestId, at, method, exchange.getRequestURI(), operation, 429, exchange.getRequestHeaders());
        sendPlain(exchange, 429, "Too Many Requests");
        return;
      }
      if (fault != null) {
        if (fault.kind() == SandboxFaults.ApiFaultKind.RATE_LIMIT) {
          decision = new RateLimiter.Decision(false, limit.limit(), 0, limit.window().toMillis());
        }
        throw faultError(fault, operation, limit);
      }
      checkContentType(exchange.getRequestHeaders().getFirst("Content-Type"), bytes);
      decision = limiter.acquire(bucketKey(token, operation), limit, limits.enabled());
      if (!decision.allowed()) {
        throw new ApiException(429, "Too many requests", "Rate limit exceeded for " + operation, null);
      }
      ApiRequest request = new ApiRequest(method, path, match.params(), query(exchange), bytes, token);
      served = true;
      ApiResponse response = match.route().handler().handle(request);
      status = response.status();
      body = response.body();
    } catch (ApiException e) {
      status = e.status;
      body = Json.errors(e.title, e.getMessage(), e.pointer);
    } catch (Router.MethodNotAllowed e) {
      status = 405;
      allow = e.allow;
      body = Json.errors("Method not allowed", method + " is not allowed on " + path, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.close();
      return;
    } catch (RuntimeException | IOException e) {
      LOG.warn("Sandbox handler failed for {} {} (request {})", method, path, requestId, e);
      status = 500;
      body = Json.errors("Internal server error", "Internal server error", null);
    }
    var headers = exchange.getResponseHeaders();
    headers.set("x-request-id", requestId);
    headers.set("x-ratelimit-limit", Integer.toString(decision.limit()));
    headers.set("x-ratelimit-remaining", Integer.toString(decision.remaining()));
    headers.set("x-ratelimit-window", Long.toString(decision.windowMillis()));
    if (allow != null) {
      headers.set("Allow", allow);
    }
    LOG.debug("{} {} -> {} ({})", method, path, status, operation);
    log.record(requestId, at, method, exchange.getRequestURI(), operation, status, exchange.getRequestHeaders());
    // Counted before the answer leaves: a client that acts on the answer (sets another fault,
    // sends its next request) must find this request already counted.
    if (served) {
      faults.served();
    }
    send(exchange, status, body);
  }

  /**
   * Every token the sandbox issues belongs to its one account user, so the bucket is the user's
   * (Frame.io: "per account_user"), not the token's; a request without a valid token has its own.
   */
  private String bucketKey(String token, String operation) {
    return (token != null && tokenCheck.test(token) ? userId : "anonymous") + " " + operation;
  }

  private static ApiException faultError(SandboxFaults.ApiFault fault, String operation, RateLimit limit) {
    return switch (fault.kind()) {
      case NOT_LINKED -> ApiException.unauthorized(SandboxFaults.NOT_LINKED_DETAIL);
      case ACCOUNT_LOCKED -> new ApiException(403, "Forbidden", SandboxFaults.ACCOUNT_LOCKED_DETAIL, null);
      case RATE_LIMIT -> new ApiException(429, "Too many requests", "Rate limit exceeded for " + operation
          + " (" + limit.limit() + " per " + limit.window().toMillis() + " ms)", null);
      default -> new ApiException(fault.status(), fault.status() == 503 ? "Service unavailable" : "Server error",
          "The service could not complete " + operation + "; try again later", null);
    };
  }

  /**
   * A body must be JSON and say so; the OpenAPI document declares {@code application/json} as the
   * only request media type of every operation.
   */
  private static void checkContentType(String contentType, byte[] body) {
    if (body.length == 0) {
      return;
    }
    String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    if (!mediaType.equals("application/json")) {
      throw new ApiException(422, "Unsupported content type", "A request body must be sent with header "
          + "Content-Type: application/json; it was " + (contentType == null ? "missing" : "'" + contentType + "'"),
          null);
    }
  }

  private static void sendPlain(HttpExchange exchange, int status, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    if (body == null) {
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
      return;
    }
    byte[] bytes = Json.bytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String bearer(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = authorization.substring(7).trim();
    return token.isEmpty() ? null : token;
  }

  private static byte[] readBody(InputStream in) throws IOException {
    try (in) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw new ApiException(413, "Payload too large", "Request body over 1 MiB", null);
      }
      return bytes;
    }
  }

  private static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> query = new LinkedHashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      query.putIfAbsent(name, value);
    }
    return query;
  }

  private static void sleep(Duration duration) throws InterruptedException {
    if (!duration.isZero()) {
      Thread.sleep(duration.toMillis());
    }
  }
}
