package io.postflow.journal.postgres;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real PostgreSQL server the tests of this module use: a throw-away cluster started once per
 * test JVM with {@code scripts/postgres-for-tests} (stopped and deleted when the JVM exits), or
 * the server {@code POSTFLOW_TEST_POSTGRES_URL} names. Without PostgreSQL installed the tests are
 * skipped with a message saying how to enable them, except on CI ({@code CI=true}), where they fail.
 */
final class PostgresForTests {
  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static Server server;
  private static String unavailable;

  /** How to reach the server; {@code dir} is empty for a server this JVM did not start. */
  record Server(String url, String user, String password, String dir) {
    /** The URL of a new, empty schema of its own. */
    String freshSchemaUrl() {
      String schema = "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
      try (Connection c = DriverManager.getConnection(url, user, password);
          Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA " + schema);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot create schema " + schema, e);
      }
      return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
  }

  private PostgresForTests() {}

  /** The server, starting it on first use; skips (fails on CI) the test when there is none. */
  static synchronized Server server() {
    if (server == null && unavailable == null) {
      try {
        server = start();
      } catch (IOException | RuntimeException e) {
        unavailable = e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        unavailable = "interrupted while starting PostgreSQL";
      }
    }
    if (server == null) {
      String why = "no PostgreSQL server for the shared-journal tests (" + unavailable + "). Enable them"
          + " by installing PostgreSQL (scripts/postgres-for-tests install, as root), or point"
          + " POSTFLOW_TEST_POSTGRES_URL (with _USER and _PASSWORD_FILE) at a server";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(why);
      }
      assumeThat(server).as(why).isNotNull();
    }
    return server;
  }

  /** Stops the server (as in a crash when {@code immediate}) and starts it again on its port. */
  static void restart(boolean immediate) throws IOException, InterruptedException {
    Server s = server();
    if (s.dir().isEmpty()) {
      throw new IllegalStateException("cannot restart a server this JVM did not start");
    }
    run(List.of(script(), "restart", s.dir(), immediate ? "immediate" : "fast"));
  }

  private static Server start() throws IOException, InterruptedException {
    String given = System.getenv("POSTFLOW_TEST_POSTGRES_URL");
    if (given != null && !given.isBlank()) {
      String file = System.getenv("POSTFLOW_TEST_POSTGRES_PASSWORD_FILE");
      return new Server(given, System.getenv("POSTFLOW_TEST_POSTGRES_USER"),
          file == null ? null : Files.readString(Path.of(file), StandardCharsets.UTF_8).strip(), "");
    }
    Map<String, String> printed = new HashMap<>();
    for (String line : run(List.of(script(), "start"))) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        printed.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    String dir = printed.get("POSTFLOW_TEST_POSTGRES_DIR");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        run(List.of(script(), "stop", dir));
      } catch (IOException | InterruptedException | RuntimeException e) {
        System.err.println("could not stop the test PostgreSQL in " + dir + ": " + e.getMessage());
      }
    }));
    String password = Files.readString(Path.of(printed.get("POSTFLOW_TEST_POSTGRES_PASSWORD_FILE")),
        StandardCharsets.UTF_8).strip();
    return new Server(printed.get("POSTFLOW_TEST_POSTGRES_URL"), printed.get("POSTFLOW_TEST_POSTGRES_USER"),
        password, dir);
  }

  private static String script() {
    String script = System.getProperty("postflow.postgres.script", "../scripts/postgres-for-tests");
    if (!Files.isExecutable(Path.of(script))) {
      throw new IllegalStateException(script + " is missing");
    }
    return script;
  }

  /** Runs the script; its stdout lines, or a failure carrying its stderr's last lines. */
  private static List<String> run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    byte[] err;
    List<String> out;
    try (var stdout = process.getInputStream(); var stderr = process.getErrorStream()) {
      out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      err = stderr.readAllBytes();
    }
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(command + " did not finish in 120 s");
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command.subList(1, command.size())) + " failed ("
          + process.exitValue() + "): " + new String(err, StandardCharsets.UTF_8).strip());
    }
    return out;
  }
}
