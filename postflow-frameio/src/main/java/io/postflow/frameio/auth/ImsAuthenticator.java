package io.postflow.frameio.auth;

import io.postflow.api.AccessToken;
import io.postflow.api.AuthenticationException;
import io.postflow.api.Authenticator;
import io.postflow.api.ConfigurationException;
import io.postflow.api.PostFlowException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frame.io access through an Adobe IMS <b>OAuth Web App</b> credential: a user logs in once in a
 * browser, then the refresh token (kept in a {@link TokenStore}) gets new access tokens for 14 days
 * at a time, each refresh rotating it.
 *
 * <pre>{@code
 * ImsAuthenticator auth = ImsAuthenticator.builder()
 *     .clientId(System.getenv("FRAMEIO_CLIENT_ID"))
 *     .clientSecret(System.getenv("FRAMEIO_CLIENT_SECRET"))
 *     .redirectUri(URI.create("https://localhost:8443/callback")) // as in the Developer Console
 *     .tokenStore(FileTokenStore.of(Path.of("/etc/postflow/frameio-ims.json")))
 *     .build();
 * // Once, on a machine with a browser:
 * auth.loginWithLoopback(url -> log.info("Open {}", url), Duration.ofMinutes(5));
 * // On a headless machine instead:
 * LoginRequest login = auth.beginLogin();
 * log.info("Open {} and paste the address you land on:", login.authorizationUrl());
 * auth.completeFromRedirectUrl(login, new Scanner(System.in).nextLine());
 * // Afterwards, from any thread:
 * String bearer = auth.token().value();
 * }</pre>
 *
 * <p><b>Contract.</b> Thread-safe; see {@link Authenticator}. {@link #token()} returns the cached
 * token without blocking while it is valid for more than the skew; otherwise one caller refreshes
 * (one HTTP call however many threads wait) and the others get its result. The rotated refresh
 * token is saved to the store before the new access token is handed out, and the old one is never
 * sent again. Every method throws {@link AuthenticationException} with a remedy when no token can
 * be had, and {@link io.postflow.api.ServiceException} when IMS cannot be reached after retries.
 * {@code toString()} never shows the client secret or a token.
 */
public final class ImsAuthenticator implements Authenticator {
  static final URI DEFAULT_IMS = URI.create("https://ims-na1.adobelogin.com");
  static final List<String> DEFAULT_SCOPES =
      List.of("openid", "profile", "offline_access", "additional_info.roles", "email");
  static final String AUTHORIZE_PATH = "/ims/authorize/v2";
  private static final Logger log = LoggerFactory.getLogger(ImsAuthenticator.class);

  private final URI imsBaseUri;
  private final String clientId;
  private final URI redirectUri;
  private final List<String> scopes;
  private final Clock clock;
  private final Duration skew;
  private final TokenStore store;
  private final ImsClient ims;
  private final TokenCache cache;
  private final AtomicReference<LoginRequest> pendingLogin = new AtomicReference<>();
  // Guarded by the cache's single-flight lock.
  private String refreshToken;
  // The refresh token the store held when this instance last read or wrote it.
  private String persistedRefreshToken;
  private boolean loaded;
  /** Who the stored login belongs to: kept across every rotation of the refresh token. */
  private String account;
  private AuthenticationException refreshRefused;

  private ImsAuthenticator(Builder builder) {
    this.imsBaseUri = builder.imsBaseUri;
    this.clientId = builder.clientId;
    this.redirectUri = builder.redirectUri;
    this.scopes = List.copyOf(builder.scopeSet);
    this.clock = builder.clock;
    this.skew = builder.skew;
    this.store = builder.tokenStore;
    this.ims = builder.imsClient();
    this.cache = new TokenCache(builder.clock, builder.skew);
  }

  /** Starts a builder; client id, client secret and redirect URI are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A token valid for at least the skew: the cached one, the stored one, or a refreshed one.
   *
   * @throws AuthenticationException when not logged in or the refresh token was refused
   */
  @Override
  public AccessToken token() {
    return cache.get(this::storedOrRefreshed);
  }

  /**
   * A replacement for a token Frame.io answered 401 to: refreshed once however many callers
   * report the same token; the current token when {@code rejected} was already replaced.
   */
  @Override
  public AccessToken refresh(AccessToken rejected) {
    return cache.replace(rejected, () -> {
      loadOnce();
      return refreshNow();
    });
  }

  /**
   * Starts a login: a random {@code state}, a PKCE S256 pair and the authorization URL to open.
   * The request is also remembered for {@link #completeFromRedirectUrl(String)}. Never blocks.
   */
  public LoginRequest beginLogin() {
    return begin(redirectUri, Pkce.randomToken(), Pkce.generate());
  }

  /**
   * Finishes {@code login} from the address the browser landed on after Adobe redirected, pasted
   * by the user: the fallback for machines where no local listener can be reached.
   *
   * @return the new access token; the refresh token is already stored
   * @throws AuthenticationException for an {@code error=} redirect, a wrong state, an unreadable
   *     URL or a refused code
   */
  public AccessToken completeFromRedirectUrl(LoginRequest login, String redirectUrl) {
    Objects.requireNonNull(login, "login");
    String code = AuthorizationRedirect.fromPastedUrl(redirectUrl).codeFor(login.state());
    return exchange(login, code);
  }

  /** {@link #completeFromRedirectUrl(LoginRequest, String)} for the last {@link #beginLogin()}. */
  public AccessToken completeFromRedirectUrl(String redirectUrl) {
    LoginRequest login = pendingLogin.get();
    if (login == null) {
      throw new AuthenticationException("No login was started on this authenticator",
          "Call beginLogin() first and open its authorization URL", null);
    }
    return completeFromRedirectUrl(login, redirectUrl);
  }

  /**
   * The whole browser login: listens on the redirect URI (loopback only; HTTPS with a certificate
   * generated now, which the browser asks the user to accept once), hands the authorization URL to
   * {@code openBrowser} (print it, or {@code Desktop.browse} it), waits up to {@code timeout} for
   * the redirect and exchanges the code. Blocks; the listener is closed when this returns.
   *
   * <p>Every local process and every web page open in the browser can reach the listener, so only
   * a redirect carrying this login's {@code state} settles it: requests without it (an old tab, a
   * forged {@code code} or {@code error}) get an error page and the login keeps waiting; requests
   * naming another host than the redirect URI's (DNS rebinding) get 421; a connection that sends
   * no complete request within 10 s is closed, and stalled ones never keep the browser waiting.
   *
   * @throws AuthenticationException on timeout, a refused code, or an {@code error} redirect
   *     carrying this login's state (Adobe's own answer, such as {@code access_denied})
   */
  public AccessToken loginWithLoopback(Consumer<URI> openBrowser, Duration timeout) {
    Objects.requireNonNull(openBrowser, "openBrowser");
    String state = Pkce.randomToken();
    try (LoopbackRedirectListener listener =
        LoopbackRedirectListener.start(redirectUri, state, clock.instant())) {
      LoginRequest login = begin(listener.redirectUri(), state, Pkce.generate());
      openBrowser.accept(login.authorizationUrl());
      return exchange(login, listener.awaitCode(timeout));
    }
  }

  /**
   * Revokes the refresh token at IMS and clears the store and the cached token. Local state is
   * cleared even when IMS cannot be reached (the exception is then rethrown).
   */
  @Override
  public void revoke() {
    cache.underLock(() -> {
      loadOnce();
      String token = refreshToken;
      try {
        if (token != null) {
          ims.revoke(token);
          log.debug("Revoked the refresh token");
        }
      } finally {
        refreshToken = null;
        persistedRefreshToken = null;
        cache.set(null);
        store.clear();
      }
      return null;
    });
  }

  URI authorizationUrl(String state, Pkce pkce, URI redirect) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("client_id", clientId);
    query.put("redirect_uri", redirect.toString());
    query.put("scope", String.join(",", scopes));
    query.put("state", state);
    query.put("response_type", "code");
    query.put("code_challenge", pkce.challenge());
    query.put("code_challenge_method", "S256");
    return imsBaseUri.resolve(AUTHORIZE_PATH + "?" + ImsClient.encode(query));
  }

  private LoginRequest begin(URI redirect, String state, Pkce pkce) {
    LoginRequest login =
        LoginRequest.of(authorizationUrl(state, pkce, redirect), redirect, state, pkce);
    pendingLogin.set(login);
    log.debug("Started an IMS login for client {} redirecting to {}", clientId, redirect);
    return login;
  }

  private AccessToken exchange(LoginRequest login, String code) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", login.redirectUri().toString());
    form.put("code_verifier", login.codeVerifier());
    TokenResponse response = ims.token(ImsGrant.AUTHORIZATION_CODE, form, true, scopes);
    pendingLogin.compareAndSet(login, null);
    return cache.underLock(() -> {
      if (response.refreshToken().isEmpty()) {
        log.warn("Adobe IMS returned no refresh token: the login lasts only until the access token"
            + " expires. Enable offline_access on the OAuth credential in the Developer Console");
      }
      loaded = true;
      refreshRefused = null;
      account = null; // a new login: whoever logged in is not known to IMS's answer
      return persistAndInstall(response, response.refreshToken().orElse(null));
    });
  }

  /** Runs under the single-flight lock: the stored access token if still fresh, else a refresh. */
  private AccessToken storedOrRefreshed() {
    Optional<AccessToken> stored = loadOnce();
    if (stored.isPresent() && !stored.get().expiresWithin(skew, clock.instant())) {
      log.debug("Using the access token stored in {}", store);
      return stored.get();
    }
    return refreshNow();
  }

  /** Runs under the single-flight lock. Loads the store the first time; returns its access token. */
  private Optional<AccessToken> loadOnce() {
    if (loaded) {
      return Optional.empty();
    }
    Optional<StoredCredentials> stored = store.load();
    loaded = true;
    refreshToken = stored.flatMap(StoredCredentials::refreshToken).orElse(null);
    persistedRefreshToken = refreshToken;
    account = stored.flatMap(StoredCredentials::account).orElse(null);
    log.debug("Loaded credentials from {}: {}", store,
        refreshToken == null ? "no refresh token" : "a refresh token");
    return stored.flatMap(StoredCredentials::accessToken);
  }

  /** Runs under the single-flight lock. */
  private AccessToken refreshNow() {
    adoptRefreshTokenRotatedElsewhere();
    if (refreshToken == null) {
      if (refreshRefused != null) {
        // Not retried: IMS answered definitively; the cause carries its exact answer.
        throw new AuthenticationException("The token refresh already failed in this process"
            + " and was not retried", refreshRefused.remedy(), refreshRefused);
      }
      throw AuthErrors.notLoggedIn(store);
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", refreshToken);
    TokenResponse response;
    try {
      response = ims.token(ImsGrant.REFRESH_TOKEN, form, true, scopes);
    } catch (AuthenticationException e) {
      // IMS refused the refresh token or the client: asking again cannot succeed, so the token is
      // forgotten in memory (not in the store) rather than sent again on every call.
      refreshToken = null;
      refreshRefused = e;
      throw e;
    }
    log.debug("Refreshed the IMS access token; refresh token {}",
        response.refreshToken().isPresent() ? "rotated" : "unchanged");
    return persistAndInstall(response, response.refreshToken().orElse(refreshToken));
  }

  /**
   * Runs under the single-flight lock. Another authenticator or process sharing the store (every
   * one built with the default store does) may have rotated the refresh token since this one read
   * it: ours is then dead and must not be sent again. Ours is kept when it is the newer one, i.e.
   * when saving it failed.
   */
  private void adoptRefreshTokenRotatedElsewhere() {
    if (refreshToken != null && !refreshToken.equals(persistedRefreshToken)) {
      return;
    }
    String stored;
    try {
      stored = store.load().flatMap(StoredCredentials::refreshToken).orElse(null);
    } catch (PostFlowException e) {
      log.debug("Cannot re-read {} before refreshing; using the refresh token read before: {}",
          store, e.getMessage());
      return;
    }
    if (stored != null && !stored.equals(persistedRefreshToken)) {
      log.debug("The refresh token in {} was replaced elsewhere; refreshing with that one", store);
      refreshToken = stored;
      persistedRefreshToken = stored;
      refreshRefused = null;
    }
  }

  /**
   * Saves the newest refresh token before anyone sees the new access token. The in-memory
   * refresh token is switched first: IMS has already invalidated the old one, so even when the
   * save fails, the next attempt must use the new one.
   */
  private AccessToken persistAndInstall(TokenResponse response, String newRefreshToken) {
    refreshToken = newRefreshToken;
    StoredCredentials.Builder credentials = StoredCredentials.builder()
        .accessToken(response.accessToken()).scopes(response.accessToken().scopes())
        .issuer(imsBaseUri.toString()).clientId(clientId);
    if (account != null) {
      credentials.account(account);
    }
    if (newRefreshToken != null) {
      credentials.refreshToken(newRefreshToken);
    }
    store.save(credentials.build());
    persistedRefreshToken = newRefreshToken;
    cache.set(response.accessToken());
    return response.accessToken();
  }

  @Override
  public String toString() {
    return "ImsAuthenticator{ims=" + imsBaseUri + ", clientId=" + clientId + ", redirectUri="
        + redirectUri + ", scopes=" + scopes + ", store=" + store + "}";
  }

  /**
   * Configures an {@link ImsAuthenticator}. Not thread-safe; {@link #build()} validates and names
   * the setting at fault. The IMS settings (client id and secret, skew, clock, HTTP client,
   * retries) are shared with {@link ServerToServerAuthenticator.Builder}.
   */
  public static final class Builder extends ImsSettingsBuilder<Builder> {
    private URI redirectUri;
    private Collection<String> scopes = DEFAULT_SCOPES;
    private Set<String> scopeSet;
    private TokenStore tokenStore;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * The redirect URI exactly as registered in the Developer Console (it must match the
     * credential's redirect URI pattern), e.g. {@code https://localhost:8443/callback}. Required;
     * always {@code https}, as Adobe requires, also for localhost: the loopback listener serves
     * TLS with a certificate made at start. Port 0 picks a free port, which only a registered
     * pattern such as {@code https://localhost:[0-9]+/callback} allows.
     */
    public Builder redirectUri(URI redirectUri) {
      this.redirectUri = redirectUri;
      return this;
    }

    /**
     * The scopes to ask for; default {@code openid profile offline_access
     * additional_info.roles email}. Must contain {@code offline_access}: without it IMS issues no
     * refresh token and a browser login is needed every 24 hours.
     */
    public Builder scopes(Collection<String> scopes) {
      this.scopes = scopes;
      return this;
    }

    /**
     * Where the refresh token lives; default a {@link FileTokenStore} at
     * {@code ~/.postflow/frameio-ims.json}.
     */
    public Builder tokenStore(TokenStore tokenStore) {
      this.tokenStore = tokenStore;
      return this;
    }

    /**
     * Validates the settings and creates the authenticator. Reads nothing and calls nothing yet.
     *
     * @throws ConfigurationException naming the first setting at fault
     */
    public ImsAuthenticator build() {
      validateShared();
      Settings.httpUri("redirectUri", redirectUri);
      if (!"https".equalsIgnoreCase(redirectUri.getScheme())) {
        // Adobe registers HTTPS redirect URIs only, localhost included: an http one could never
        // complete a real login, so it is refused here rather than at the first browser login
        throw new ConfigurationException("'redirectUri' must use https (Adobe accepts no other"
            + " redirect, also for localhost; the loopback listener serves TLS itself), was " + redirectUri);
      }
      scopeSet = Settings.scopes("scopes", scopes);
      if (!scopeSet.contains("offline_access")) {
        throw new ConfigurationException("'scopes' must include offline_access, was " + scopeSet
            + ": without it Adobe IMS issues no refresh token and every 24 h a browser login is"
            + " needed");
      }
      if (tokenStore == null) {
        tokenStore = FileTokenStore.of(
            Path.of(System.getProperty("user.home"), ".postflow", "frameio-ims.json"));
      }
      return new ImsAuthenticator(this);
    }
  }
}
