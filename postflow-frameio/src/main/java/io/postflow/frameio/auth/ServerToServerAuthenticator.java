package io.postflow.frameio.auth;

import io.postflow.api.AccessToken;
import io.postflow.api.AuthenticationException;
import io.postflow.api.Authenticator;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frame.io access through an Adobe IMS <b>OAuth Server-to-Server</b> credential (client
 * credentials grant): no user, no browser, no refresh token. Only for Frame.io accounts
 * administered through the Adobe Admin Console.
 *
 * <pre>{@code
 * Authenticator auth = ServerToServerAuthenticator.builder()
 *     .clientId(System.getenv("FRAMEIO_CLIENT_ID"))
 *     .clientSecret(System.getenv("FRAMEIO_CLIENT_SECRET"))
 *     .build();
 * String bearer = auth.token().value();
 * }</pre>
 *
 * <p><b>Contract.</b> Thread-safe. The token is cached until the skew before its expiry (IMS
 * throttles clients that mint too many); then one caller fetches a new one while the others wait
 * for it. {@link #refresh(AccessToken)} fetches once per rejected token. Throws
 * {@link AuthenticationException} with a remedy when IMS refuses the credential and
 * {@link io.postflow.api.ServiceException} when it cannot be reached after retries.
 */
public final class ServerToServerAuthenticator implements Authenticator {
  static final List<String> DEFAULT_SCOPES = List.of("openid", "AdobeID", "frame.s2s.all");
  private static final Logger log = LoggerFactory.getLogger(ServerToServerAuthenticator.class);

  private final URI imsBaseUri;
  private final String clientId;
  private final String clientSecret;
  private final List<String> scopes;
  private final ImsClient ims;
  private final TokenCache cache;

  private ServerToServerAuthenticator(Builder builder) {
    this.imsBaseUri = builder.imsBaseUri;
    this.clientId = builder.clientId;
    this.clientSecret = builder.clientSecret;
    this.scopes = List.copyOf(builder.scopeSet);
    this.ims = builder.imsClient();
    this.cache = new TokenCache(builder.clock, builder.skew);
  }

  /** Starts a builder; client id and client secret are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The cached token, or a new one when it expires within the skew. Blocks only to fetch. */
  @Override
  public AccessToken token() {
    return cache.get(this::fetch);
  }

  /** A new token in place of {@code rejected}, fetched once however many callers report it. */
  @Override
  public AccessToken refresh(AccessToken rejected) {
    return cache.replace(rejected, this::fetch);
  }

  private AccessToken fetch() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    form.put("client_id", clientId);
    form.put("client_secret", clientSecret);
    form.put("scope", String.join(",", scopes));
    AccessToken token = ims.token(ImsGrant.CLIENT_CREDENTIALS, form, false, scopes).accessToken();
    log.debug("Obtained a server-to-server token valid until {}", token.expiresAt());
    return token;
  }

  @Override
  public String toString() {
    return "ServerToServerAuthenticator{ims=" + imsBaseUri + ", clientId=" + clientId
        + ", scopes=" + scopes + "}";
  }

  /**
   * Configures a {@link ServerToServerAuthenticator}. Not thread-safe. The IMS settings are
   * shared with {@link ImsAuthenticator.Builder}.
   */
  public static final class Builder extends ImsSettingsBuilder<Builder> {
    private List<String> scopes = DEFAULT_SCOPES;
    private Set<String> scopeSet;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /** The scopes; default {@code openid, AdobeID, frame.s2s.all}. */
    public Builder scopes(List<String> scopes) {
      this.scopes = scopes;
      return this;
    }

    /**
     * Validates and creates the authenticator; no call is made until the first {@code token()}.
     *
     * @throws io.postflow.api.ConfigurationException naming the first setting at fault
     */
    public ServerToServerAuthenticator build() {
      validateShared();
      scopeSet = Settings.scopes("scopes", scopes);
      return new ServerToServerAuthenticator(this);
    }
  }
}
