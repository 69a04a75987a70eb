package io.postflow.frameio;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Cursor pagination. Follows {@code links.next}, which is relative and drops the original query
 * ({@code type}, {@code page_size}, {@code include}), so those are re-appended. Lazy: a page is
 * fetched only when the previous one has been consumed. Not thread-safe (like any iterator).
 */
final class Pager<T> implements Iterator<T> {
  private final ApiTransport transport;
  private final ApiRequest first;
  private final Function<JsonNode, Optional<T>> mapper;
  private final Deque<T> buffer = new ArrayDeque<>();
  private String next;
  private boolean started;

  Pager(ApiTransport transport, ApiRequest first, Function<JsonNode, Optional<T>> mapper) {
    this.transport = transport;
    this.first = first;
    this.mapper = mapper;
  }

  /** A lazy stream over every item of every page. */
  static <T> Stream<T> stream(ApiTransport transport, ApiRequest first,
      Function<JsonNode, Optional<T>> mapper) {
    Pager<T> pager = new Pager<>(transport, first, mapper);
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(pager, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  /** Fetches one page: the first when {@code next} is empty, else the one {@code next} points to. */
  static <T> Page<T> page(ApiTransport transport, ApiRequest first, Optional<String> next,
      Function<JsonNode, Optional<T>> mapper) {
    ApiRequest request = next.map(link -> follow(first, link)).orElse(first);
    JsonNode body = transport.execute(request).body();
    ImmutablePage.Builder<T> page = ImmutablePage.builder();
    for (JsonNode item : body.path("data")) {
      mapper.apply(item).ifPresent(page::addItems);
    }
    OptionalLong total = Json.number(body, "total_count");
    return page.next(Json.text(body.path("links"), "next")).totalCount(total).build();
  }

  /** The request for {@code link}: its path and query, plus every original parameter it lacks. */
  static ApiRequest follow(ApiRequest first, String link) {
    String path = link;
    Map<String, String> query = new LinkedHashMap<>();
    int question = link.indexOf('?');
    if (question >= 0) {
      path = link.substring(0, question);
      for (String pair : link.substring(question + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int equals = pair.indexOf('=');
        String key = decode(equals < 0 ? pair : pair.substring(0, equals));
        query.put(key, equals < 0 ? "" : decode(pair.substring(equals + 1)));
      }
    }
    if (path.startsWith("http://") || path.startsWith("https://")) {
      path = java.net.URI.create(path).getRawPath(); // absolute links: keep our own base URI
    }
    for (Map.Entry<String, String> original : first.query().entrySet()) {
      query.putIfAbsent(original.getKey(), original.getValue());
    }
    return new ApiRequest(first.endpoint(), path, query, first.body(), first.alreadyDone());
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  @Override
  public boolean hasNext() {
    while (buffer.isEmpty() && (!started || next != null)) {
      Page<T> page = page(transport, first, Optional.ofNullable(next), mapper);
      started = true;
      next = page.next().orElse(null);
      buffer.addAll(page.items());
    }
    return !buffer.isEmpty();
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return buffer.removeFirst();
  }
}
