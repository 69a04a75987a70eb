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
 * Only through a signed link that has not expired, as from a CDN: a link without its signature,
 * edited or past its {@code Expires} is a 403 AccessDenied.
 */
final class OriginalDownloads implements HttpHandler {
  private final SandboxStore store;
  private final MediaLinks links;

  OriginalDownloads(SandboxStore store, MediaLinks links) {
    this.store = store;
    this.links = links;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String requestId = java.util.UUID.randomUUID().toString();
      exchange.getResponseHeaders().set("x-request-id", requestId);
      MediaLinks.Refusal refusal = links.check(exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery());
      if (refusal != null) {
        exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
        S3Errors.send(exchange, 403, "AccessDenied", switch (refusal) {
          case MISSING -> "Missing Key-Pair-Id, Signature or Expires query parameter";
          case BAD_SIGNATURE -> "The signature of this link does not match";
          case EXPIRED -> "Request has expired";
        }, requestId);
        return;
      }
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
