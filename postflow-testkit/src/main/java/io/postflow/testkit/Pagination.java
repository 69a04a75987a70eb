package io.postflow.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Frame.io list pages: {@code page_size} (default 50, at most 100, or 500 for folder listings; out of
 * range is a 422 as the OpenAPI schema bounds it), opaque {@code after} cursor, and
 * {@code include_total_count}. {@code links.next} is the bare path plus {@code ?after=} only, exactly
 * like the service: the caller must re-append its other query parameters.
 *
 * <p>Listings with an {@link Ordering} page by keyset: the cursor names the sort key of the last
 * item served, and the next page starts after that key in the listing as it is then, so deleting
 * an item already served (or the last one) neither skips nor repeats another. Lists without one
 * (a single account, a version stack's versions) page by position.
 */
final class Pagination {
  private Pagination() {}

  /** One page of {@code items} (all of them, in the order given) for a list paged by position. */
  static <T> ApiResponse page(ApiRequest request, PageLimits limits, List<T> items, Function<T, JsonNode> view) {
    return page(request, limits.defaultSize(), limits.max(), items, null, view);
  }

  /** One page of {@code items} (all of them, any order) sorted by {@code ordering}, paged by keyset. */
  static <T> ApiResponse page(ApiRequest request, PageLimits limits, List<T> items, Ordering<T> ordering,
      Function<T, JsonNode> view) {
    return page(request, limits.defaultSize(), limits.max(), items, ordering, view);
  }

  /** One page of a folder listing, whose page size may go up to {@link PageLimits#maxAssets()}. */
  static <T> ApiResponse assetPage(ApiRequest request, PageLimits limits, List<T> items, Ordering<T> ordering,
      Function<T, JsonNode> view) {
    return page(request, limits.defaultSize(), limits.maxAssets(), items, ordering, view);
  }

  private static <T> ApiResponse page(ApiRequest request, int defaultSize, int maxPageSize, List<T> items,
      Ordering<T> ordering, Function<T, JsonNode> view) {
    int pageSize = pageSize(request.query("page_size"), Math.min(defaultSize, maxPageSize), maxPageSize);
    List<T> sorted = new ArrayList<>(items);
    int start;
    if (ordering == null) {
      start = Math.min(offset(request.query("after")), sorted.size());
    } else {
      Comparator<SortKey> order = ordering.comparator();
      sorted.sort((a, b) -> order.compare(ordering.key().apply(a), ordering.key().apply(b)));
      SortKey after = keyset(request.query("after"));
      start = 0;
      while (after != null && start < sorted.size() && order.compare(ordering.key().apply(sorted.get(start)), after) <= 0) {
        start++;
      }
    }
    int end = Math.min(sorted.size(), start + pageSize);
    ArrayNode data = Json.array();
    for (int i = start; i < end; i++) {
      data.add(view.apply(sorted.get(i)));
    }
    ObjectNode root = Json.object();
    root.set("data", data);
    ObjectNode links = Json.object();
    if (end < sorted.size()) {
      String cursor = ordering == null ? cursor(end) : cursor(ordering.key().apply(sorted.get(end - 1)));
      links.put("next", request.path + "?after=" + cursor);
    } else {
      links.putNull("next");
    }
    root.set("links", links);
    if ("true".equals(request.query("include_total_count"))) {
      root.put("total_count", items.size());
    } else {
      root.putNull("total_count");
    }
    return new ApiResponse(200, root);
  }

  private static int pageSize(String raw, int defaultSize, int max) {
    if (raw == null) {
      return defaultSize;
    }
    try {
      int size = Integer.parseInt(raw);
      if (size >= 1 && size <= max) {
        return size;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.invalid("/page_size", "page_size must be an integer from 1 to " + max);
  }

  static String cursor(SortKey key) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(("k:" + key.value() + '\u0000' + key.id()).getBytes(StandardCharsets.UTF_8));
  }

  private static SortKey keyset(String after) {
    if (after == null) {
      return null;
    }
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
      int separator = decoded.indexOf('\u0000');
      if (decoded.startsWith("k:") && separator > 0) {
        return new SortKey(decoded.substring(2, separator), decoded.substring(separator + 1));
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw ApiException.invalid("/after", "after is not a valid cursor for this listing");
  }

  static String cursor(int offset) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static int offset(String after) {
    if (after == null) {
      return 0;
    }
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
      if (decoded.startsWith("o:")) {
        int offset = Integer.parseInt(decoded.substring(2));
        if (offset >= 0) {
          return offset;
        }
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw ApiException.invalid("/after", "after is not a valid cursor");
  }
}
