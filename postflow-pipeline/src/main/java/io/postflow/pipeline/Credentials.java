package io.postflow.pipeline;

import io.postflow.api.Authenticator;
import io.postflow.api.ConfigurationException;
import io.postflow.frameio.auth.FileTokenStore;
import io.postflow.frameio.auth.ImsAuthenticator;
import io.postflow.frameio.auth.ServerToServerAuthenticator;
import io.postflow.frameio.auth.StaticTokenAuthenticator;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which authenticator the configuration asks for. Decided (and checked) at build time, created
 * at start, since an authenticator may read its token file:
 * <ul>
 *   <li>{@code FRAMEIO_TOKEN}: a bearer token used as is (a developer token; expires);</li>
 *   <li>{@code FRAMEIO_CLIENT_ID} + {@code FRAMEIO_CLIENT_SECRET} + {@code FRAMEIO_TOKEN_FILE}:
 *       the user login stored by {@code postflow login}, refreshed and rotated
 *       in that file;</li>
 *   <li>{@code FRAMEIO_CLIENT_ID} + {@code FRAMEIO_CLIENT_SECRET} alone: an Adobe server-to-server
 *       credential.</li>
 * </ul>
 * {@code FRAMEIO_IMS_URL} points the last two at another Adobe IMS (the sandbox's, in tests).
 */
final class Credentials {
  /** The redirect URI given to IMS; only a login uses it, and refreshing never does. */
  private static final URI LOGIN_REDIRECT = URI.create("https://localhost:8443/callback");

  private Credentials() {}

  static Supplier<Authenticator> from(Authenticator given, ConfigValues config) {
    if (given != null) {
      return () -> given;
    }
    Optional<ConfigValues.Value> token = config.get("FRAMEIO_TOKEN");
    Optional<ConfigValues.Value> clientId = config.get("FRAMEIO_CLIENT_ID");
    Optional<ConfigValues.Value> secret = config.get("FRAMEIO_CLIENT_SECRET");
    Optional<ConfigValues.Value> tokenFile = config.get("FRAMEIO_TOKEN_FILE");
    Optional<URI> ims = config.get("FRAMEIO_IMS_URL").map(Settings::uri);
    if (token.isPresent()) {
      if (clientId.isPresent()) {
        throw new ConfigurationException("both " + token.get().where() + " and " + clientId.get().where()
            + " are set: keep the one you mean to use");
      }
      String bearer = token.get().text();
      return () -> StaticTokenAuthenticator.of(bearer);
    }
    if (clientId.isEmpty() || secret.isEmpty()) {
      throw new ConfigurationException("no Frame.io credentials: set FRAMEIO_TOKEN, or FRAMEIO_CLIENT_ID and "
          + "FRAMEIO_CLIENT_SECRET (with FRAMEIO_TOKEN_FILE for a user login), or call frameio(...) or "
          + "authenticator(...)" + clientId.map(v -> "; " + v.where() + " is set but FRAMEIO_CLIENT_SECRET is not")
          .orElse(secret.map(v -> "; " + v.where() + " is set but FRAMEIO_CLIENT_ID is not").orElse("")));
    }
    String id = clientId.get().text();
    String clientSecret = secret.get().text();
    if (tokenFile.isPresent()) {
      var file = config.path("FRAMEIO_TOKEN_FILE").get();
      if (!java.nio.file.Files.isRegularFile(file)) {
        throw new ConfigurationException(tokenFile.get().where() + " names no file: " + file.toAbsolutePath()
            + "; log in once to create it (postflow login), or unset it to use a server-to-server"
            + " credential");
      }
      return () -> {
        ImsAuthenticator.Builder b = ImsAuthenticator.builder().clientId(id).clientSecret(clientSecret)
            .redirectUri(LOGIN_REDIRECT).tokenStore(FileTokenStore.of(file));
        ims.ifPresent(b::imsBaseUri);
        return b.build();
      };
    }
    return () -> {
      ServerToServerAuthenticator.Builder b = ServerToServerAuthenticator.builder().clientId(id).clientSecret(clientSecret);
      ims.ifPresent(b::imsBaseUri);
      return b.build();
    };
  }
}
