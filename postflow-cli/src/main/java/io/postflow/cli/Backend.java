package io.postflow.cli;

import io.postflow.api.Authenticator;
import io.postflow.frameio.FrameioClient;
import io.postflow.frameio.auth.StaticTokenAuthenticator;
import io.postflow.pipeline.Configuration;
import io.postflow.testkit.FrameioSandbox;
import java.net.URI;
import java.util.Optional;

/**
 * Where a command talks to: the in-process sandbox with {@code --sandbox}, otherwise Frame.io (or
 * {@code FRAMEIO_BASE_URL}) with the configured credentials: {@code FRAMEIO_TOKEN}, the refresh
 * token {@code postflow login} stored, or a server-to-server credential. Closing it closes the
 * client, the authenticator, and the sandbox when it belongs to the command.
 */
final class Backend implements AutoCloseable {
  final URI baseUri;
  final FrameioClient client;
  final Optional<FrameioSandbox> sandbox;
  /** For the user: where, and with which credential, never the credential itself. */
  final String description;
  private final Authenticator authenticator;
  private final boolean ownsSandbox;

  private Backend(URI baseUri, Authenticator authenticator, Optional<FrameioSandbox> sandbox, boolean ownsSandbox,
      String description) {
    this.baseUri = baseUri;
    this.authenticator = authenticator;
    this.sandbox = sandbox;
    this.ownsSandbox = ownsSandbox;
    this.description = description;
    this.client = FrameioClient.builder().baseUri(baseUri).authenticator(authenticator).build();
  }

  /**
   * Opens the backend the options ask for. Reads the token file, contacts nobody.
   *
   * @throws io.postflow.api.ConfigurationException when no credentials are configured (the message
   *     says what to set)
   */
  static Backend open(boolean sandbox, PostflowCommand root) {
    Session session = root.session;
    if (sandbox) {
      FrameioSandbox started = session.sandboxes.get();
      return new Backend(started.baseUri(), StaticTokenAuthenticator.of(started.issueAccessToken()),
          Optional.of(started), session.ownsSandbox, "the in-process Frame.io sandbox at " + started.baseUri()
          + " (it ends with this command)");
    }
    Configuration config = root.configuration();
    Authenticator authenticator = config.authenticator();
    String credential = config.where("FRAMEIO_TOKEN").map(w -> "the bearer token in " + w)
        .or(() -> config.where("FRAMEIO_TOKEN_FILE").map(w -> "the login stored in " + config.text("FRAMEIO_TOKEN_FILE").get()))
        .orElse("the server-to-server credential " + config.text("FRAMEIO_CLIENT_ID").orElse(""));
    return new Backend(config.frameioBaseUri(), authenticator, Optional.empty(), false,
        "Frame.io at " + config.frameioBaseUri() + " with " + credential);
  }

  @Override
  public void close() {
    client.close();
    authenticator.close();
    if (ownsSandbox) {
      sandbox.ifPresent(FrameioSandbox::close);
    }
  }
}
