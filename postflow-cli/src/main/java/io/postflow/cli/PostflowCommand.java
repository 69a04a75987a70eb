package io.postflow.cli;

import io.postflow.pipeline.Configuration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code postflow}: the root command, its global options and the list of commands. */
@Command(name = "postflow", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Moves renders from a LucidLink filespace into Frame.io v4 and keeps the shot list in step.",
    subcommands = {
        RunCommand.class, LoginCommand.class, UploadCommand.class, StatusCommand.class,
        DeliveriesCommand.class, RetryCommand.class, ForgetCommand.class, ShotsCommand.class,
        NomenclatureCommand.class, DoctorCommand.class, SandboxCommand.class, DemoCommand.class,
        CommandLine.HelpCommand.class},
    footerHeading = "%nExit status:%n",
    footer = {
        "  0  done",
        "  1  the command ran and the answer is no (an upload failed, a name does not match, doctor found a problem)",
        "  2  wrong arguments or options; nothing was done",
        "  3  configuration or credentials missing or wrong; nothing was done",
        "  4  something needed is unavailable (Frame.io unreachable, the port taken, the journal held by another agent)",
        "130  stopped by Ctrl-C or SIGTERM",
        "",
        "Configuration: the environment, then the file of --config (default ./postflow.properties, then",
        "~/.postflow/postflow.properties). See docs/configuration.md and docs/cli.md."})
final class PostflowCommand implements Runnable {
  /** The environment variable naming the configuration file when --config is not given. */
  static final String CONFIG_VARIABLE = "POSTFLOW_CONFIG";

  final Session session;

  @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "postflow.properties to read (default: $POSTFLOW_CONFIG, ./postflow.properties, ~/.postflow/postflow.properties)")
  Path configFile;

  @Option(names = "--debug", scope = ScopeType.INHERIT,
      description = "log the flow at DEBUG and show the stack trace of a failure")
  boolean debug;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  PostflowCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    spec.commandLine().usage(session.out);
  }

  /**
   * The configuration file to read: {@code --config}, else {@code $POSTFLOW_CONFIG}, else
   * {@code ./postflow.properties} or {@code ~/.postflow/postflow.properties} when one exists.
   */
  Optional<Path> configFile() {
    if (configFile != null) {
      if (!Files.isRegularFile(configFile)) {
        throw new CliException(ExitCodes.CONFIGURATION, "--config " + configFile + ": no such file", null);
      }
      return Optional.of(configFile);
    }
    String named = session.env.get(CONFIG_VARIABLE);
    if (named != null && !named.isBlank()) {
      Path file = Path.of(named.strip());
      if (!Files.isRegularFile(file)) {
        throw new CliException(ExitCodes.CONFIGURATION, CONFIG_VARIABLE + " (from the environment) names no file: "
            + file, null);
      }
      return Optional.of(file);
    }
    for (Path candidate : new Path[] {Path.of("postflow.properties"), session.postflowDir().resolve("postflow.properties")}) {
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * The environment as PostFlow should read it. {@code postflow login} writes its token file in
   * {@code ~/.postflow} by default, and every command (the agent included) finds it there without
   * a setting: {@code FRAMEIO_TOKEN_FILE} defaults to it when it exists, a client id is set and no
   * bearer token is.
   */
  Map<String, String> environment() {
    Configuration read = Configuration.read(session.env, configFile());
    Path defaultTokenFile = LoginCommand.defaultTokenFile(session, false);
    if (read.text("FRAMEIO_TOKEN_FILE").isEmpty() && read.text("FRAMEIO_TOKEN").isEmpty()
        && read.text("FRAMEIO_CLIENT_ID").isPresent() && Files.isRegularFile(defaultTokenFile)) {
      Map<String, String> env = new HashMap<>(session.env);
      env.put("FRAMEIO_TOKEN_FILE", defaultTokenFile.toString());
      return env;
    }
    return session.env;
  }

  /** The settings: the {@link #environment()} over the configuration file. */
  Configuration configuration() {
    return Configuration.read(environment(), configFile());
  }
}
