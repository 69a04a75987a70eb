package io.postflow.cli;

import io.postflow.api.Authenticator;
import io.postflow.frameio.auth.ImsAuthenticator;
import io.postflow.frameio.auth.InMemoryTokenStore;
import io.postflow.frameio.auth.LoginRequest;
import io.postflow.pipeline.Configuration;
import io.postflow.pipeline.PostFlowBuilder;
import io.postflow.testkit.FrameioSandbox;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the demo delivers: the in-process sandbox, or a real Frame.io project that the command
 * line named and confirmed. Every check is made before anything is created anywhere.
 */
final class DemoBackend implements AutoCloseable {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** The sandbox, when the demo runs on it. */
  final Optional<FrameioSandbox> sandbox;
  /** The project the renders go to. */
  final String projectId;
  /** For a real project: the folder made for this run, which holds everything the demo uploads. */
  final Optional<String> testFolder;
  private final Authenticator sandboxLogin;
  private final Map<String, String> environment;

  private DemoBackend(Optional<FrameioSandbox> sandbox, String projectId, Optional<String> testFolder,
      Authenticator sandboxLogin, Map<String, String> environment) {
    this.sandbox = sandbox;
    this.projectId = projectId;
    this.testFolder = testFolder;
    this.sandboxLogin = sandboxLogin;
    this.environment = environment;
  }

  /**
   * A real project is refused unless named and confirmed; anything else means the sandbox. The
   * configuration (environment and file) is read only for a real project, so that a studio's
   * settings never stop, or steer, the sandbox demo.
   *
   * @throws CliException when a real project is refused, before anything is created anywhere
   */
  static DemoBackend open(DemoCommand options, PrintStream out) {
    if (options.project().isPresent()) {
      return real(options, options.root.configuration(), out);
    }
    Map<String, String> env = options.root.session.env;
    if (present(env, "FRAMEIO_TOKEN") || present(env, "FRAMEIO_CLIENT_ID")) {
      out.println("Frame.io credentials are set, but no project was named: running on the sandbox."
          + " (To use a real project: --project ID --yes; see --help.)");
    }
    FrameioSandbox sandbox = FrameioSandbox.builder().transcodeDelay(Duration.ofMillis(300))
        .maxPartBytes(2_000_000).start();
    try {
      // Each part waits a moment at the sandbox, like an upload over a real connection, so the
      // progress is there to watch.
      sandbox.faults().stallPartPuts(1000, Duration.ofMillis(120));
      out.println("Backend: the in-process Frame.io v4 sandbox at " + sandbox.baseUri() + " (no account, no network)");
      return new DemoBackend(Optional.of(sandbox), sandbox.projectId(), Optional.empty(), logIn(sandbox, out), Map.of());
    } catch (RuntimeException e) {
      sandbox.close();
      throw e;
    }
  }

  private static DemoBackend real(DemoCommand options, Configuration config, PrintStream out) {
    String project = options.project().get();
    String folder = "POSTFLOW_DEMO_" + STAMP.format(Instant.now());
    if (!options.yes) {
      throw new CliException(ExitCodes.USAGE, "the demo would upload about " + Demo.TOTAL_MEGABYTES
          + " MB of test renders into a new folder " + folder + " of the real Frame.io project " + project,
          "add --yes to confirm, or leave --project out to run on the sandbox");
    }
    if (config.text("FRAMEIO_TOKEN").isEmpty() && config.text("FRAMEIO_CLIENT_ID").isEmpty()) {
      throw new CliException(ExitCodes.CONFIGURATION, "--project needs Frame.io credentials, and none are"
          + " configured", "set FRAMEIO_TOKEN, or FRAMEIO_CLIENT_ID and FRAMEIO_CLIENT_SECRET and log in once with"
          + " 'postflow login' (docs/getting-started.md)");
    }
    // Only the credentials and the service's address come from the configuration: the demo brings
    // its own shot list, journal, watched folder and names. FRAMEIO_TOKEN_FILE includes the login
    // 'postflow login' stored, found as every command finds it.
    Map<String, String> settings = new HashMap<>();
    for (String key : List.of("FRAMEIO_TOKEN", "FRAMEIO_CLIENT_ID", "FRAMEIO_CLIENT_SECRET", "FRAMEIO_TOKEN_FILE",
        "FRAMEIO_IMS_URL", "FRAMEIO_BASE_URL", "FRAMEIO_ACCOUNT_ID")) {
      config.text(key).ifPresent(value -> settings.put(key, value));
    }
    config.where("FRAMEIO_TOKEN_FILE").ifPresent(where -> out.println("Using the Frame.io login stored in "
        + settings.get("FRAMEIO_TOKEN_FILE")));
    settings.put("FRAMEIO_PROJECT_ID", project);
    options.account().ifPresent(account -> settings.put("FRAMEIO_ACCOUNT_ID", account));
    // Everything this run creates sits in one clearly named folder of its own: a second run never
    // stacks its renders onto the first run's.
    settings.put("POSTFLOW_FOLDER_TEMPLATE", folder + "/SC{scene.number:02}_{scene.slug}/{project}_{shot}");
    out.println("Backend: Frame.io, project " + project + "; this run's renders go to the folder " + folder);
    return new DemoBackend(Optional.empty(), project, Optional.of(folder), null, Map.copyOf(settings));
  }

  /** The builder's backend settings: the sandbox and its login, or the environment's credentials. */
  PostFlowBuilder configure(PostFlowBuilder builder) {
    if (sandbox.isPresent()) {
      return builder.frameioBaseUri(sandbox.get().baseUri()).authenticator(sandboxLogin)
          .accountId(sandbox.get().accountId()).projectId(projectId);
    }
    return builder.fromEnvironment(environment);
  }

  private static boolean present(Map<String, String> env, String key) {
    String value = env.get(key);
    return value != null && !value.isBlank();
  }

  /**
   * The OAuth Web App login a headless machine does: open the authorization URL (the login
   * command's stand-in browser, which the sandbox's IMS approves at once), then hand over the URL
   * the browser was redirected to.
   */
  private static Authenticator logIn(FrameioSandbox sandbox, PrintStream out) {
    ImsAuthenticator ims = ImsAuthenticator.builder()
        .imsBaseUri(sandbox.imsBaseUri())
        .clientId(sandbox.clientId())
        .clientSecret(sandbox.clientSecret())
        .redirectUri(URI.create("https://localhost:8443/callback"))
        .tokenStore(InMemoryTokenStore.create())
        .build();
    LoginRequest login = ims.beginLogin();
    ims.completeFromRedirectUrl(login, LoginCommand.approveInSandbox(login.authorizationUrl(), out));
    out.println("Logged in through the sandbox's Adobe IMS (authorization code + PKCE); token valid until "
        + ims.token().expiresAt());
    return ims;
  }

  @Override
  public void close() {
    if (sandboxLogin != null) {
      sandboxLogin.close();
    }
    sandbox.ifPresent(FrameioSandbox::close);
  }
}
