package io.postflow.tunnel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Tiny GETs against a tunnel agent's local API (metrics, readiness, ngrok's API) and against the
 * public URL itself. Never throws: an unreachable URL is status -1. Restores the interrupt flag.
 */
final class LocalHttp {
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();

  private LocalHttp() {}

  /** Status and body of a GET. */
  static final class Reply {
    final int status;
    final String body;

    Reply(int status, String body) {
      this.status = status;
      this.body = body;
    }
  }

  static Reply get(URI uri, Duration timeout) {
    try {
      HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body());
    } catch (IOException | IllegalArgumentException e) {
      return new Reply(-1, "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Reply(-1, "");
    }
  }

  /**
   * The probe used before a public URL is handed out: whether the URL answers through the tunnel.
   * Any status below 500 counts (our exposer answers {@code /} with 404); 502, 503, 530 (Cloudflare's
   * "tunnel not connected") and friends do not.
   */
  static boolean answers(URI publicUrl) {
    String base = publicUrl.toString();
    URI root = URI.create(base.endsWith("/") ? base : base + "/");
    int status = get(root, Duration.ofSeconds(10)).status;
    return status > 0 && status < 500;
  }
}
