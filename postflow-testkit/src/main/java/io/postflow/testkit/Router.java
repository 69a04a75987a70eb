package io.postflow.testkit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Matches method + path against templates like {@code /v4/accounts/{account_id}/files/{file_id}}.
 * A path that matches some template but not the method is a 405 (with the allowed methods); a path
 * that matches none is a 404.
 */
final class Router {
  /** A handler for one operation. */
  interface Handler {
    ApiResponse handle(ApiRequest request) throws IOException;
  }

  /** One operation: its Frame.io operation id names it in the rate limiter and the inspector. */
  record Route(String method, String template, String operation, RateLimit limit, Handler handler) {}

  /** A matched route with its path parameters. */
  record Match(Route route, Map<String, String> params) {}

  private final List<Route> routes = new ArrayList<>();

  Router add(String method, String template, String operation, RateLimit limit, Handler handler) {
    routes.add(new Route(method, template, operation, limit, handler));
    return this;
  }

  List<Route> routes() {
    return List.copyOf(routes);
  }

  /** Finds the route; throws {@link ApiException} 404, or {@link MethodNotAllowed} for a 405. */
  Match match(String method, String path) {
    String[] segments = split(path);
    TreeSet<String> allowed = new TreeSet<>();
    for (Route route : routes) {
      Map<String, String> params = bind(split(route.template()), segments);
      if (params == null) {
        continue;
      }
      if (route.method().equals(method)) {
        return new Match(route, params);
      }
      allowed.add(route.method());
    }
    if (!allowed.isEmpty()) {
      throw new MethodNotAllowed(String.join(", ", allowed));
    }
    throw ApiException.notFound("Path " + path);
  }

  private static String[] split(String path) {
    String trimmed = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    return trimmed.split("/", -1);
  }

  private static Map<String, String> bind(String[] template, String[] segments) {
    if (template.length != segments.length) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < template.length; i++) {
      String t = template[i];
      if (t.startsWith("{") && t.endsWith("}")) {
        if (segments[i].isEmpty()) {
          return null;
        }
        params.put(t.substring(1, t.length() - 1), segments[i]);
      } else if (!t.equals(segments[i])) {
        return null;
      }
    }
    return params;
  }

  /** A 405: the path exists with other methods. */
  static final class MethodNotAllowed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String allow;

    MethodNotAllowed(String allow) {
      super("Method not allowed", null, false, false);
      this.allow = allow;
    }
  }
}
