package io.postflow.examples.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The demo's command line: what {@code Demo --help} prints, parsed and checked before anything
 * runs. On the sandbox by default; a real Frame.io project only when it is named with
 * {@code --project} and {@code --yes} confirms it, whatever credentials the environment holds.
 */
public final class DemoOptions {
  static final String USAGE = String.join("\n",
      "Usage: Demo [--port N] [--linger SECONDS] [--project ID --yes [--account ID]]",
      "",
      "Runs the whole PostFlow pipeline with its live dashboard. Without --project: on the in-process",
      "Frame.io sandbox, with no account and no network. Four renders land in a temporary watched folder",
      "over a few seconds (one written slowly, one 0-byte placeholder filled later, one badly named, a",
      "version 2); the demo shows their progress and ends with a summary: the folder tree, each file's",
      "state and checksum, the quarantined name and why, the notifications sent.",
      "",
      "  --port N           the dashboard's port (default: any free port; it is printed)",
      "  --linger SECONDS   keep the pipeline and the dashboard up that long after the summary (default 0)",
      "  --project ID       run on this real Frame.io project instead of the sandbox, with the credentials",
      "                     of the environment (FRAMEIO_TOKEN, or FRAMEIO_CLIENT_ID + FRAMEIO_CLIENT_SECRET",
      "                     + FRAMEIO_TOKEN_FILE as written by the login); the renders go to a new folder",
      "                     named POSTFLOW_DEMO_<time> in that project",
      "  --yes              confirm --project: the demo uploads about " + Demo.TOTAL_MEGABYTES + " MB of test renders there",
      "  --account ID       the account of --project (default FRAMEIO_ACCOUNT_ID, or the only one)",
      "  -h, --help         print this help and do nothing else",
      "",
      "Exit status: 0 when everything happened as expected, 1 when something did not (the summary",
      "says what), 2 for a bad command line or a refused real project.");

  private final boolean help;
  private final int port;
  private final Duration linger;
  private final Optional<String> project;
  private final Optional<String> account;
  private final boolean yes;
  private final Map<String, String> environment;

  private DemoOptions(boolean help, int port, Duration linger, Optional<String> project, Optional<String> account,
      boolean yes, Map<String, String> environment) {
    this.help = help;
    this.port = port;
    this.linger = linger;
    this.project = project;
    this.account = account;
    this.yes = yes;
    this.environment = environment;
  }

  /** The demo on the sandbox with the defaults: what the README's first command runs. */
  public static DemoOptions sandbox() {
    return new DemoOptions(false, 0, Duration.ZERO, Optional.empty(), Optional.empty(), false, Map.of());
  }

  /**
   * Parses the arguments; {@code environment} supplies the credentials of a real run.
   *
   * @throws IllegalArgumentException naming the argument that is wrong, and why
   */
  public static DemoOptions parse(List<String> args, Map<String, String> environment) {
    boolean help = false;
    int port = 0;
    Duration linger = Duration.ZERO;
    String project = null;
    String account = null;
    boolean yes = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "-h", "--help" -> help = true;
        case "--yes" -> yes = true;
        case "--port" -> port = number(arg, value(args, i++), 0, 65535);
        case "--linger" -> linger = Duration.ofSeconds(number(arg, value(args, i++), 0, 86_400));
        case "--project" -> project = nonBlank(arg, value(args, i++));
        case "--account" -> account = nonBlank(arg, value(args, i++));
        default -> throw new IllegalArgumentException("unknown argument '" + arg + "' (see --help)");
      }
    }
    if (!help && account != null && project == null) {
      throw new IllegalArgumentException("--account is for a real project: name it with --project ID --yes");
    }
    return new DemoOptions(help, port, linger, Optional.ofNullable(project), Optional.ofNullable(account), yes,
        Map.copyOf(Objects.requireNonNull(environment, "environment")));
  }

  private static String value(List<String> args, int i) {
    if (i + 1 >= args.size()) {
      throw new IllegalArgumentException(args.get(i) + " needs a value (see --help)");
    }
    return args.get(i + 1);
  }

  private static int number(String option, String text, int min, int max) {
    try {
      int n = Integer.parseInt(text.trim());
      if (n < min || n > max) {
        throw new IllegalArgumentException(option + " must be " + min + " to " + max + ", not " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a whole number, not '" + text + "'");
    }
  }

  private static String nonBlank(String option, String text) {
    if (text.isBlank() || text.startsWith("-")) {
      throw new IllegalArgumentException(option + " needs a value, not '" + text + "'");
    }
    return text.trim();
  }

  public boolean help() {
    return help;
  }

  /** The dashboard's port; 0 for any free port. */
  public int port() {
    return port;
  }

  /** How long to stay up after the summary. */
  public Duration linger() {
    return linger;
  }

  /** The real Frame.io project named on the command line; empty for the sandbox. */
  public Optional<String> project() {
    return project;
  }

  public Optional<String> account() {
    return account;
  }

  /** Whether {@code --yes} confirmed the real project. */
  public boolean confirmed() {
    return yes;
  }

  Map<String, String> environment() {
    return environment;
  }

  /** Never shows the environment: it may hold credentials. */
  @Override
  public String toString() {
    return "DemoOptions{port=" + port + ", linger=" + linger + project.map(p -> ", project=" + p).orElse("")
        + account.map(a -> ", account=" + a).orElse("") + (yes ? ", yes" : "") + (help ? ", help" : "") + "}";
  }
}
