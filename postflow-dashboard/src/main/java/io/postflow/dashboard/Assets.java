package io.postflow.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The page's files, read once from this jar: the dashboard needs no CDN and no network, and a
 * request never touches the disk. Only the names listed here are served.
 */
final class Assets {
  /** A file and its media type. */
  record Asset(byte[] bytes, String contentType) {}

  private static final Map<String, String> TYPES = Map.of(
      "/", "index.html",
      "/assets/app.js", "app.js",
      "/assets/app.css", "app.css",
      "/assets/favicon.svg", "favicon.svg",
      "/favicon.ico", "favicon.svg");

  private final Map<String, Asset> byPath;

  private Assets(Map<String, Asset> byPath) {
    this.byPath = byPath;
  }

  static Assets load() {
    Map<String, Asset> loaded = new java.util.HashMap<>();
    TYPES.forEach((path, name) -> loaded.put(path, new Asset(read(name), contentType(name))));
    return new Assets(Map.copyOf(loaded));
  }

  Optional<Asset> find(String path) {
    return Optional.ofNullable(byPath.get(path));
  }

  private static byte[] read(String name) {
    try (InputStream in = Assets.class.getResourceAsStream("assets/" + name)) {
      if (in == null) {
        throw new IllegalStateException("the dashboard jar lacks assets/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the dashboard's assets/" + name, e);
    }
  }

  private static String contentType(String name) {
    if (name.endsWith(".html")) {
      return "text/html; charset=utf-8";
    } else if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    } else if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    } else if (name.endsWith(".svg")) {
      return "image/svg+xml";
    }
    return "application/octet-stream";
  }
}
