package io.postflow.testkit;

import com.sun.net.httpserver.Headers;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bounded log of answered requests (newest {@value #CAPACITY} kept) with secrets masked before
 * anything is stored, and counts per operation over the sandbox's lifetime. Thread-safe.
 */
final class RequestLog {
  static final int CAPACITY = 10_000;
  static final String MASK = "***";

  private static final Set<String> SECRET_HEADERS = Set.of("authorization", "cookie", "set-cookie");
  private static final Pattern SECRET_QUERY =
      Pattern.compile(
          "(?i)(?<=[?&])(X-Amz-Signature|X-Amz-Credential|access_token|refresh_token|client_secret|code)=([^&]*)");

  private final Deque<RecordedRequest> entries = new ArrayDeque<>();
  private final Map<String, Long> counts = new TreeMap<>();

  synchronized void record(
      String requestId, Instant at, String method, URI uri, String operation, int status, Headers headers) {
    String rawPathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    RecordedRequest entry = new RecordedRequest(
        requestId, at, method, maskQuery(rawPathAndQuery), operation, status, maskHeaders(headers));
    entries.addLast(entry);
    if (entries.size() > CAPACITY) {
      entries.removeFirst();
    }
    counts.merge(operation, 1L, Long::sum);
  }

  synchronized List<RecordedRequest> snapshot() {
    return new ArrayList<>(entries);
  }

  synchronized Map<String, Long> counts() {
    return new LinkedHashMap<>(counts);
  }

  static String maskQuery(String pathAndQuery) {
    Matcher m = SECRET_QUERY.matcher(pathAndQuery);
    return m.replaceAll("$1=" + MASK);
  }

  private static Map<String, List<String>> maskHeaders(Headers headers) {
    Map<String, List<String>> masked = new TreeMap<>();
    headers.forEach((name, values) -> {
      String key = name.toLowerCase(Locale.ROOT);
      masked.put(key, SECRET_HEADERS.contains(key) ? List.of(MASK) : List.copyOf(values));
    });
    return masked;
  }
}
