package io.postflow.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Posts one JSON body to a webhook and hands back the answer; an I/O failure becomes a retryable
 * {@link NotifierException} naming the channel by host. One place for the HTTP details every
 * webhook channel shares.
 */
final class WebhookPost {
  /** What the channel answered. */
  record Answer(int status, HttpHeaders headers, byte[] body) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final Duration timeout;

  WebhookPost(HttpClient http, Duration timeout) {
    this.http = http;
    this.timeout = timeout;
  }

  static HttpClient defaultClient() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** Posts {@code body} as JSON to {@code target} (the URL, or it with a query added). */
  Answer post(String channel, WebhookUrl url, URI target, JsonNode body) {
    byte[] json;
    try {
      json = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a " + channel + " body could not be written as JSON", e);
    }
    HttpRequest request = HttpRequest.newBuilder(target)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("User-Agent", "PostFlow (https://github.com/postflow, 0.1)")
        .POST(HttpRequest.BodyPublishers.ofByteArray(json))
        .build();
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      // The exception's own text may quote the URL: keep only its type.
      throw new NotifierException(channel + " at " + url + " did not answer ("
          + e.getClass().getSimpleName() + ")", 0, true, null, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotifierException(channel + " at " + url + ": interrupted", 0, true, null, null);
    }
  }
}
