package io.postflow.cli;

import io.postflow.testkit.FrameioSandbox;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code postflow sandbox}: the Frame.io v4 sandbox on its own, for a studio's own development:
 * prints its address and credentials (the sandbox's own, worthless anywhere else) and the settings
 * that point PostFlow at it, and runs until Ctrl-C.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
    description = {"Run the Frame.io v4 sandbox (and its fake Adobe IMS) on a loopback port until Ctrl-C.",
        "Prints the address, the credentials and the settings to point PostFlow at it; its data lives in memory."})
final class SandboxCommand implements Callable<Integer> {
  @ParentCommand PostflowCommand root;

  @Option(names = "--port", paramLabel = "N", description = "loopback port (default: a free one)")
  int port;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw CliException.usage("--port must be from 0 to 65535, was " + port);
    }
    Session session = root.session;
    FrameioSandbox sandbox;
    try {
      sandbox = FrameioSandbox.builder().port(port).start();
    } catch (io.postflow.api.PostFlowException e) {
      throw new CliException(ExitCodes.UNAVAILABLE, e.getMessage(), "choose another --port, or leave it out for a free one");
    }
    try (sandbox) {
      PrintStream out = session.out;
      out.println("Frame.io sandbox at " + sandbox.baseUri() + " (Adobe IMS at " + sandbox.imsBaseUri() + ")");
      out.println("  account   " + sandbox.accountId());
      out.println("  workspace " + sandbox.workspaceId());
      out.println("  project   " + sandbox.projectId() + " (root folder " + sandbox.rootFolderId() + ")");
      out.println("  OAuth Web App client          " + sandbox.clientId() + " / " + sandbox.clientSecret());
      out.println("  server-to-server client       " + sandbox.serverToServerClientId() + " / "
          + sandbox.serverToServerClientSecret());
      out.println("These are the sandbox's own credentials, good for this sandbox only. To point PostFlow at it:");
      out.println("  export FRAMEIO_BASE_URL=" + sandbox.baseUri());
      out.println("  export FRAMEIO_IMS_URL=" + sandbox.imsBaseUri());
      out.println("  export FRAMEIO_CLIENT_ID=" + sandbox.serverToServerClientId());
      out.println("  export FRAMEIO_CLIENT_SECRET=" + sandbox.serverToServerClientSecret());
      out.println("  export FRAMEIO_PROJECT_ID=" + sandbox.projectId());
      out.println("Everything lives in memory and ends with this command. Ctrl-C to stop.");
      out.flush();
      session.stop.await();
      out.println("Sandbox stopped.");
      return ExitCodes.OK;
    } finally {
      session.stop.finished();
    }
  }
}
