package io.postflow.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code postflow demo}: the README's first command. The real pipeline and its dashboard on the
 * in-process sandbox ({@link Demo}); a real Frame.io project only when {@code --project} names it
 * and {@code --yes} confirms it, whatever credentials the environment holds. Every option is
 * checked before anything starts.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {
        "Run the whole pipeline with its live dashboard. Without --project: on the in-process Frame.io sandbox,",
        "with no account and no network. Four renders land in a temporary watched folder over a few seconds",
        "(one written slowly, one 0-byte placeholder filled later, one badly named, a version 2); the demo shows",
        "their progress and ends with a summary: the folder tree, each file's state and checksum, the",
        "quarantined name and why, the notifications sent."},
    footerHeading = "%nExit status:%n",
    footer = {
        "  0  everything happened as expected",
        "  1  something did not (the summary says what), or the pipeline could not run",
        "  2  a wrong option, or --project without --yes; nothing was done",
        "  3  --project without Frame.io credentials; nothing was done",
        "130  stopped by Ctrl-C"})
final class DemoCommand implements Callable<Integer> {
  @ParentCommand PostflowCommand root;

  @Option(names = "--port", paramLabel = "N", description = "the dashboard's loopback port (default: a free one; it is printed)")
  int port;

  @Option(names = "--linger", paramLabel = "SECONDS",
      description = "keep the pipeline and the dashboard up that long after the summary (default 0; Ctrl-C ends it early)")
  long lingerSeconds;

  @Option(names = "--project", paramLabel = "ID",
      description = {"run on this real Frame.io project instead of the sandbox, with the configured credentials",
          "(FRAMEIO_TOKEN, or the login 'postflow login' stored); the renders go to a new folder",
          "POSTFLOW_DEMO_<time> of that project"})
  String project;

  @Option(names = "--yes", description = "confirm --project: the demo uploads about " + Demo.TOTAL_MEGABYTES
      + " MB of test renders there")
  boolean yes;

  @Option(names = "--account", paramLabel = "ID", description = "the account of --project (default FRAMEIO_ACCOUNT_ID, or the only one)")
  String account;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw CliException.usage("--port must be 0 to 65535, was " + port);
    }
    if (lingerSeconds < 0 || lingerSeconds > 86_400) {
      throw CliException.usage("--linger must be 0 to 86400 seconds, was " + lingerSeconds);
    }
    if (project != null && (project.isBlank() || project.startsWith("-"))) {
      throw CliException.usage("--project needs a project id, not '" + project + "'");
    }
    if (account != null && project == null) {
      throw CliException.usage("--account is for a real project: name it with --project ID --yes");
    }
    return new Demo(this, root.session).run() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /** The real Frame.io project named on the command line; empty for the sandbox. */
  Optional<String> project() {
    return Optional.ofNullable(project).map(String::strip);
  }

  Optional<String> account() {
    return Optional.ofNullable(account).map(String::strip);
  }

  Duration linger() {
    return Duration.ofSeconds(lingerSeconds);
  }
}
