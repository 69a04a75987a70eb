package io.postflow.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.postflow.api.ConfigurationException;
import io.postflow.api.DeliveryState;
import io.postflow.api.internal.OwnedExecutor;
import io.postflow.pipeline.PostFlow;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started dashboard: the HTTP server, its routes, and the observers it added to the pipeline.
 * Every request passes the {@link AccessGate} first. Only GET and HEAD are served: the dashboard
 * reads and never changes anything, so there is nothing a forged request could do.
 */
final class DashboardServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
  /** Queued events per page before it counts as too slow; a few seconds of a busy pipeline. */
  static final int QUEUE_PER_CLIENT = 256;
  static final int MAX_CLIENTS = 32;
  /** Scripts and styles from this origin only; no inline script, no framing. */
  private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; "
      + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  private final PostFlow postflow;
  private final HttpServer http;
  private final OwnedExecutor executor;
  private final AccessGate gate;
  private final EventStream stream;
  private final LiveState live;
  private final Snapshot snapshot;
  private final Assets assets;
  private final Optional<Metrics.Scrape> metrics;
  private final URI url;

  private DashboardServer(PostFlow postflow, HttpServer http, OwnedExecutor executor, AccessGate gate,
      EventStream stream, LiveState live, Clock clock, Optional<Metrics.Scrape> metrics) {
    this.postflow = postflow;
    this.http = http;
    this.executor = executor;
    this.gate = gate;
    this.stream = stream;
    this.live = live;
    this.snapshot = new Snapshot(postflow, live, clock);
    this.assets = Assets.load();
    this.metrics = metrics;
    this.url = url(http.getAddress());
  }

  static DashboardServer start(PostFlow postflow, InetAddress bindAddress, int port, Optional<String> accessToken,
      Clock clock, Duration heartbeat, boolean metricsWanted) {
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(bindAddress, port), 64);
    } catch (IOException e) {
      throw new ConfigurationException("the dashboard cannot listen on " + bindAddress.getHostAddress() + ":" + port
          + " (" + e.getMessage() + "): choose another port, or 0 for any free one", e);
    }
    EventStream stream = new EventStream(QUEUE_PER_CLIENT, MAX_CLIENTS, heartbeat);
    LiveState live = new LiveState(clock, stream);
    OwnedExecutor executor = OwnedExecutor.givenOrCachedPool(null, "postflow-dashboard");
    Optional<Metrics.Scrape> metrics = Metrics.create(metricsWanted, sources(postflow, live, stream));
    DashboardServer server = new DashboardServer(postflow, http, executor, new AccessGate(accessToken, bindAddress),
        stream, live, clock, metrics);
    http.setExecutor(executor.executor());
    http.createContext("/", server::handle);
    postflow.addListener(live);
    postflow.addNotifier(live);
    http.start();
    return server;
  }

  URI url() {
    return url;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
      exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
      switch (gate.check(exchange)) {
        case REFUSE_HOST:
          text(exchange, 403, "This dashboard answers to this machine's own names only (localhost, 127.0.0.1).");
          return;
        case REFUSE_TOKEN:
          exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"postflow-dashboard\"");
          text(exchange, 401, "Access token required: open the sign-in address the agent gave you once,"
              + " or send the header Authorization: Bearer <token>.");
          return;
        case REDIRECT_WITHOUT_TOKEN:
          exchange.getResponseHeaders().add("Set-Cookie", gate.sessionCookie());
          exchange.getResponseHeaders().set("Location", AccessGate.withoutToken(exchange.getRequestURI()));
          exchange.getResponseHeaders().set("Cache-Control", "no-store");
          exchange.sendResponseHeaders(303, -1);
          return;
        case PASS:
          break;
      }
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        text(exchange, 405, "The dashboard only reads: GET and HEAD.");
        return;
      }
      route(exchange, exchange.getRequestURI().getPath());
    } catch (RuntimeException e) {
      LOG.warn("The dashboard failed to answer {} {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
      text(exchange, 500, "The dashboard failed: " + e.getMessage());
    } finally {
      exchange.close();
    }
  }

  private void route(HttpExchange exchange, String path) throws IOException {
    if (path.equals("/events")) {
      stream.serve(exchange);
      return;
    }
    if (path.equals("/api/snapshot")) {
      json(exchange, 200, snapshot.all().toString());
      return;
    }
    if (path.startsWith("/api/")) {
      String name = path.substring("/api/".length());
      Optional<com.fasterxml.jackson.databind.JsonNode> section = snapshot.section(name);
      if (section.isPresent()) {
        json(exchange, 200, section.get().toString());
      } else {
        json(exchange, 404, Json.MAPPER.createObjectNode()
            .put("error", "no section '" + name + "'; there are " + String.join(", ", Snapshot.SECTIONS)
                + " and snapshot (all of them)").toString());
      }
      return;
    }
    if (path.equals("/metrics")) {
      if (metrics.isPresent()) {
        send(exchange, 200, metrics.get().contentType(), metrics.get().scrape());
      } else {
        text(exchange, 404, "No metrics: put io.micrometer:micrometer-registry-prometheus on the class path"
            + " to have Prometheus metrics here.");
      }
      return;
    }
    Optional<Assets.Asset> asset = assets.find(path);
    if (asset.isPresent()) {
      exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      send(exchange, 200, asset.get().contentType(), asset.get().bytes());
      return;
    }
    text(exchange, 404, "Nothing at " + path + ". The dashboard is at /.");
  }

  private static void json(HttpExchange exchange, int status, String body) throws IOException {
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    send(exchange, status, "application/json; charset=utf-8", body);
  }

  private static void text(HttpExchange exchange, int status, String message) throws IOException {
    send(exchange, status, "text/plain; charset=utf-8", message + "\n");
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static MetricSources sources(PostFlow postflow, LiveState live, EventStream stream) {
    return new MetricSources() {
      @Override
      public Map<DeliveryState, Long> deliveries() {
        try {
          return postflow.deliveries().counts();
        } catch (IllegalStateException notRunning) {
          return Map.of();
        }
      }

      @Override
      public int uploadsInFlight() {
        return live.uploadsInFlight();
      }

      @Override
      public long bytesUploaded() {
        return live.throughput().total();
      }

      @Override
      public long notificationsSent() {
        return live.notificationCount();
      }

      @Override
      public int liveClients() {
        return stream.clients();
      }

      @Override
      public long droppedClients() {
        return stream.dropped();
      }
    };
  }

  private static URI url(InetSocketAddress address) {
    InetAddress host = address.getAddress();
    String name;
    if (host.isAnyLocalAddress()) {
      name = "localhost";
    } else if (host instanceof Inet6Address) {
      name = "[" + host.getHostAddress().replaceFirst("%.*$", "") + "]";
    } else {
      name = host.getHostAddress();
    }
    return URI.create("http://" + name + ":" + address.getPort() + "/");
  }

  /** Stops observing the pipeline, ends the live connections, frees the port, stops the threads. */
  @Override
  public void close() {
    postflow.removeListener(live);
    postflow.removeNotifier(live);
    stream.close();
    http.stop(0);
    executor.close(Duration.ofSeconds(2));
    LOG.debug("Dashboard at {} stopped", url);
  }
}
