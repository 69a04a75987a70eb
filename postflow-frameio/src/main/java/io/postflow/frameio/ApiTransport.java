package io.postflow.frameio;

import io.postflow.api.Sleeper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.postflow.api.AccessToken;
import io.postflow.api.Authenticator;
import io.postflow.api.PostFlowException;
import io.postflow.api.ServiceException;
import io.postflow.frameio.internal.Redaction;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one Frame.io call with everything around it: the bearer token (refreshed once on a 401),
 * pacing, per-attempt and per-call timeouts, retries by the {@link RetryPolicy}, error mapping and
 * DEBUG logging without secrets. Thread-safe; blocks the calling thread and honours its interrupt
 * (the HTTP exchange is cancelled, the flag restored and a {@link PostFlowException} thrown).
 */
final class ApiTransport {
  private static final Logger LOG = LoggerFactory.getLogger(ApiTransport.class);

  private final HttpClient http;
  private final URI baseUri;
  private final Authenticator authenticator;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RetryPolicy policy;
  private final Backoff backoff;
  private final RequestPacer pacer;
  private final Duration attemptTimeout;
  private final Duration callTimeout;
  private final FrameioObserver observer;

  ApiTransport(HttpClient http, URI baseUri, Authenticator authenticator, Clock clock,
      Sleeper sleeper, RetryPolicy policy, Backoff backoff, RequestPacer pacer,
      Duration attemptTimeout, Duration callTimeout, FrameioObserver observer) {
    this.http = http;
    this.baseUri = baseUri;
    this.authenticator = authenticator;
    this.clock = clock;
    this.sleeper = sleeper;
    this.policy = policy;
    this.backoff = backoff;
    this.pacer = pacer;
    this.attemptTimeout = attemptTimeout;
    this.callTimeout = callTimeout;
    this.observer = observer;
  }

