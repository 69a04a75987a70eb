package io.postflow.testkit;

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
 * A local Discord webhook endpoint on a loopback port chosen at run time, answering like Discord:
 * 200 with the message and the bucket headers ({@code X-RateLimit-Remaining},
 * {@code X-RateLimit-Reset-After}), or the scripted answers in turn: 429 with {@code retry_after}
 * in the body and {@code Retry-After}/{@code X-RateLimit-*} headers, global or not; 5xx with an
 * HTML page; 404 "Unknown Webhook". Records what it was sent; {@link #hold()} keeps requests
 * waiting for an answer until {@link #release()} (a process killed while Discord is slow).
 *
 * <pre>{@code
 * try (FakeDiscord discord = FakeDiscord.start()) {
 *   discord.then(FakeDiscord.Answer.rateLimited(1.5, false));
 *   DiscordNotifier notifier = DiscordNotifier.builder().webhookUrl(discord.webhookUrl()).build();
 *   ...
 *   assertThat(discord.messages()).hasSize(1);
 * }
 * }</pre>
 */
public final class FakeDiscord implements AutoCloseable {
  /** The secret part of {@link #webhookUrl()}: tests check it is never shown. */
  public static final String TOKEN = "s3cr3t-w3bh00k-t0k3n";

  /** One scripted answer. */
  public record Answer(int status, Map<String, String> headers, String body) {
    /** Discord's 429: {@code retry_after} seconds in body and headers, global or for the route. */
    public static Answer rateLimited(double retryAfter, boolean global) {
      return new Answer(429, Map.of("Retry-After", String.valueOf((int) Math.ceil(retryAfter)),
          "X-RateLimit-Limit", "5", "X-RateLimit-Remaining", "0",
          "X-RateLimit-Reset-After", String.valueOf(retryAfter),
          "X-RateLimit-Scope", global ? "global" : "user"),
          "{\"message\": \"You are being rate limited.\", \"retry_after\": " + retryAfter
              + ", \"global\": " + global + "}");
    }

    /** A 429 with only a {@code Retry-After} header (a proxy's). */
    public static Answer headerOnly429(int retryAfterSeconds) {
      return new Answer(429, Map.of("Retry-After", String.valueOf(retryAfterSeconds)), "");
    }

    /** A gateway error page. */
    public static Answer serverError(int status) {
      return new Answer(status, Map.of("Content-Type", "text/html"), "<html>Bad Gateway</html>");
    }

    /** A deleted webhook. */
    public static Answer unknownWebhook() {
      return new Answer(404, Map.of(), "{\"message\": \"Unknown Webhook\", \"code\": 10015}");
    }

    /** Posted, with the bucket's state. */
    public static Answer ok(int remaining, double resetAfter) {
      return new Answer(200, Map.of("X-RateLimit-Limit", "5", "X-RateLimit-Remaining", String.valueOf(remaining),
          "X-RateLimit-Reset-After", String.valueOf(resetAfter), "X-RateLimit-Bucket", "abcd"),
          "{\"id\": \"1\", \"type\": 0}");
    }
  }

  /** A request Discord received: its query and JSON body. */
  public record Received(String query, JsonNode body) {}

  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;
  private final Deque<Answer> script = new ArrayDeque<>();
  private final List<Received> received = new ArrayList<>();
  private final List<Received> accepted = new ArrayList<>();

  private boolean holding;

  private FakeDiscord() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fake-discord");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/api/webhooks/123/" + TOKEN, this::handle);
    server.start();
  }

  /** Starts one on a loopback port chosen now. */
  public static FakeDiscord start() {
    try {
      return new FakeDiscord();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot start the fake Discord", e);
    }
  }

  /** The webhook's URL; its path holds {@link #TOKEN}. */
  public URI webhookUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/webhooks/123/" + TOKEN);
  }

  /** Answers the next requests with {@code answers}, in turn; then 200 again. */
  public synchronized FakeDiscord then(Answer... answers) {
    script.addAll(List.of(answers));
    return this;
  }

  /** Every request, whatever it was answered. */
  public synchronized List<Received> received() {
    return List.copyOf(received);
  }

  /** The messages Discord posted (answered 2xx). */
  public synchronized List<Received> messages() {
    return List.copyOf(accepted);
  }

  /** Requests from now on wait, unanswered and not posted, until {@link #release()}. */
  public synchronized void hold() {
    holding = true;
  }

  /** Lets held requests be answered. */
  public synchronized void release() {
    holding = false;
    notifyAll();
  }

  /** How many requests are waiting for an answer. */
  public synchronized int waiting() {
    return waiting;
  }

  private int waiting;

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange; InputStream in = exchange.getRequestBody()) {
      JsonNode body = json.readTree(in.readAllBytes());
      Answer answer;
      synchronized (this) {
        waiting++;
        try {
          long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
          while (holding && System.nanoTime() < deadline) {
            wait(100);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } finally {
          waiting--;
        }
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
    release();
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
