package io.postflow.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the fake Adobe IMS knows: its registered clients and how long what it issues lives.
 * Immutable and thread-safe; built with {@link #builder()} or taken ready-made from
 * {@link #sandboxDefaults()}.
 */
final class ImsSettings {
  /** The Web App client {@link #sandboxDefaults()} registers. */
  static final String SANDBOX_CLIENT_ID = "postflow-sandbox";
  /** Its secret: a sandbox value, published on purpose. */
  static final String SANDBOX_CLIENT_SECRET = "postflow-sandbox-secret";
  /** The server-to-server client {@link #sandboxDefaults()} registers. */
  static final String SANDBOX_S2S_CLIENT_ID = "postflow-sandbox-s2s";
  /** Its secret: a sandbox value, published on purpose. */
  static final String SANDBOX_S2S_CLIENT_SECRET = "postflow-sandbox-s2s-secret";
  /** The scopes IMS offers a Frame.io Web App credential. */
  static final Set<String> WEB_APP_SCOPES = Set.of(
      "openid", "profile", "email", "offline_access", "additional_info.roles", "AdobeID");
  /** The scopes of a Frame.io server-to-server credential. */
  static final Set<String> S2S_SCOPES = Set.of("openid", "AdobeID", "frame.s2s.all");

  /**
   * The redirect URI patterns the sandbox's Web App client registers: HTTPS on a loopback name, any
   * port, path {@code /callback}. Adobe accepts only HTTPS redirect URIs, also for localhost.
   */
  static final List<String> SANDBOX_REDIRECT_URI_PATTERNS = List.of(
      "https://localhost:[0-9]{1,5}/callback",
      "https://127\\.0\\.0\\.1:[0-9]{1,5}/callback",
      "https://\\[::1\\]:[0-9]{1,5}/callback");

  /** Which grants a client may use: authorization code + refresh, or client credentials. */
  enum ClientKind { WEB_APP, SERVER_TO_SERVER }

  /**
   * One registered credential; {@link #toString()} leaves the secret out. Redirect URIs are
   * registered as patterns, as in the Adobe Developer Console's "Redirect URI pattern": regular
   * expressions a redirect URI must match in full.
   */
  record Client(String id, String secret, ClientKind kind, List<String> redirectUriPatterns,
      Set<String> scopes) {
    Client {
      redirectUriPatterns = List.copyOf(redirectUriPatterns);
      scopes = Set.copyOf(scopes);
    }

    /** Whether {@code redirectUri} matches one of the registered patterns entirely. */
    boolean allowsRedirect(String redirectUri) {
      return redirectUriPatterns.stream().anyMatch(p -> matches(p, redirectUri));
    }

    private static boolean matches(String pattern, String uri) {
      try {
        return java.util.regex.Pattern.matches(pattern, uri);
      } catch (java.util.regex.PatternSyntaxException e) {
        return false; // refused by build(); a bad pattern never matches
      }
    }

    @Override
    public String toString() {
      return "Client[id=" + id + ", kind=" + kind + ", redirectUriPatterns=" + redirectUriPatterns
          + ", scopes=" + scopes + "]";
    }
  }

  private final Map<String, Client> clients;
  private final Duration accessTokenTtl;
  private final Duration refreshTokenTtl;
  private final Duration authorizationCodeTtl;

  private ImsSettings(Builder b) {
    this.clients = Map.copyOf(b.clients);
    this.accessTokenTtl = b.accessTokenTtl;
    this.refreshTokenTtl = b.refreshTokenTtl;
    this.authorizationCodeTtl = b.authorizationCodeTtl;
  }

  static Builder builder() {
    return new Builder();
  }

  /**
   * The sandbox's own credentials: a Web App client registered with
   * {@link #SANDBOX_REDIRECT_URI_PATTERNS}, and a server-to-server client; IMS's default lifetimes.
   */
  static ImsSettings sandboxDefaults() {
    return sandboxDefaults(SANDBOX_REDIRECT_URI_PATTERNS);
  }

  /** {@link #sandboxDefaults()} with other registered redirect URI patterns for the Web App client. */
  static ImsSettings sandboxDefaults(List<String> redirectUriPatterns) {
    return builder()
        .webAppClient(SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, redirectUriPatterns, WEB_APP_SCOPES)
        .serverToServerClient(SANDBOX_S2S_CLIENT_ID, SANDBOX_S2S_CLIENT_SECRET, S2S_SCOPES)
        .build();
  }

  Optional<Client> client(String id) {
    return Optional.ofNullable(id == null ? null : clients.get(id));
  }

  /** Access-token lifetime; IMS: 24 h. */
  Duration accessTokenTtl() {
    return accessTokenTtl;
  }

  /** Refresh-token lifetime, counted from when each (rotated) one is issued; IMS: 14 days. */
  Duration refreshTokenTtl() {
    return refreshTokenTtl;
  }

  /** How long an authorization code may wait before it is exchanged. */
  Duration authorizationCodeTtl() {
    return authorizationCodeTtl;
  }

  @Override
  public String toString() {
    return "ImsSettings[clients=" + clients.values() + ", accessTokenTtl=" + accessTokenTtl
        + ", refreshTokenTtl=" + refreshTokenTtl + ", authorizationCodeTtl=" + authorizationCodeTtl
        + "]";
  }

  /** Collects clients and lifetimes; {@link #build()} checks them and names the culprit. */
  static final class Builder {
    private final Map<String, Client> clients = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private Duration accessTokenTtl = Duration.ofHours(24);
    private Duration refreshTokenTtl = Duration.ofDays(14);
    private Duration authorizationCodeTtl = Duration.ofMinutes(5);

    private Builder() {}

    /**
     * Registers a confidential Web App client (authorization code, refresh token) with its redirect
     * URI patterns (regular expressions matched in full, each starting with {@code https://}).
     */
    Builder webAppClient(String id, String secret, List<String> redirectUriPatterns,
        Set<String> scopes) {
      return add(new Client(id, secret, ClientKind.WEB_APP,
          Objects.requireNonNull(redirectUriPatterns, "redirectUriPatterns"),
          Objects.requireNonNull(scopes, "scopes")));
    }

    /** Registers a server-to-server client (client credentials only, no refresh token). */
    Builder serverToServerClient(String id, String secret, Set<String> scopes) {
      return add(new Client(id, secret, ClientKind.SERVER_TO_SERVER, List.of(),
          Objects.requireNonNull(scopes, "scopes")));
    }

    Builder accessTokenTtl(Duration ttl) {
      this.accessTokenTtl = ttl;
      return this;
    }

    Builder refreshTokenTtl(Duration ttl) {
      this.refreshTokenTtl = ttl;
      return this;
    }

    Builder authorizationCodeTtl(Duration ttl) {
      this.authorizationCodeTtl = ttl;
      return this;
    }

    private Builder add(Client c) {
      if (c.id() == null || c.id().isBlank()) {
        problems.add("client id must not be blank");
      } else if (clients.putIfAbsent(c.id(), c) != null) {
        problems.add("client '" + c.id() + "' is registered twice");
      }
      return this;
    }

    /**
     * Checks every setting and returns the settings.
     *
     * @throws IllegalStateException naming each setting that is wrong
     */
    ImsSettings build() {
      List<String> all = new ArrayList<>(problems);
      checkPositive(all, "accessTokenTtl", accessTokenTtl);
      checkPositive(all, "refreshTokenTtl", refreshTokenTtl);
      checkPositive(all, "authorizationCodeTtl", authorizationCodeTtl);
      if (clients.isEmpty()) {
        all.add("at least one client must be registered");
      }
      for (Client c : clients.values()) {
        checkClient(all, c);
      }
      if (!all.isEmpty()) {
        throw new IllegalStateException("Invalid ImsSettings: " + String.join("; ", all));
      }
      return new ImsSettings(this);
    }

    private static void checkPositive(List<String> all, String name, Duration d) {
      if (d == null || d.isZero() || d.isNegative()) {
        all.add("'" + name + "' must be positive, was " + d);
      }
    }

    private static void checkClient(List<String> all, Client c) {
      String who = "client '" + c.id() + "': ";
      if (c.secret() == null || c.secret().isEmpty()) {
        all.add(who + "secret must not be empty");
      }
      if (c.scopes().isEmpty() || c.scopes().stream().anyMatch(String::isBlank)) {
        all.add(who + "scopes must be non-empty and have no blank scope");
      }
      if (c.kind() == ClientKind.WEB_APP && c.redirectUriPatterns().isEmpty()) {
        all.add(who + "a Web App client needs at least one redirect URI pattern");
      }
      List<String> problems = new ArrayList<>();
      checkRedirectUriPatterns(c.redirectUriPatterns(), problems);
      problems.forEach(p -> all.add(who + p));
    }
  }

  /** Adds a problem for each pattern that is not an {@code https://} regular expression. */
  static void checkRedirectUriPatterns(List<String> patterns, List<String> problems) {
    for (String pattern : patterns) {
      if (pattern == null || !pattern.startsWith("https://")) {
        problems.add("redirect URI pattern '" + pattern + "' must start with https:// (Adobe accepts"
            + " only HTTPS redirect URIs)");
        continue;
      }
      try {
        java.util.regex.Pattern.compile(pattern);
      } catch (java.util.regex.PatternSyntaxException e) {
        problems.add("redirect URI pattern '" + pattern + "' is not a regular expression: " + e.getDescription());
      }
    }
  }
}
