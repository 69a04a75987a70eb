package io.postflow.cli;

import io.postflow.api.AuthenticationException;
import io.postflow.api.ConfigurationException;
import io.postflow.api.InvalidInputException;
import io.postflow.api.JournalException;
import io.postflow.api.LocalFileException;
import io.postflow.api.PostFlowException;
import io.postflow.api.ServiceException;
import io.postflow.api.TunnelException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine;

/**
 * The {@code postflow} command's entry point: {@link #main} for the process, {@link #run} for
 * tests (the exit status is returned, nothing exits).
 */
public final class Main {
  private Main() {}

  /**
   * Runs {@code postflow} with the process's environment and streams and exits with its status.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    configureLogging(args);
    System.exit(run(Session.ofProcess(), args));
  }

  /** Runs one command line; never exits, never throws. */
  static int run(Session session, String... args) {
    PostflowCommand root = new PostflowCommand(session);
    CommandLine cli = new CommandLine(root);
    cli.setOut(new PrintWriter(session.out, true));
    cli.setErr(new PrintWriter(session.err, true));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler((e, commandLine, parsed) -> report(e, commandLine, root.debug, session));
    cli.setParameterExceptionHandler((e, parsedArgs) -> {
      CommandLine failed = e.getCommandLine();
      session.err.println(failed.getCommandName().equals("postflow") ? "postflow: " + e.getMessage()
          : "postflow " + failed.getCommandName() + ": " + e.getMessage());
      if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, failed.getErr())) {
        session.err.println("Run '" + failed.getCommandSpec().qualifiedName() + " --help' for usage.");
      }
      return ExitCodes.USAGE;
    });
    return cli.execute(args);
  }

  /** The one place a failure becomes a message and an exit status. */
  static int report(Exception e, CommandLine commandLine, boolean debug, Session session) {
    String command = commandLine.getCommandSpec().qualifiedName();
    int code;
    String remedy = null;
    if (e instanceof CliException) {
      code = ((CliException) e).exitCode();
      remedy = ((CliException) e).remedy();
    } else if (e instanceof CommandLine.ParameterException) {
      code = ExitCodes.USAGE;
    } else if (e instanceof AuthenticationException) {
      code = ExitCodes.CONFIGURATION;
      remedy = ((AuthenticationException) e).remedy();
    } else if (e instanceof ConfigurationException) {
      code = ExitCodes.CONFIGURATION;
    } else if (e instanceof ServiceException && ((ServiceException) e).httpStatus() == 0) {
      code = ExitCodes.UNAVAILABLE;
      remedy = "check the network and the Frame.io address; 'postflow doctor' tells which part fails";
    } else if (e instanceof JournalException && String.valueOf(e.getMessage()).contains("in use")) {
      code = ExitCodes.UNAVAILABLE;
      remedy = "another agent ('postflow run') holds this journal: stop it, or give this one a journal of its own"
          + " (POSTFLOW_JOURNAL)";
    } else if (e instanceof InvalidInputException || e instanceof LocalFileException
        || e instanceof TunnelException || e instanceof PostFlowException) {
      code = ExitCodes.FAILED;
    } else if (e instanceof InterruptedException) {
      code = ExitCodes.INTERRUPTED;
    } else {
      code = ExitCodes.FAILED;
      remedy = debug ? null : "this is a bug in postflow; run again with --debug and report the stack trace";
    }
    String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    if (!(e instanceof CliException) && !(e instanceof PostFlowException)) {
      message = e.getClass().getSimpleName() + ": " + message;
    }
    session.err.println(command + ": " + message);
    if (remedy != null) {
      session.err.println("  what to do: " + remedy);
    }
    if (debug) {
      e.printStackTrace(session.err);
    } else if (code == ExitCodes.FAILED && !(e instanceof CliException)) {
      session.err.println("  (--debug shows the stack trace)");
    }
    return code;
  }

  /**
   * slf4j-simple reads its settings once, from system properties, before the first logger: WARN
   * and above on standard error by default (a command's own output is its answer), INFO with
   * times for the agent, DEBUG with {@code --debug}.
   */
  static void configureLogging(String[] args) {
    boolean debug = Arrays.asList(args).contains("--debug");
    boolean agent = args.length > 0 && args[0].toLowerCase(Locale.ROOT).equals("run");
    setDefault("org.slf4j.simpleLogger.defaultLogLevel", debug ? "debug" : agent ? "info" : "warn");
    setDefault("org.slf4j.simpleLogger.showDateTime", String.valueOf(agent || debug));
    setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    setDefault("org.slf4j.simpleLogger.logFile", "System.err");
    setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
    // JDK HTTP servers (the sandbox, the login listener) answer without Nagle's delay.
    setDefault("sun.net.httpserver.nodelay", "true");
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
