package io.postflow.dashboard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Small HTTP helpers for the dashboard tests: plain requests, raw requests, a server-sent events reader. */
final class Http {
  static final HttpClient CLIENT = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

  private Http() {}

  static HttpResponse<String> get(URI uri, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A request written by hand, for headers {@link HttpClient} will not set (Host). */
  static String raw(URI base, String request) throws IOException {
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Reads a text/event-stream on its own thread; lines are taken with a deadline. */
  static final class EventReader implements AutoCloseable {
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final InputStream body;
    private final Thread thread;
    final int status;
    final String contentType;

    EventReader(URI uri, String... headers) throws IOException, InterruptedException {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
      if (headers.length > 0) {
        request.headers(headers);
      }
      HttpResponse<InputStream> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      this.status = response.statusCode();
      this.contentType = response.headers().firstValue("Content-Type").orElse("");
      this.body = response.body();
      this.thread = new Thread(() -> {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
          String line;
          while ((line = reader.readLine()) != null) {
            lines.add(line);
          }
          lines.add("<end>");
        } catch (IOException e) {
          lines.add("<end>");
        }
      }, "sse-reader");
      thread.setDaemon(true);
      thread.start();
    }

    /** The next line, failing after 10 s. */
    String next() throws InterruptedException {
      String line = lines.poll(10, TimeUnit.SECONDS);
      if (line == null) {
        throw new AssertionError("no line from the event stream within 10 s");
      }
      return line;
    }

    /** Lines up to and including the first that starts with {@code prefix}. */
    String until(String prefix) throws InterruptedException {
      StringBuilder seen = new StringBuilder();
      while (true) {
        String line = next();
        seen.append(line).append('\n');
        if (line.startsWith(prefix)) {
          return seen.toString();
        }
        if (line.equals("<end>")) {
          throw new AssertionError("the stream ended before a line starting with '" + prefix + "': " + seen);
        }
      }
    }

    @Override
    public void close() throws IOException {
      body.close();
    }
  }
}