  /** Performs {@code request}; returns its 2xx answer or throws the mapped exception. */
  ApiResponse execute(ApiRequest request) {
    Endpoint endpoint = request.endpoint();
    Instant deadline = clock.instant().plus(callTimeout);
    boolean refreshed = false;
    int rateLimited = 0;
    for (int attempt = 1; ; attempt++) {
      waitFor(pacer.reserve(endpoint), deadline, request, attempt, null);
      AccessToken token = authenticator.token();
      Outcome outcome = send(request, token, deadline, attempt);
      if (outcome.response != null) {
        HttpResponse<byte[]> response = outcome.response;
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status >= 200 && status < 300) {
          return new ApiResponse(status, response.headers(), body);
        }
        if (status == 401) {
          if (refreshed) {
            throw ErrorMapper.unauthorized(endpoint, response.headers(), response.body(), body, attempt);
          }
          refreshed = true;
          authenticator.refresh(token);
          continue;
        }
        Backoff.Reason reason = reasonFor(status);
        if (reason == null || attempt >= policy.maxAttempts()) {
          throw ErrorMapper.service(endpoint, status, response.headers(), body, attempt,
              reason != null, null);
        }
        boolean processed = status != 429; // a 429 is refused before any work is done
        if (reason == Backoff.Reason.RATE_LIMITED) {
          rateLimited++;
          pacer.rateLimited(endpoint);
        }
        if (processed && !endpoint.idempotent() && request.alreadyDone() == null) {
          throw ErrorMapper.service(endpoint, status, response.headers(), body, attempt, true, null);
        }
        Duration wait = backoff.delay(reason, attempt, rateLimited, retryAfter(response.headers()));
        ServiceException ifTimedOut =
            ErrorMapper.service(endpoint, status, response.headers(), body, attempt, true, null);
        waitFor(wait, deadline, request, attempt, ifTimedOut);
        Optional<ApiResponse> done = processed ? checkDone(request) : Optional.empty();
        if (done.isPresent()) {
          return done.get();
        }
        continue;
      }
      IOException failure = outcome.failure;
      boolean neverSent = failure instanceof ConnectException
          || failure instanceof HttpConnectTimeoutException;
      boolean mayRetry = endpoint.idempotent() || neverSent || request.alreadyDone() != null;
      ServiceException mapped =
          ErrorMapper.service(endpoint, 0, null, null, attempt, true, failure);
      if (!mayRetry || attempt >= policy.maxAttempts()) {
        throw mapped;
      }
      waitFor(backoff.delay(Backoff.Reason.NETWORK, attempt, rateLimited, null), deadline, request,
          attempt, mapped);
      Optional<ApiResponse> done = neverSent ? Optional.empty() : checkDone(request);
      if (done.isPresent()) {
        return done.get();
      }
    }
  }

  private Optional<ApiResponse> checkDone(ApiRequest request) {
    if (request.endpoint().idempotent() || request.alreadyDone() == null) {
      return Optional.empty();
    }
    Optional<JsonNode> found = request.alreadyDone().get();
    found.ifPresent(f -> LOG.debug("{}: the earlier attempt did create it; not repeating",
        request.endpoint().operation()));
    return found.map(ApiResponse::found);
  }

  /** The answer, or the I/O failure of this one attempt. */
  private static final class Outcome {
    final HttpResponse<byte[]> response;
    final IOException failure;

    Outcome(HttpResponse<byte[]> response, IOException failure) {
      this.response = response;
      this.failure = failure;
    }
  }

  private Outcome send(ApiRequest request, AccessToken token, Instant deadline, int attempt) {
    Duration timeout = min(attemptTimeout, remaining(deadline, request, attempt, null));
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri(request))
        .timeout(timeout)
        .header("Authorization", "Bearer " + token.value())
        .header("Accept", "application/json");
    if (request.body() != null) {
      builder.header("Content-Type", "application/json")
          .method(request.endpoint().method(),
              HttpRequest.BodyPublishers.ofByteArray(Json.bytes(request.body())));
    } else {
      builder.method(request.endpoint().method(), HttpRequest.BodyPublishers.noBody());
    }
    long started = System.nanoTime();
    CompletableFuture<HttpResponse<byte[]>> future =
        http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    try {
      HttpResponse<byte[]> response = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      pacer.observe(request.endpoint(), response.headers());
      log(request, attempt, response.statusCode(), started, ErrorMapper.requestId(response.headers()));
      return new Outcome(response, null);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new PostFlowException("interrupted during " + request.endpoint().operation(), e);
    } catch (TimeoutException e) {
      future.cancel(true);
      log(request, attempt, 0, started, null);
      return new Outcome(null, new java.net.http.HttpTimeoutException(
          "no answer within the attempt timeout of " + timeout));
    } catch (ExecutionException e) {
      log(request, attempt, 0, started, null);
      Throwable cause = e.getCause();
      if (cause instanceof IOException) {
        return new Outcome(null, (IOException) cause);
      }
      throw new PostFlowException(
          request.endpoint().operation() + " failed: " + cause.getClass().getSimpleName(), cause);
    }
  }

  private void log(ApiRequest request, int attempt, int status, long startedNanos, String requestId) {
    try {
      observer.onApiAttempt(request.endpoint().operation(), status,
          Duration.ofNanos(System.nanoTime() - startedNanos), attempt);
    } catch (RuntimeException e) {
      LOG.warn("FrameioObserver {} failed; ignored", observer.getClass().getName(), e);
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug("{} {} -> {} in {} ms (attempt {}, request id {})", request.endpoint().method(),
          Redaction.withoutQuery(request.path()), status == 0 ? "no answer" : status,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos), attempt, requestId);
    }
  }

  URI uri(ApiRequest request) {
    StringBuilder uri = new StringBuilder(baseUri.toString());
    if (uri.charAt(uri.length() - 1) == '/') {
      uri.setLength(uri.length() - 1);
    }
    uri.append(request.path());
    char separator = request.path().indexOf('?') < 0 ? '?' : '&';
    for (Map.Entry<String, String> parameter : request.query().entrySet()) {
      uri.append(separator).append(encode(parameter.getKey())).append('=')
          .append(encode(parameter.getValue()));
      separator = '&';
    }
    return URI.create(uri.toString());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** Sleeps {@code wait}, unless that would pass the call's deadline. */
  private void waitFor(Duration wait, Instant deadline, ApiRequest request, int attempt,
      ServiceException lastFailure) {
    if (wait.isZero() || wait.isNegative()) {
      return;
    }
    Duration left = remaining(deadline, request, attempt, lastFailure);
    if (wait.compareTo(left) > 0) {
      throw callTimedOut(request, attempt, lastFailure);
    }
    LOG.debug("{}: waiting {} ms before attempt {}", request.endpoint().operation(),
        wait.toMillis(), attempt + (lastFailure == null ? 0 : 1));
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PostFlowException("interrupted during " + request.endpoint().operation(), e);
    }
  }

  private Duration remaining(Instant deadline, ApiRequest request, int attempt,
      ServiceException lastFailure) {
    Duration left = Duration.between(clock.instant(), deadline);
    if (left.isNegative() || left.isZero()) {
      throw callTimedOut(request, attempt, lastFailure);
    }
    return left;
  }

  private ServiceException callTimedOut(ApiRequest request, int attempt, ServiceException last) {
    TimeoutException cause = new TimeoutException("the call timeout of " + callTimeout + " ran out");
    if (last != null) {
      cause.initCause(last);
    }
    return new ServiceException(request.endpoint().operation(),
        last == null ? 0 : last.httpStatus(), last == null ? null : last.requestId().orElse(null),
        last == null ? java.util.List.of() : last.errors(), attempt, true, cause);
  }

  private static Backoff.Reason reasonFor(int status) {
    if (status == 429) {
      return Backoff.Reason.RATE_LIMITED;
    }
    if (status == 408) {
      return Backoff.Reason.NETWORK;
    }
    return status >= 500 && status <= 599 ? Backoff.Reason.SERVER_ERROR : null;
  }

  private static Duration retryAfter(HttpHeaders headers) {
    Optional<String> value = headers.firstValue("retry-after");
    if (value.isEmpty()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.get().trim())));
    } catch (NumberFormatException e) {
      return null; // an HTTP date: rare enough to fall back to our own back-off
    }
  }

  private static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      return MissingNode.getInstance();
    }
    try {
      return Json.parse(body);
    } catch (IOException e) {
      return MissingNode.getInstance(); // an HTML error page from a proxy, for instance
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
