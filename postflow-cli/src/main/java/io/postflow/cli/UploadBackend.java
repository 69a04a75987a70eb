package io.postflow.cli;

import io.postflow.api.Authenticator;
import io.postflow.frameio.FrameioClient;
import io.postflow.frameio.auth.FileTokenStore;
import io.postflow.frameio.auth.ImsAuthenticator;
import io.postflow.frameio.auth.StaticTokenAuthenticator;
import io.postflow.testkit.FrameioSandbox;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where {@link UploadFile} sends the file: the in-process sandbox with {@code --sandbox}, otherwise
 * Frame.io with {@code FRAMEIO_TOKEN} or the refresh token OAuthLogin stored.
 */
final class UploadBackend implements AutoCloseable {
  static final Path DEFAULT_TOKEN_FILE =
      Path.of(System.getProperty("user.home"), ".postflow", "frameio-token.json");
  // Only used to build the authenticator: refreshing never visits the redirect URI.
  private static final URI LOGIN_REDIRECT = URI.create("https://localhost:8443/callback");

  final URI baseUri;
  final Authenticator authenticator;
  final Optional<FrameioSandbox> sandbox;
  final String description;
  private final boolean ownsSandbox;

  private UploadBackend(URI baseUri, Authenticator authenticator, Optional<FrameioSandbox> sandbox,
      boolean ownsSandbox, String description) {
    this.baseUri = baseUri;
    this.authenticator = authenticator;
    this.sandbox = sandbox;
    this.ownsSandbox = ownsSandbox;
    this.description = description;
  }

  /**
   * Picks the backend. {@code sandboxes} gives the sandbox for {@code --sandbox}: a fresh one
   * (closed with this backend) for the program, the test's own one (left open) in tests.
   *
   * @throws IllegalArgumentException when no credentials are set, saying exactly what to set
   */
  static UploadBackend choose(UploadOptions options, Map<String, String> env,
      Supplier<FrameioSandbox> sandboxes, boolean ownsSandbox) {
    if (options.sandbox) {
      FrameioSandbox sandbox = sandboxes.get();
      return new UploadBackend(sandbox.baseUri(), StaticTokenAuthenticator.of(sandbox.issueAccessToken()),
          Optional.of(sandbox), ownsSandbox, "the in-process Frame.io sandbox at " + sandbox.baseUri());
    }
    URI base = Optional.ofNullable(env.get("FRAMEIO_BASE_URI")).filter(s -> !s.isBlank())
        .map(URI::create).orElse(FrameioClient.DEFAULT_BASE_URI);
    String token = env.get("FRAMEIO_TOKEN");
    if (token != null && !token.isBlank()) {
      return new UploadBackend(base, StaticTokenAuthenticator.of(token), Optional.empty(), false,
          "Frame.io at " + base + " (FRAMEIO_TOKEN)");
    }
    Path tokenFile = options.tokenFile.orElse(DEFAULT_TOKEN_FILE);
    if (!Files.isRegularFile(tokenFile)) {
      throw new IllegalArgumentException("no Frame.io credentials: set FRAMEIO_TOKEN to an access token, or run"
          + " OAuthLogin first (it stores a refresh token in " + tokenFile + "; use --token-file for another"
          + " place), or try --sandbox");
    }
    String clientId = env.get("FRAMEIO_CLIENT_ID");
    String clientSecret = env.get("FRAMEIO_CLIENT_SECRET");
    if (isBlank(clientId) || isBlank(clientSecret)) {
      throw new IllegalArgumentException("the refresh token in " + tokenFile + " needs FRAMEIO_CLIENT_ID and"
          + " FRAMEIO_CLIENT_SECRET set (the OAuth Web App credential OAuthLogin used), or set FRAMEIO_TOKEN");
    }
    ImsAuthenticator.Builder ims = ImsAuthenticator.builder().clientId(clientId).clientSecret(clientSecret)
        .redirectUri(LOGIN_REDIRECT).tokenStore(FileTokenStore.of(tokenFile));
    Optional.ofNullable(env.get("ADOBE_IMS_BASE_URI")).filter(s -> !s.isBlank())
        .ifPresent(uri -> ims.imsBaseUri(URI.create(uri)));
    return new UploadBackend(base, ims.build(), Optional.empty(), false,
        "Frame.io at " + base + " (refresh token in " + tokenFile + ")");
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  @Override
  public void close() {
    authenticator.close();
    if (ownsSandbox) {
      sandbox.ifPresent(FrameioSandbox::close);
    }
  }
}
