package io.postflow.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A local Discord webhook endpoint on a port chosen at run time, answering like Discord: 200 with
 * the message and the bucket headers, or the scripted answers in turn (429 with {@code retry_after}
 * in the body and {@code Retry-After}/{@code X-RateLimit-*} headers, global or not; 5xx; 404
 * "Unknown Webhook"). Records what it was sent.
 */
final class FakeDiscord implements AutoCloseable {
  static final String TOKEN = "s3cr3t-w3bh00k-t0k3n";

  /** One scripted answer. */
  record Answer(int status, Map<String, String> headers, String body) {
    static Answer rateLimited(double retryAfter, boolean global) {
      return new Answer(429, Map.of("Retry-After", String.valueOf((int) Math.ceil(retryAfter)),
          "X-RateLimit-Limit", "5", "X-RateLimit-Remaining", "0",
          "X-RateLimit-Reset-After", String.valueOf(retryAfter),
          "X-RateLimit-Scope", global ? "global" : "user"),
          "{\"message\": \"You are being rate limited.\", \"retry_after\": " + retryAfter
              + ", \"global\": " + global + "}");
    }

    static Answer headerOnly429(int retryAfterSeconds) {
      return new Answer(429, Map.of("Retry-After", String.valueOf(retryAfterSeconds)), "");
    }

    static Answer serverError(int status) {
      return new Answer(status, Map.of("Content-Type", "text/html"), "<html>Bad Gateway</html>");
    }

    static Answer unknownWebhook() {
      return new Answer(404, Map.of(), "{\"message\": \"Unknown Webhook\", \"code\": 10015}");
    }

    static Answer ok(int remaining, double resetAfter) {
      return new Answer(200, Map.of("X-RateLimit-Limit", "5", "X-RateLimit-Remaining", String.valueOf(remaining),
          "X-RateLimit-Reset-After", String.valueOf(resetAfter), "X-RateLimit-Bucket", "abcd"),
          "{\"id\": \"1\", \"type\": 0}");
    }
  }

  /** A request Discord received. */
  record Received(String query, JsonNode body) {}

  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;
  private final Deque<Answer> script = new ArrayDeque<>();
  private final List<Received> received = new ArrayList<>();
  private final List<Received> accepted = new ArrayList<>();

  FakeDiscord() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/webhooks/123/" + TOKEN, this::handle);
    server.start();
  }

  URI webhookUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/webhooks/123/" + TOKEN);
  }

  synchronized FakeDiscord then(Answer... answers) {
    script.addAll(List.of(answers));
    return this;
  }

  /** Every request, whatever it was answered. */
  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  /** The messages Discord posted (answered 2xx). */
  synchronized List<Received> messages() {
    return List.copyOf(accepted);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange; InputStream in = exchange.getRequestBody()) {
      JsonNode body = json.readTree(in.readAllBytes());
      Answer answer;
      synchronized (this) {
        answer = script.isEmpty() ? Answer.ok(4, 2.0) : script.poll();
        Received request = new Received(exchange.getRequestURI().getQuery(), body);
        received.add(request);
        if (answer.status() / 100 == 2) {
          accepted.add(request);
        }
      }
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      if (!answer.headers().containsKey("Content-Type")) {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
      }
      exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
