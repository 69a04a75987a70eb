package io.postflow.tunnel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for {@code cloudflared} and {@code ngrok}, launched by the scripts {@link FakeAgents}
 * writes. Behaves like the real agents where PostFlow looks: banner on stderr, {@code /ready}
 * going 503 then 200, {@code /quicktunnel}, ngrok's local API and JSON log, the 1015 rate-limit
 * failure, and a TCP forwarder standing for the public edge. Steered by environment variables;
 * records its arguments and pid in {@code FAKE_STATE_DIR}.
 */
public final class FakeTunnelMain {
  private FakeTunnelMain() {}

  public static void main(String[] args) throws Exception {
    Path state = Path.of(System.getenv("FAKE_STATE_DIR"));
    Files.writeString(state.resolve("starts"), ProcessHandle.current().pid() + "\n", StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    int start = Files.readAllLines(state.resolve("starts")).size();
    Files.writeString(state.resolve("args-" + start), String.join("\n", args));
    Files.writeString(state.resolve("env-" + start), "NGROK_AUTHTOKEN=" + System.getenv("NGROK_AUTHTOKEN"));
    if (listed("FAKE_EXIT_STARTS", start)) {
      System.err.println("ERR fake agent failing on start " + start);
      System.exit(7);
    }
    long dieAfter = Long.parseLong(env("FAKE_DIE_AFTER_MS", "0"));
    if (dieAfter > 0) {
      Thread killer = new Thread(() -> {
        sleep(dieAfter);
        System.err.println("ERR fake agent dying on cue");
        Runtime.getRuntime().halt(3);
      });
      killer.setDaemon(true);
      killer.start();
    }
    if (env("FAKE_KIND", "cloudflared").equals("ngrok")) {
      ngrok(args);
    } else {
      cloudflared(args, start, state);
    }
    Thread.currentThread().join(); // until killed
  }

  private static void cloudflared(String[] args, int start, Path state) throws IOException {
    PrintStream err = System.err;
    err.println("2026-11-21T00:00:00Z INF Thank you for trying Cloudflare Tunnel.");
    if (listed("FAKE_RATE_LIMIT_STARTS", start)) {
      err.println("2026-11-21T00:00:01Z ERR Error unmarshaling QuickTunnel response: error code: 1015"
          + " error=\"invalid character 'e' looking for beginning of value\" status_code=\"429 Too Many Requests\"");
      err.println("failed to unmarshal quick Tunnel: invalid character 'e' looking for beginning of value");
      System.exit(1);
    }
    String metrics = arg(args, "--metrics");
    int targetPort;
    String url = arg(args, "--url");
    if (url != null) {
      targetPort = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    } else {
      String config = Files.readString(Path.of(arg(args, "--config")));
      Files.writeString(state.resolve("config-" + start), config);
      Matcher m = Pattern.compile("service: http://127\\.0\\.0\\.1:(\\d+)").matcher(config);
      targetPort = m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
    int edge = env("FAKE_NO_FORWARD", "").isEmpty() ? forward(targetPort) : deadPort();
    long readyAt = System.currentTimeMillis() + Long.parseLong(env("FAKE_READY_AFTER_MS", "300"));
    long unreadyAfter = Long.parseLong(env("FAKE_UNREADY_AFTER_MS", "0"));
    // Counted from the first /quicktunnel answer, i.e. once the supervisor has seen the tunnel up,
    // so that a slow machine cannot make the first start fail instead.
    java.util.concurrent.atomic.AtomicLong unreadyAt = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
    // Likewise counted from the first /quicktunnel answer.
    long rateLimitedAfter = Long.parseLong(env("FAKE_DIE_RATE_LIMITED_AFTER_MS", "0"));
    java.util.concurrent.atomic.AtomicBoolean dying = new java.util.concurrent.atomic.AtomicBoolean();
    String host = metrics.substring(0, metrics.lastIndexOf(':'));
    int port = Integer.parseInt(metrics.substring(metrics.lastIndexOf(':') + 1));
    serve(InetAddress.getByName(host), port, path -> {
      if (path.equals("/ready")) {
        long now = System.currentTimeMillis();
        boolean ready = now >= readyAt && now < unreadyAt.get();
        return new Object[] {ready ? 200 : 503, "{\"status\":" + (ready ? 200 : 503) + ",\"readyConnections\":"
            + (ready ? 1 : 0) + ",\"connectorId\":\"fake\"}"};
      }
      if (path.equals("/quicktunnel") && env("FAKE_NO_QUICKTUNNEL", "").isEmpty()) {
        if (unreadyAfter > 0 && start == 1) {
          unreadyAt.compareAndSet(Long.MAX_VALUE, System.currentTimeMillis() + unreadyAfter);
        }
        if (rateLimitedAfter > 0 && start == 1 && dying.compareAndSet(false, true)) {
          Thread killer = new Thread(() -> {
            sleep(rateLimitedAfter);
            dieWithLateRateLimitLine();
          });
          killer.setDaemon(true);
          killer.start();
        }
        if (listed("FAKE_BAD_HOSTNAME_STARTS", start)) {
          return new Object[] {200, "{\"hostname\":\"not a host name\"}"};
        }
        return new Object[] {200, "{\"hostname\":\"127.0.0.1:" + edge + "\"}"};
      }
      return new Object[] {404, "404 page not found"};
    });
    err.println("2026-11-21T00:00:02Z INF +--------------------------------------------------------------------+");
    err.println("2026-11-21T00:00:02Z INF |  Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):  |");
    err.println("2026-11-21T00:00:02Z INF |  https://fake-tunnel-" + start + ".trycloudflare.com                                      |");
    err.println("2026-11-21T00:00:02Z INF +--------------------------------------------------------------------+");
  }

  private static void ngrok(String[] args) throws IOException {
    String target = args[1];
    int targetPort = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
    int edge = forward(targetPort);
    // 0 (the default) binds a free port, which the log line below reports, as ngrok's does
    int configuredApiPort = Integer.parseInt(env("FAKE_NGROK_API_PORT", "0"));
    String publicUrl = "http://127.0.0.1:" + edge;
    int apiPort = serve(InetAddress.getLoopbackAddress(), configuredApiPort, path -> {
      if (path.equals("/api/endpoints") && env("FAKE_NGROK_NO_ENDPOINTS", "").isEmpty()) {
        return new Object[] {200, "{\"endpoints\":[{\"id\":\"ep_1\",\"upstream\":{\"url\":\"http://127.0.0.1:"
            + targetPort + "\"},\"url\":\"" + publicUrl + "\"}],\"uri\":\"/api/endpoints\"}"};
      }
      if (path.equals("/api/tunnels")) {
        return new Object[] {200, "{\"tunnels\":[{\"name\":\"command_line\",\"public_url\":\"" + publicUrl
            + "\",\"config\":{\"addr\":\"http://127.0.0.1:" + targetPort + "\"}}],\"uri\":\"/api/tunnels\"}"};
      }
      return new Object[] {404, "{\"error_code\":100,\"status_code\":404,\"msg\":\"not found\"}"};
    });
    System.out.println("{\"addr\":\"127.0.0.1:" + apiPort + "\",\"lvl\":\"info\",\"msg\":\"starting web service\",\"obj\":\"web\"}");
    System.out.println("{\"addr\":\"http://127.0.0.1:" + targetPort + "\",\"lvl\":\"info\",\"msg\":\"started tunnel\","
        + "\"name\":\"command_line\",\"obj\":\"tunnels\",\"url\":\"" + publicUrl + "\"}");
    System.out.flush();
  }

  /** The "edge": a loopback port whose connections are piped to the target port. */
  private static int forward(int targetPort) throws IOException {
    ServerSocket edge = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(() -> {
      while (true) {
        try {
          Socket client = edge.accept();
          Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
          pipe(client, upstream);
          pipe(upstream, client);
        } catch (IOException e) {
          return;
        }
      }
    });
    acceptor.setDaemon(true);
    acceptor.start();
    return edge.getLocalPort();
  }

  private static void pipe(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[256 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) > 0) {
          out.write(buffer, 0, n);
        }
      } catch (IOException e) {
        // one side went away; closing both ends below tells the other
      } finally {
        try {
          from.close();
          to.close();
        } catch (IOException ignored) {
          // already closed
        }
      }
    });
    t.setDaemon(true);
    t.start();
  }

  /** A port nothing listens on. */
  private static int deadPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** A one-request-per-connection HTTP server: enough for an agent's local API. Returns its port. */
  private static int serve(InetAddress host, int port, Function<String, Object[]> handler) throws IOException {
    ServerSocket server = new ServerSocket(port, 50, host);
    Thread t = new Thread(() -> {
      while (true) {
        try (Socket s = server.accept()) {
          BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
          String requestLine = in.readLine();
          String line;
          while ((line = in.readLine()) != null && !line.isEmpty()) {
            // skip headers
          }
          Object[] answer = handler.apply(requestLine == null ? "/" : requestLine.split(" ")[1]);
          byte[] body = ((String) answer[1]).getBytes(StandardCharsets.UTF_8);
          OutputStream out = s.getOutputStream();
          out.write(("HTTP/1.1 " + answer[0] + " X\r\nContent-Type: application/json\r\nContent-Length: " + body.length
              + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
          out.write(body);
          out.flush();
        } catch (IOException e) {
          if (server.isClosed()) {
            return;
          }
        }
      }
    });
    t.setDaemon(true);
    t.start();
    return server.getLocalPort();
  }

  private static String arg(String[] args, String name) {
    List<String> list = Arrays.asList(args);
    int i = list.indexOf(name);
    return i < 0 || i + 1 >= list.size() ? null : list.get(i + 1);
  }

  /**
   * Exits at once, while a child that shares the output pipe prints cloudflared's 1015 answer a
   * moment later: the line reaches the supervisor only after it has seen the exit, which is the
   * worst case of a reader thread that has not yet drained the pipe, made certain.
   */
  private static void dieWithLateRateLimitLine() {
    try {
      new ProcessBuilder("sh", "-c", "sleep 0.4; echo 'ERR Error unmarshaling QuickTunnel response:"
          + " error code: 1015' >&2").redirectOutput(ProcessBuilder.Redirect.INHERIT)
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Runtime.getRuntime().halt(1);
  }

  private static boolean listed(String variable, int start) {
    return Arrays.asList(env(variable, "").split(",")).contains(String.valueOf(start));
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null ? fallback : v;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
