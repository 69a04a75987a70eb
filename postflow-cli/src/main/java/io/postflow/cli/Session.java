package io.postflow.cli;

import io.postflow.testkit.FrameioSandbox;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a command runs with: the environment, the streams, the home directory and the clock, given
 * from outside so that tests run every command in-process on their own sandbox, temporary home and
 * captured output.
 */
final class Session {
  final Map<String, String> env;
  final InputStream in;
  final PrintStream out;
  final PrintStream err;
  final Path home;
  final Clock clock;
  /** Whether standard output is an interactive terminal: progress bars then, plain lines otherwise. */
  final boolean terminal;
  /** Starts the sandbox for {@code --sandbox}; tests hand in their own. */
  final Supplier<FrameioSandbox> sandboxes;
  /** Whether the sandbox {@link #sandboxes} gives belongs to the command (closed by it). */
  final boolean ownsSandbox;
  /** Ends {@code run} and {@code sandbox}: Ctrl-C or SIGTERM, or a test. */
  final StopSignal stop;

  Session(Map<String, String> env, InputStream in, PrintStream out, PrintStream err, Path home, Clock clock,
      boolean terminal, Supplier<FrameioSandbox> sandboxes, boolean ownsSandbox, StopSignal stop) {
    this.env = Map.copyOf(env);
    this.in = in;
    this.out = out;
    this.err = err;
    this.home = home;
    this.clock = clock;
    this.terminal = terminal;
    this.sandboxes = sandboxes;
    this.ownsSandbox = ownsSandbox;
    this.stop = stop;
  }

  /** The real process: its environment, streams, home, the system clock, the JVM's shutdown. */
  static Session ofProcess() {
    String term = System.getenv("TERM");
    boolean terminal = System.console() != null && !"dumb".equals(term);
    return new Session(System.getenv(), System.in, System.out, System.err,
        Path.of(System.getProperty("user.home")), Clock.systemUTC(), terminal, FrameioSandbox::start, true,
        StopSignal.onShutdown());
  }

  /** {@code ~/.postflow}: the token file and the journal live there unless configured elsewhere. */
  Path postflowDir() {
    return home.resolve(".postflow");
  }
}
