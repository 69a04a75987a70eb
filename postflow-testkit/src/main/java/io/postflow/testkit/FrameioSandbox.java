package io.postflow.testkit;

import io.postflow.api.Sleeper;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An in-process Frame.io v4 sandbox on a loopback port chosen at start: the /v4 API as published
 * (envelopes, errors, pagination, rate-limit headers and 429s), the S3-style part endpoint behind
 * {@code upload_urls} with real signature checks, remote uploads, version stacks, comments, signed
 * webhooks, and a fake Adobe IMS under {@code /ims}. Seeded with one account, workspace, user and
 * project.
 *
 * <pre>{@code
 * try (FrameioSandbox sandbox = FrameioSandbox.start()) {
 *   String token = sandbox.issueAccessToken();
 *   // GET sandbox.baseUri() + "/v4/accounts/" + sandbox.accountId() + "/folders/"
 *   //     + sandbox.rootFolderId() + "/children"   with "Authorization: Bearer " + token
 *   sandbox.faults().failPartPuts(2, 503);
 *   log.info("\n{}", sandbox.inspect().tree().print());
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #start()} binds the port and returns when the server accepts requests;
 * {@link #close()} stops it, its threads, and deletes the temp directory if the sandbox created it.
 */
public final class FrameioSandbox implements AutoCloseable {
  static {
    // The JDK server writes an answer's headers and body in two segments; with Nagle on, the body
    // waits for the client's delayed ACK (~40 ms per call). Read once, when the JVM's first
    // HttpServer starts, and only set if nobody chose otherwise.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final SandboxServer server;

  private FrameioSandbox(SandboxSettings settings) {
    this.server = new SandboxServer(settings);
  }

  /**
   * Starts a sandbox with the defaults: system clock, rate limits on, transcodes done 2 s after
   * upload, Frame.io's page sizes and 25 MB part rule.
   *
   * @throws io.postflow.api.PostFlowException if no loopback port can be bound, or a
   *     {@link io.postflow.api.LocalFileException} if the temp directory cannot be created
   */
  public static FrameioSandbox start() {
    return builder().start();
  }

  /** A builder to set the clock, limits, delays and seeds before {@link Builder#start()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@code http://127.0.0.1:PORT}; the API lives under {@code /v4}. */
  public URI baseUri() {
    return server.baseUri;
  }

  /** {@code http://127.0.0.1:PORT/ims}: the fake Adobe IMS (authorize/v2, token/v3, revoke, discovery). */
  public URI imsBaseUri() {
    return URI.create(server.baseUri + "/ims");
  }

  /** The seeded account's id. */
  public String accountId() {
    return server.store.accountId;
  }

  /** The seeded workspace's id. */
  public String workspaceId() {
    return server.store.workspaceId;
  }

  /** The seeded project's id. */
  public String projectId() {
    return server.project.id();
  }

  /** The seeded project's root folder id. */
  public String rootFolderId() {
    return server.project.rootFolderId();
  }

  /** A valid bearer token for /v4, living as long as IMS access tokens do (24 h on the sandbox clock). */
  public String issueAccessToken() {
    return server.ims.issueAccessToken(Duration.ofHours(24));
  }

  /**
   * A valid bearer token living {@code ttl} on the sandbox clock.
   *
   * @throws IllegalArgumentException if {@code ttl} is not positive
   */
  public String issueAccessToken(Duration ttl) {
    return server.ims.issueAccessToken(ttl);
  }

  /** The id of the registered Web App OAuth client the fake IMS knows. */
  public String clientId() {
    return ImsSettings.SANDBOX_CLIENT_ID;
  }

  /** The secret of that client (a published sandbox value, not a real secret). */
  public String clientSecret() {
    return ImsSettings.SANDBOX_CLIENT_SECRET;
  }

  /**
   * The id of the registered server-to-server client the fake IMS knows: it may only use
   * {@code grant_type=client_credentials} and gets the scopes {@code openid}, {@code AdobeID} and
   * {@code frame.s2s.all}, never a refresh token.
   */
  public String serverToServerClientId() {
    return ImsSettings.SANDBOX_S2S_CLIENT_ID;
  }

  /** The secret of that server-to-server client (a published sandbox value, not a real secret). */
  public String serverToServerClientSecret() {
    return ImsSettings.SANDBOX_S2S_CLIENT_SECRET;
  }

  /** Fault injection for this sandbox. */
  public SandboxFaults faults() {
    return server.faults;
  }

  /** Inspection of this sandbox's state and request log. */
  public SandboxInspector inspect() {
    return server.inspector;
  }

  /** Rounds the transcode ticker has finished; the testkit's own tests wait on it, never on time. */
  long tickerRounds() {
    return server.lifecycle.tickerRounds();
  }

  /**
   * Creates another project in the seeded workspace, with an empty root folder; subscribed webhooks
   * get {@code project.created}.
   *
   * @throws IllegalArgumentException if {@code name} is blank or longer than 255 characters
   */
  public SandboxProject createProject(String name) {
    if (name == null || name.isBlank() || name.length() > 255) {
      throw new IllegalArgumentException("project name must be 1..255 characters, was " + name);
    }
    ProjectRecord p = server.store.createProject(name);
    server.events.emit("project.created", p.id(), "project", p.id()); // as Frame.io does for any new project
    return new SandboxProject(p.id(), p.name(), p.rootFolderId());
  }

  /** Stops the server and its threads and deletes received bytes if the sandbox owns the temp directory. */
  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "FrameioSandbox[" + server.baseUri + "]";
  }

  /**
   * Settings for a {@link FrameioSandbox}. Not thread-safe; {@link #start()} validates every setting
   * and names the culprit.
   */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private boolean rateLimitsEnabled = true;
    private final Map<String, RateLimit> rateLimitOverrides = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private Duration transcodeDelay = Duration.ofSeconds(2);
    private PageLimits pageLimits = PageLimits.FRAMEIO;
    private long maxPartBytes = PartSizing.DEFAULT_MAX_PART_BYTES;
    private Duration partUrlExpiry = Duration.ofHours(24);
    private Path tempDirectory;
    private String accountName = "PostFlow Sandbox Account";
    private String workspaceName = "PostFlow Sandbox Workspace";
    private String projectName = "PostFlow Sandbox Project";
    private String userName = "Sandbox User";
    private String userEmail = "sandbox.user@example.com";
    private long randomSeed = 42;
    private int threads = 16;
    private Duration mediaLinkExpiry = Duration.ofHours(1);
    private RemoteSourceRules remoteSources = RemoteSourceRules.strict();
    private boolean plainHttpWebhooks;
    private List<String> imsRedirectUriPatterns = ImsSettings.SANDBOX_REDIRECT_URI_PATTERNS;
    private int port;

    private Builder() {}

    /**
     * The loopback port to listen on; default 0, a free port chosen at start (what tests want).
     * A fixed port lets a studio's own development point its configuration at a sandbox that
     * outlives one program ({@code postflow sandbox --port 8484}).
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        problems.add("port must be from 0 to 65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /** The clock for token expiry, URL expiry, rate limits and transcodes; default system UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How the sandbox waits between its own retries: webhook deliveries (15 s, doubling, as
     * Frame.io does) and resumed remote-upload fetches (100 ms, doubling). Default
     * {@link Sleeper#system()}; {@code ManualTime.sleeper()} (with its clock) makes those retries
     * instant. Injected faults that delay answers ({@code latency}, part stalls) always take real
     * time: they exist to slow a real client down.
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** Whether rate limits are enforced (headers are sent either way); default on. */
    public Builder rateLimits(boolean enabled) {
      this.rateLimitsEnabled = enabled;
      return this;
    }

    /**
     * Overrides the documented limit of one operation, named by its Frame.io operation id
     * (e.g. {@code files.show}, {@code folders.create}, {@code files.create_local_upload}).
     */
    public Builder rateLimit(String operation, int limit, Duration window) {
      try {
        rateLimitOverrides.put(Objects.requireNonNull(operation, "operation"), new RateLimit(limit,
            Objects.requireNonNull(window, "window")));
      } catch (IllegalArgumentException e) {
        problems.add("rateLimit(" + operation + "): " + e.getMessage());
      }
      return this;
    }

    /** How long after an upload completes (on the sandbox clock) it is transcoded; zero allowed. Default 2 s. */
    public Builder transcodeDelay(Duration delay) {
      this.transcodeDelay = delay;
      return this;
    }

    /** Page sizes: default, maximum, maximum for folder listings. Frame.io: 50, 100, 500. */
    public Builder pageSizes(int defaultSize, int max, int maxForFolderListings) {
      this.pageLimits = new PageLimits(defaultSize, max, maxForFolderListings);
      return this;
    }

    /** The largest part a local upload is split into (parts are then even); Frame.io: 25,000,000. */
    public Builder maxPartBytes(long bytes) {
      this.maxPartBytes = bytes;
      return this;
    }

    /** How long presigned part URLs stay valid (X-Amz-Expires); default 24 h. */
    public Builder partUrlExpiry(Duration expiry) {
      this.partUrlExpiry = expiry;
      return this;
    }

    /** Where received part bytes go; default a fresh temp directory deleted on close (a given one is kept). */
    public Builder tempDirectory(Path directory) {
      this.tempDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** Names of the seeded account, workspace and project. */
    public Builder names(String account, String workspace, String project) {
      this.accountName = account;
      this.workspaceName = workspace;
      this.projectName = project;
      return this;
    }

    /** Name and email of the seeded user ({@code GET /v4/me}). */
    public Builder user(String name, String email) {
      this.userName = name;
      this.userEmail = email;
      return this;
    }

    /** Seed of the random draws of "share" faults; default 42. */
    public Builder randomSeed(long seed) {
      this.randomSeed = seed;
      return this;
    }

    /**
     * How long a {@code media_links} URL works after the file is read (its {@code Expires}); default
     * 1 h. Frame.io's links are signed and expire (how soon is not documented): a client must fetch
     * the file again for a fresh link instead of keeping one.
     */
    public Builder mediaLinkExpiry(Duration expiry) {
      this.mediaLinkExpiry = expiry;
      return this;
    }

    /**
     * What a {@code remote_upload} {@code source_url} may be and how it is fetched; default
     * {@link RemoteSourceRules#strict()} (HTTPS, public address, no redirects, no resumes).
     * {@link RemoteSourceRules#lenient()} lets a test serve the source over plain HTTP on loopback.
     */
    public Builder remoteSources(RemoteSourceRules rules) {
      this.remoteSources = Objects.requireNonNull(rules, "rules");
      return this;
    }

    /**
     * Whether webhooks may be created with a plain {@code http://} URL; default false, as Frame.io
     * asks for a public HTTPS URL. Turn it on for a test whose receiver listens on loopback HTTP.
     */
    public Builder plainHttpWebhooks(boolean allowed) {
      this.plainHttpWebhooks = allowed;
      return this;
    }

    /**
     * The redirect URI patterns registered for the fake IMS's Web App client
     * ({@link FrameioSandbox#clientId()}), as in the Adobe Developer Console: regular expressions a
     * redirect URI must match entirely,
     * each starting with {@code https://}. Default: {@code https://localhost}, {@code 127.0.0.1} or
     * {@code [::1]} on any port, path {@code /callback}.
     */
    public Builder imsRedirectUriPatterns(List<String> patterns) {
      this.imsRedirectUriPatterns = List.copyOf(patterns);
      return this;
    }

    /** Request-handling threads; default 16. */
    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    /**
     * Validates the settings and starts the sandbox.
     *
     * @throws IllegalStateException naming every invalid setting
     * @throws io.postflow.api.PostFlowException if no loopback port can be bound, or a
     *     {@link io.postflow.api.LocalFileException} if the temp directory cannot be created
     */
    public FrameioSandbox start() {
      return new FrameioSandbox(validate());
    }

    private SandboxSettings validate() {
      List<String> all = new ArrayList<>(problems);
      if (transcodeDelay == null || transcodeDelay.isNegative()) {
        all.add("transcodeDelay must be zero or positive, was " + transcodeDelay);
      }
      if (partUrlExpiry == null || partUrlExpiry.toSeconds() < 1) {
        all.add("partUrlExpiry must be at least 1 s, was " + partUrlExpiry);
      }
      if (maxPartBytes < 1) {
        all.add("maxPartBytes must be positive, was " + maxPartBytes);
      }
      if (pageLimits.defaultSize() < 1 || pageLimits.max() < pageLimits.defaultSize()
          || pageLimits.maxAssets() < pageLimits.max()) {
        all.add("pageSizes must satisfy 1 <= default <= max <= maxForFolderListings, was " + pageLimits);
      }
      if (threads < 1) {
        all.add("threads must be positive, was " + threads);
      }
      if (mediaLinkExpiry == null || mediaLinkExpiry.toSeconds() < 1) {
        all.add("mediaLinkExpiry must be at least 1 s, was " + mediaLinkExpiry);
      }
      ImsSettings.checkRedirectUriPatterns(imsRedirectUriPatterns, all);
      for (String[] named : new String[][] {{"account name", accountName}, {"workspace name", workspaceName},
          {"project name", projectName}, {"user name", userName}, {"user email", userEmail}}) {
        if (named[1] == null || named[1].isBlank()) {
          all.add(named[0] + " must not be blank");
        }
      }
      if (!all.isEmpty()) {
        throw new IllegalStateException("Invalid FrameioSandbox settings: " + String.join("; ", all));
      }
      return new SandboxSettings(clock, sleeper, new RateLimitSettings(rateLimitsEnabled, rateLimitOverrides), transcodeDelay,
          pageLimits, maxPartBytes, partUrlExpiry, tempDirectory, accountName, workspaceName, projectName, userName,
          userEmail, randomSeed, threads, mediaLinkExpiry, remoteSources, plainHttpWebhooks, imsRedirectUriPatterns,
          port);
    }
  }
}
