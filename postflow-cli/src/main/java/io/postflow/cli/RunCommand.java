package io.postflow.cli;

import io.postflow.dashboard.Dashboard;
import io.postflow.pipeline.PostFlow;
import io.postflow.pipeline.PostFlowBuilder;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code postflow run}: the agent. The whole pipeline from the configuration (environment, then
 * the configuration file), until Ctrl-C or SIGTERM; then it stops watching, lets uploads in flight
 * finish for the grace period (then cancels them: their deliveries wait in the journal for the
 * next start) and exits 0.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run the agent: watch the filespace and deliver every settled render to Frame.io, until Ctrl-C or SIGTERM.",
        "Settings: the environment, then the configuration file (docs/configuration.md)."})
final class RunCommand implements Callable<Integer> {
  @ParentCommand PostflowCommand root;

  @Option(names = "--grace", paramLabel = "SECONDS", description = "on stop, how long uploads in flight may finish (default ${DEFAULT-VALUE})")
  long graceSeconds = 30;

  @Option(names = "--dashboard-port", paramLabel = "PORT",
      description = "the live dashboard's port on loopback (default ${DEFAULT-VALUE}; 0 picks a free one);"
          + " POSTFLOW_DASHBOARD_TOKEN, when set, is the access token it asks for")
  int dashboardPort = 8686;

  @Option(names = "--no-dashboard", description = "run without the live dashboard")
  boolean noDashboard;

  @Override
  public Integer call() throws InterruptedException {
    if (graceSeconds < 0) {
      throw CliException.usage("--grace must not be negative, was " + graceSeconds);
    }
    Session session = root.session;
    try {
      PostFlowBuilder builder = PostFlow.builder().fromEnvironment(root.environment())
          .shutdownGrace(Duration.ofSeconds(Math.max(1, graceSeconds)));
      root.configFile().ifPresent(builder::fromFile);
      PostFlow postflow = builder.build();
      if (dashboardPort < 0 || dashboardPort > 65535) {
        throw CliException.usage("--dashboard-port must be 0 to 65535, was " + dashboardPort);
      }
      try (Agent agent = Agent.start(postflow)) {
        session.out.println("PostFlow agent running: " + postflow);
        if (!noDashboard) {
          Dashboard dashboard = agent.attach(running -> {
            Dashboard.Builder board = Dashboard.builder().postflow(running).port(dashboardPort);
            String token = root.environment().get("POSTFLOW_DASHBOARD_TOKEN");
            if (token != null && !token.isBlank()) {
              board.accessToken(token);
            }
            Dashboard started = board.build();
            started.start();
            return started;
          });
          session.out.println("Dashboard: " + dashboard.url());
        }
        session.out.println("Ctrl-C (or SIGTERM) stops it; uploads in flight get " + graceSeconds + " s to finish.");
        session.out.flush();
        session.stop.await();
        session.out.println("Stopping: uploads in flight get " + graceSeconds + " s to finish...");
      }
      session.out.println("Agent stopped.");
      return ExitCodes.OK;
    } finally {
      session.stop.finished();
    }
  }
}
