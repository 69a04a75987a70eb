package io.postflow.examples.bench;

import io.postflow.testkit.FrameioSandbox;
import io.postflow.testkit.RecordedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The least time the sandbox's rate limits allow for the calls a run made. The sandbox enforces
 * each limit ({@code RateLimiter} in postflow-testkit) as a leaky bucket per account user and
 * operation that holds {@code limit} calls and drains continuously at {@code limit / window}; a call is
 * refused (429) when the bucket is full. From an empty bucket, {@code limit} calls may go at once
 * and every further call waits for {@code window / limit} to drain, so {@code n} accepted calls
 * take at least {@code max(0, n - limit) * window / limit}. A run can go no faster than its
 * slowest operation: the floor of a run is the largest of those.
 *
 * <p>The limits are read from the sandbox itself rather than copied here (its table is
 * package-private, and a test may override it): {@link #probe} sends, after the phase that needed
 * it (buckets are per account user, so each probe takes one call from the user's bucket; once per
 * operation and benchmark, before the next phase's pause), one request per operation with
 * every id in the path replaced by a fresh one. The route still matches, so the sandbox takes the
 * call from that operation's bucket, answers with its {@code x-ratelimit-limit} and
 * {@code x-ratelimit-window}, and then 404s (no such folder or file): nothing is created or
 * deleted. The sandbox's log says which operation each probe was counted as, which is checked.
 */
final class RateLimitFloor {
  private static final Pattern ID = Pattern.compile(
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /** One operation's limit: {@code calls} per {@code window}. */
  record Limit(int calls, Duration window) {
    /** The least time {@code n} accepted calls take from an empty bucket. */
    Duration minimumFor(long n) {
      return Duration.ofNanos(Math.max(0, n - calls) * window.toNanos() / calls);
    }

    @Override
    public String toString() {
      return calls + " per " + (window.toMillis() % 1000 == 0 ? window.toSeconds() + " s" : window.toMillis() + " ms");
    }
  }

  /** What one rate-limited operation allows for the accepted calls a phase made of it. */
  record Bound(String operation, long calls, Limit limit, Duration minimum) {}

  private RateLimitFloor() {}

  /**
   * The limit of every operation in {@code samples} (operation id to one request the run made of
   * it) that the sandbox rate-limits; operations outside {@code /v4} (the part endpoint, IMS) are
   * not limited and left out.
   *
   * @throws IllegalStateException when the sandbox counted a probe as another operation
   */
  static Map<String, Limit> probe(FrameioSandbox sandbox, Map<String, RecordedRequest> samples)
      throws Exception {
    String token = sandbox.issueAccessToken();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    Map<String, Limit> limits = new LinkedHashMap<>();
    Map<String, String> probeIds = new LinkedHashMap<>();
    for (Map.Entry<String, RecordedRequest> sample : samples.entrySet()) {
      RecordedRequest request = sample.getValue();
      String path = request.path().replaceFirst("\\?.*$", "");
      if (!path.startsWith("/v4/")) {
        continue;
      }
      String elsewhere = ID.matcher(path).replaceAll(m -> UUID.randomUUID().toString());
      boolean hasBody = !request.method().equals("GET") && !request.method().equals("DELETE");
      HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUri() + elsewhere))
          .header("Authorization", "Bearer " + token)
          .header("Content-Type", "application/json")
          .method(request.method(), hasBody ? HttpRequest.BodyPublishers.ofString("{\"data\":{}}")
              : HttpRequest.BodyPublishers.noBody())
          .build(), HttpResponse.BodyHandlers.discarding());
      Optional<String> limit = answer.headers().firstValue("x-ratelimit-limit");
      Optional<String> window = answer.headers().firstValue("x-ratelimit-window");
      Optional<String> requestId = answer.headers().firstValue("x-request-id");
      if (limit.isEmpty() || window.isEmpty() || requestId.isEmpty()) {
        throw new IllegalStateException("no rate-limit headers on " + request.method() + " " + elsewhere);
      }
      limits.put(sample.getKey(), new Limit(Integer.parseInt(limit.get()),
          Duration.ofMillis(Long.parseLong(window.get()))));
      probeIds.put(requestId.get(), sample.getKey());
    }
    for (RecordedRequest logged : sandbox.inspect().requests(r -> probeIds.containsKey(r.requestId()))) {
      String expected = probeIds.remove(logged.requestId());
      if (!logged.operation().equals(expected)) {
        throw new IllegalStateException("the probe of " + expected + " was counted as " + logged.operation());
      }
    }
    if (!probeIds.isEmpty()) {
      throw new IllegalStateException("probes missing from the sandbox's log: " + probeIds.values());
    }
    return limits;
  }

  /**
   * What a phase's calls allow: the calls per operation since the phase began, the 429 answers
   * among them, and the bounds of the limited ones, largest first ({@link #floor()}: the first).
   * {@code logFull} says the sandbox's request log (its last 10,000 requests) no longer reaches
   * back to the phase's start, so the 429 count is a lower bound.
   */
  record Phase(Map<String, Long> calls, Map<String, Long> refused, List<Bound> bounds, boolean logFull) {
    /** The least time the phase's accepted calls take: its slowest operation's bound. */
    Duration floor() {
      return bounds.isEmpty() ? Duration.ZERO : bounds.get(0).minimum();
    }

    /** The 429 answers of every operation. */
    int rateLimited() {
      return refused.values().stream().mapToInt(Long::intValue).sum();
    }

    /** The calls of the operations that have a limit. */
    long limitedCalls(Map<String, Limit> limits) {
      return calls.entrySet().stream().filter(e -> limits.containsKey(e.getKey()))
          .mapToLong(Map.Entry::getValue).sum();
    }
  }

  /**
   * Measures a phase that began at {@code since}, when the sandbox's operation counts were
   * {@code countsBefore}: its calls, its 429s and its floor. {@code limits} caches what earlier
   * phases probed; the operations it lacks are {@link #probe probed} now (after the phase, as the
   * probe takes a call from the bucket) and added to it.
   */
  static Phase measure(FrameioSandbox sandbox, Instant since, Map<String, Long> countsBefore,
      Map<String, Limit> limits) throws Exception {
    Map<String, Long> counts = sandbox.inspect().operationCounts();
    List<RecordedRequest> log = sandbox.inspect().requests();
    Map<String, Long> calls = new HashMap<>();
    counts.forEach((op, n) -> calls.put(op, n - countsBefore.getOrDefault(op, 0L)));
    Map<String, Long> refused = new HashMap<>();
    Map<String, RecordedRequest> samples = new LinkedHashMap<>();
    boolean logFull = log.size() >= 10_000 && !log.get(0).at().isBefore(since);
    for (RecordedRequest r : log) {
      if (!r.at().isBefore(since)) {
        if (r.status() == 429) {
          refused.merge(r.operation(), 1L, Long::sum);
        }
        if (!limits.containsKey(r.operation())) {
          samples.putIfAbsent(r.operation(), r);
        }
      }
    }
    limits.putAll(probe(sandbox, samples));
    Map<String, Long> accepted = new HashMap<>();
    calls.forEach((op, n) -> accepted.put(op, n - refused.getOrDefault(op, 0L)));
    return new Phase(calls, refused, bounds(accepted, limits), logFull);
  }

  /** The bound of each limited operation in {@code accepted} (calls per operation), largest first. */
  static List<Bound> bounds(Map<String, Long> accepted, Map<String, Limit> limits) {
    List<Bound> bounds = new ArrayList<>();
    accepted.forEach((operation, calls) -> {
      Limit limit = limits.get(operation);
      if (limit != null && calls > 0) {
        bounds.add(new Bound(operation, calls, limit, limit.minimumFor(calls)));
      }
    });
    bounds.sort(Comparator.comparing(Bound::minimum).reversed().thenComparing(Bound::operation));
    return bounds;
  }
}
