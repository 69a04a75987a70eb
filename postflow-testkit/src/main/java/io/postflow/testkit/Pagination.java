package io.postflow.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Frame.io list pages: {@code page_size} (default 50, at most 100, or 500 for folder listings; out of
 * range is a 422 as the OpenAPI schema bounds it), opaque {@code after} cursor, and
 * {@code include_total_count}. {@code links.next} is the bare path plus {@code ?after=} only, exactly
 * like the service: the caller must re-append its other query parameters.
 */
final class Pagination {
  private Pagination() {}

  /** One page of {@code items} (all of them, in order) for an ordinary list. */
  static <T> ApiResponse page(ApiRequest request, PageLimits limits, List<T> items, Function<T, JsonNode> view) {
    return page(request, limits.defaultSize(), limits.max(), items, view);
  }

  /** One page of a folder listing, whose page size may go up to {@link PageLimits#maxAssets()}. */
  static <T> ApiResponse assetPage(ApiRequest request, PageLimits limits, List<T> items,
      Function<T, JsonNode> view) {
    return page(request, limits.defaultSize(), limits.maxAssets(), items, view);
  }

  private static <T> ApiResponse page(ApiRequest request, int defaultSize, int maxPageSize, List<T> items,
      Function<T, JsonNode> view) {
    int pageSize = pageSize(request.query("page_size"), Math.min(defaultSize, maxPageSize), maxPageSize);
    int offset = offset(request.query("after"));
    int end = Math.min(items.size(), offset + pageSize);
    ArrayNode data = Json.array();
    for (int i = Math.min(offset, items.size()); i < end; i++) {
      data.add(view.apply(items.get(i)));
    }
    ObjectNode root = Json.object();
    root.set("data", data);
    ObjectNode links = Json.object();
    if (end < items.size()) {
      links.put("next", request.path + "?after=" + cursor(end));
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
