package io.postflow.examples.demo;

import io.postflow.api.Authenticator;
import io.postflow.frameio.auth.ImsAuthenticator;
import io.postflow.frameio.auth.InMemoryTokenStore;
import io.postflow.frameio.auth.LoginRequest;
import io.postflow.pipeline.PostFlowBuilder;
import io.postflow.testkit.FrameioSandbox;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
  /** Where {@code postflow login} keeps a user login. */
  static final Path LOGIN_FILE = Path.of(System.getProperty("user.home"), ".postflow", "frameio-token.json");
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

  /** A real project is refused unless named and confirmed; anything else means the sandbox. */
  static DemoBackend open(DemoOptions options, PrintStream out) throws IOException, InterruptedException {
    Map<String, String> env = options.environment();
    boolean credentials = present(env, "FRAMEIO_TOKEN") || present(env, "FRAMEIO_CLIENT_ID");
    if (options.project().isPresent()) {
      return real(options, env, out);
    }
    if (credentials) {
      out.println("Frame.io credentials are set, but no project was named: running on the sandbox."
          + " (To use a real project: --project ID --yes; see --help.)");
    }
    FrameioSandbox sandbox = FrameioSandbox.builder().transcodeDelay(Duration.ofMillis(300))
        .maxPartBytes(2_000_000).start();
    // Each part waits a moment at the sandbox, like an upload over a real connection, so the
    // progress is there to watch.
    sandbox.faults().stallPartPuts(1000, Duration.ofMillis(120));
    out.println("Backend: the in-process Frame.io v4 sandbox at " + sandbox.baseUri() + " (no account, no network)");
    return new DemoBackend(Optional.of(sandbox), sandbox.projectId(), Optional.empty(), logIn(sandbox, out), Map.of());
  }

  private static DemoBackend real(DemoOptions options, Map<String, String> env, PrintStream out) {
    String project = options.project().get();
    String folder = "POSTFLOW_DEMO_" + STAMP.format(Instant.now());
    if (!options.confirmed()) {
      throw new DemoRefusedException("the demo would upload about " + Demo.TOTAL_MEGABYTES + " MB of test renders into"
          + " a new folder " + folder + " of the real Frame.io project " + project + ". Add --yes to confirm.");
    }
    if (!present(env, "FRAMEIO_TOKEN") && !present(env, "FRAMEIO_CLIENT_ID")) {
      throw new DemoRefusedException("--project needs Frame.io credentials in the environment: FRAMEIO_TOKEN, or"
          + " FRAMEIO_CLIENT_ID and FRAMEIO_CLIENT_SECRET with the login's FRAMEIO_TOKEN_FILE");
    }
    // Only the credentials and the service's address come from the environment: the demo brings
    // its own shot list, journal, watched folder and names.
    Map<String, String> settings = new HashMap<>();
    for (String key : List.of("FRAMEIO_TOKEN", "FRAMEIO_CLIENT_ID", "FRAMEIO_CLIENT_SECRET", "FRAMEIO_TOKEN_FILE",
        "FRAMEIO_IMS_URL", "FRAMEIO_BASE_URL", "FRAMEIO_ACCOUNT_ID")) {
      if (present(env, key)) {
        settings.put(key, env.get(key));
      }
    }
    // The login the CLI stores, when the environment names no other file.
    if (present(env, "FRAMEIO_CLIENT_ID") && !present(env, "FRAMEIO_TOKEN_FILE") && Files.isRegularFile(LOGIN_FILE)) {
      settings.put("FRAMEIO_TOKEN_FILE", LOGIN_FILE.toString());
      out.println("Using the Frame.io login stored in " + LOGIN_FILE);
    }
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
   * The OAuth Web App login a headless machine does: open the authorization URL (here an HTTP
   * client stands in for the browser, and the sandbox's IMS approves at once), then paste the URL
   * the browser was redirected to.
   */
  private static Authenticator logIn(FrameioSandbox sandbox, PrintStream out) throws IOException, InterruptedException {
    ImsAuthenticator ims = ImsAuthenticator.builder()
        .imsBaseUri(sandbox.imsBaseUri())
        .clientId(sandbox.clientId())
        .clientSecret(sandbox.clientSecret())
        .redirectUri(URI.create("https://localhost:8443/callback"))
        .tokenStore(InMemoryTokenStore.create())
        .build();
    LoginRequest login = ims.beginLogin();
    HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    HttpResponse<Void> approval = browser.send(
        HttpRequest.newBuilder(login.authorizationUrl()).GET().build(), HttpResponse.BodyHandlers.discarding());
    String redirectedTo = approval.headers().firstValue("Location")
        .orElseThrow(() -> new IllegalStateException("IMS did not redirect: HTTP " + approval.statusCode()));
    ims.completeFromRedirectUrl(login, redirectedTo);
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
