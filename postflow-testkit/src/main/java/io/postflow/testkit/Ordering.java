package io.postflow.testkit;

import java.util.Comparator;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * How a listing is ordered: the sort key of each item, ascending or descending. A listing with a
 * documented {@code sort} query parameter picks one of its named orderings; 422 for a value the
 * operation does not declare.
 *
 * @param <T> the listed item
 */
record Ordering<T>(Function<T, SortKey> key, boolean descending) {
  static <T> Ordering<T> ascending(Function<T, SortKey> key) {
    return new Ordering<>(key, false);
  }

  static <T> Ordering<T> descending(Function<T, SortKey> key) {
    return new Ordering<>(key, true);
  }

  Comparator<SortKey> comparator() {
    return descending ? Comparator.<SortKey>reverseOrder() : Comparator.<SortKey>naturalOrder();
  }

  /**
   * The ordering the request's {@code sort} names among {@code named}, or {@code byDefault} without
   * one.
   */
  static <T> Ordering<T> fromQuery(ApiRequest request, Map<String, Ordering<T>> named, Ordering<T> byDefault) {
    String sort = request.query("sort");
    if (sort == null || sort.isEmpty()) {
      return byDefault;
    }
    Ordering<T> ordering = named.get(sort);
    if (ordering == null) {
      throw ApiException.invalid("/sort", "sort value '" + sort + "' is not one of " + new TreeSet<>(named.keySet()));
    }
    return ordering;
  }
}
