package io.postflow.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Serves {@code GET /assets/<fileId>/original}, the URL of {@code media_links.original}: the
 * assembled bytes of a transcoded file (404 before), so a round trip can be checked byte for byte.
 */
final class OriginalDownloads implements HttpHandler {
  private final SandboxStore store;

  OriginalDownloads(SandboxStore store) {
    this.store = store;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("x-request-id", java.util.UUID.randomUUID().toString());
      String[] segments = exchange.getRequestURI().getPath().split("/");
      List<FileAsset.Part> parts = segments.length == 4 && segments[3].equals("original")
          ? store.locked(() -> store.assets.get(segments[2]) instanceof FileAsset file
              && file.status == FileAsset.Status.TRANSCODED ? new ArrayList<>(file.parts.values()) : null)
          : null;
      if (!exchange.getRequestMethod().equals("GET") || parts == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      long length = parts.stream().mapToLong(FileAsset.Part::bytes).sum();
      exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
      exchange.sendResponseHeaders(200, length == 0 ? -1 : length);
      try (OutputStream out = exchange.getResponseBody()) {
        for (FileAsset.Part part : parts) {
          Files.copy(part.file(), out);
        }
      }
    }
  }
}
