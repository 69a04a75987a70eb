package io.postflow.examples.demo;

import io.postflow.api.Authenticator;
import io.postflow.frameio.auth.ImsAuthenticator;
import io.postflow.frameio.auth.InMemoryTokenStore;
import io.postflow.frameio.auth.LoginRequest;
import io.postflow.frameio.auth.StaticTokenAuthenticator;
import io.postflow.testkit.FrameioSandbox;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where the demo talks to: the in-process sandbox by default, or the real Frame.io when
 * {@code FRAMEIO_TOKEN} is set in the environment (with {@code FRAMEIO_ACCOUNT_ID} and
 * {@code FRAMEIO_PROJECT_ID}; {@code FRAMEIO_BASE_URI} optional).
 */
final class DemoBackend implements AutoCloseable {
  final URI baseUri;
  final Authenticator authenticator;
  /** Null: the only account the token sees. */
  final String accountId;
  final String projectId;
  final Optional<FrameioSandbox> sandbox;

  private DemoBackend(URI baseUri, Authenticator authenticator, String accountId, String projectId,
      Optional<FrameioSandbox> sandbox) {
    this.baseUri = baseUri;
    this.authenticator = authenticator;
    this.accountId = accountId;
    this.projectId = projectId;
    this.sandbox = sandbox;
  }

  static DemoBackend fromEnvironment(Map<String, String> env, PrintStream out) throws IOException, InterruptedException {
    String token = env.get("FRAMEIO_TOKEN");
    if (token != null && !token.isBlank()) {
      String project = env.get("FRAMEIO_PROJECT_ID");
      if (project == null || project.isBlank()) {
        // Never guess: the demo uploads 120 MB, which must not land in whatever project comes first.
        throw new IllegalArgumentException("FRAMEIO_TOKEN is set but FRAMEIO_PROJECT_ID is not: name the"
            + " project the demo may upload its 120 MB of test renders into");
      }
      URI base = URI.create(env.getOrDefault("FRAMEIO_BASE_URI", "https://api.frame.io"));
      out.println("Backend: Frame.io at " + base + " (FRAMEIO_TOKEN is set), project " + project);
      return new DemoBackend(base, StaticTokenAuthenticator.of(token), env.get("FRAMEIO_ACCOUNT_ID"), project,
          Optional.empty());
    }
    FrameioSandbox sandbox = FrameioSandbox.builder().transcodeDelay(Duration.ofMillis(300)).start();
    out.println("Backend: the in-process Frame.io v4 sandbox at " + sandbox.baseUri()
        + " (set FRAMEIO_TOKEN to use the real service)");
    return new DemoBackend(sandbox.baseUri(), logIn(sandbox, out), sandbox.accountId(), sandbox.projectId(),
        Optional.of(sandbox));
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
    out.println("Logged in through Adobe IMS (authorization code + PKCE); token valid until "
        + ims.token().expiresAt());
    return ims;
  }

  @Override
  public void close() {
    authenticator.close();
    sandbox.ifPresent(FrameioSandbox::close);
  }
}
