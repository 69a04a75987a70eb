package io.postflow.cli;

import io.postflow.testkit.FrameioSandbox;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs {@code postflow} in-process the way a shell would, with a test's environment, home
 * directory, sandbox and captured output. A fresh {@code CliRun} per command line.
 */
final class CliRun {
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();
  final StopSignal stop = StopSignal.manual();
  final Map<String, String> env = new HashMap<>();
  private final Path home;
  private final FrameioSandbox sandbox;
  private boolean terminal;
  private String stdin = "";

  CliRun(Path home, FrameioSandbox sandbox) {
    this.home = home;
    this.sandbox = sandbox;
    env.put("PATH", System.getenv().getOrDefault("PATH", ""));
  }

  /** Points the configuration at the sandbox with a bearer token, as a studio's environment would. */
  CliRun onSandbox() {
    env.put("FRAMEIO_BASE_URL", sandbox.baseUri().toString());
    env.put("FRAMEIO_TOKEN", sandbox.issueAccessToken());
    env.put("FRAMEIO_PROJECT_ID", sandbox.projectId());
    return this;
  }

  CliRun env(String key, String value) {
    env.put(key, value);
    return this;
  }

  CliRun terminal() {
    terminal = true;
    return this;
  }

  CliRun stdin(String text) {
    stdin = text;
    return this;
  }

  int run(String... args) {
    Session session = new Session(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        home, Clock.systemUTC(), terminal, () -> sandbox, false, stop);
    return Main.run(session, args);
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
