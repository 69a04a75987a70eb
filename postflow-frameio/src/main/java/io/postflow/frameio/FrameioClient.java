package io.postflow.frameio;

import io.postflow.api.Sleeper;
import io.postflow.api.Authenticator;
import io.postflow.api.ConfigurationException;
import io.postflow.api.internal.OwnedExecutor;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The Frame.io v4 REST client: build once, share everywhere, close at the end.
 *
 * <pre>{@code
 * try (FrameioClient frameio = FrameioClient.builder().authenticator(authenticator).build()) {
 *   FrameioAccount account = frameio.account(accountId);
 *   Folder shots = account.createFolder(project.rootFolderId(), "WIP_BYSHOT");
 *   account.children(shots.id()).forEach(asset -> log.info("{}", asset.name()));
 *   CompletableFuture<FileAsset> later = account.fileAsync(fileId); // cancel() aborts the call
 * }
 * }</pre>
 *
 * <p><b>Contract.</b> Immutable and thread-safe. Every call blocks the calling thread (the
 * {@code ...Async} variants run on the client's executor) and is retried by the {@link RetryPolicy}
 * (idempotent calls freely; creates only when they certainly did not happen), paced per endpoint
 * below Frame.io's rate limits, and bounded by the per-attempt and per-call timeouts. Failures are
 * {@link io.postflow.api.ServiceException}s ({@link ResourceNotFoundException} for 404s),
 * {@link io.postflow.api.AuthenticationException} for a 401 that survives a token refresh, and a
 * {@link io.postflow.api.PostFlowException} when the calling thread is interrupted (its flag is
 * restored and the HTTP exchange cancelled). Nothing secret is ever logged (DEBUG shows method,
 * path, status, duration and request id).
 *
 * <p>{@link #close()} shuts down only the executor the client created itself, never one the caller
 * supplied.
 */
public final class FrameioClient implements AutoCloseable {
  /** Frame.io's production API. */
  public static final URI DEFAULT_BASE_URI = URI.create("https://api.frame.io");

  private final ApiTransport transport;
  private final OwnedExecutor executor;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RetryPolicy retryPolicy;
  private final HttpClient httpClient;
  private final FrameioObserver observer;

  private FrameioClient(Builder builder, ApiTransport transport, OwnedExecutor executor,
      HttpClient httpClient) {
    this.transport = transport;
    this.executor = executor;
    this.clock = builder.clock;
    this.sleeper = builder.sleeper;
    this.retryPolicy = builder.retryPolicy;
    this.httpClient = httpClient;
    this.observer = builder.observer;
  }

  /** Who hears the client's attempts and the structure manager's cache lookups. */
  FrameioObserver observer() {
    return observer;
  }

  /** A builder; only {@link Builder#authenticator} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The calls of one account; cheap, create as many as you like. */
  public FrameioAccount account(String accountId) {
    if (accountId == null || accountId.isBlank()) {
      throw new IllegalArgumentException("accountId must not be empty");
    }
    return new FrameioAccount(this, accountId);
  }

  /** {@code GET /v4/me}: who the token belongs to. */
  public User me() {
    return Mapping.user(transport.execute(ApiRequest.of(Endpoint.ME, Endpoint.ME.path())).data());
  }

  /** {@code GET /v4/accounts}, every page. */
  public List<Account> accounts() {
    ApiRequest first = ApiRequest.of(Endpoint.ACCOUNTS, Endpoint.ACCOUNTS.path());
    return Pager.stream(transport, first, json -> Optional.of(Mapping.account(json)))
        .collect(Collectors.toList());
  }

  /**
   * Runs any blocking call of this client on its executor. Cancelling the future interrupts the
   * call, which aborts its HTTP exchange.
   */
  public <T> CompletableFuture<T> supplyAsync(Supplier<T> call) {
    return InterruptibleTask.submit(executor.executor(), Objects.requireNonNull(call, "call"));
  }

  /** The retry policy, for components (the uploaders) that retry on their own. */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /** The sleeper the client waits with; components that wait should use it too. */
  public Sleeper sleeper() {
    return sleeper;
  }

  /** The clock the client measures deadlines and pacing with. */
  public Clock clock() {
    return clock;
  }

  /** The executor async calls run on (the caller's, or the one the client created). */
  public Executor executor() {
    return executor.executor();
  }

  ApiTransport transport() {
    return transport;
  }

  /** The HTTP client the API calls use (shared with the uploaders' part PUTs). */
  HttpClient httpClient() {
    return httpClient;
  }

  /** Shuts down the executor the client created, if any; a caller-supplied one is left alone. */
  @Override
  public void close() {
    executor.close();
  }

  /** Builds a {@link FrameioClient}; {@link #build()} names the setting it rejects. */
  public static final class Builder {
    private URI baseUri = DEFAULT_BASE_URI;
    private Authenticator authenticator;
    private Executor executor;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private RetryPolicy retryPolicy = RetryPolicy.ofDefaults();
    private Duration attemptTimeout = Duration.ofSeconds(60);
    private Duration callTimeout = Duration.ofMinutes(10);
    private boolean pacing = true;
    private FrameioObserver observer = FrameioObserver.NONE;
    private HttpClient httpClient;
    private DoubleSupplier jitterSource = () -> ThreadLocalRandom.current().nextDouble();

    private Builder() {}

    /** Default {@link FrameioClient#DEFAULT_BASE_URI}; a sandbox's URI in tests. */
    public Builder baseUri(URI baseUri) {
      this.baseUri = baseUri;
      return this;
    }

    /** Required: where bearer tokens come from. */
    public Builder authenticator(Authenticator authenticator) {
      this.authenticator = authenticator;
      return this;
    }

    /** Where async calls run; default a pool of daemon threads the client creates and closes. */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    /** The clock for deadlines and pacing; default {@link Clock#systemUTC()}. Replace it in tests. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** How the client waits between retries and while pacing; default {@link Sleeper#system()}. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    /** Default {@link RetryPolicy#ofDefaults()}. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = retryPolicy;
      return this;
    }

    /** The longest one HTTP exchange may take. Default 60 s. */
    public Builder attemptTimeout(Duration attemptTimeout) {
      this.attemptTimeout = attemptTimeout;
      return this;
    }

    /** The longest one call may take, retries and waits included. Default 10 min. */
    public Builder callTimeout(Duration callTimeout) {
      this.callTimeout = callTimeout;
      return this;
    }

    /** Who hears every HTTP attempt (latency, status, retries) for metrics; default nobody. */
    public Builder observer(FrameioObserver observer) {
      this.observer = Objects.requireNonNull(observer, "observer");
      return this;
    }

    /** Client-side pacing below Frame.io's rate limits. Default on. */
    public Builder pacing(boolean pacing) {
      this.pacing = pacing;
      return this;
    }

    /** The HTTP client to use; default one with a 10 s connect timeout. */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = httpClient;
      return this;
    }

    /** Where the jitter's randomness comes from (values in [0, 1)); for tests. */
    Builder jitterSource(DoubleSupplier jitterSource) {
      this.jitterSource = jitterSource;
      return this;
    }

    /**
     * Validates the settings and builds the client.
     *
     * @throws io.postflow.api.ConfigurationException naming the first setting that is missing or wrong
     */
    public FrameioClient build() {
      require(baseUri, "baseUri");
      require(authenticator, "authenticator");
      require(clock, "clock");
      require(sleeper, "sleeper");
      require(retryPolicy, "retryPolicy");
      require(attemptTimeout, "attemptTimeout");
      require(callTimeout, "callTimeout");
      String scheme = baseUri.getScheme();
      if (!"https".equals(scheme) && !"http".equals(scheme) || baseUri.getHost() == null) {
        throw new ConfigurationException("'baseUri' must be an absolute http(s) URI, was " + baseUri);
      }
      if (baseUri.getRawQuery() != null) {
        throw new ConfigurationException("'baseUri' must not have a query");
      }
      if (attemptTimeout.isNegative() || attemptTimeout.isZero()) {
        throw new ConfigurationException("'attemptTimeout' must be positive, was " + attemptTimeout);
      }
      if (callTimeout.compareTo(attemptTimeout) < 0) {
        throw new ConfigurationException("'callTimeout' cannot be shorter than 'attemptTimeout'");
      }
      HttpClient http = httpClient != null ? httpClient
          : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
              .followRedirects(HttpClient.Redirect.NEVER).build();
      ApiTransport transport = new ApiTransport(http, baseUri, authenticator, clock, sleeper,
          retryPolicy, new Backoff(retryPolicy, jitterSource), new RequestPacer(clock, pacing),
          attemptTimeout, callTimeout, observer);
      return new FrameioClient(this, transport,
          OwnedExecutor.givenOrCachedPool(executor, "postflow-frameio"), http);
    }

    private static void require(Object value, String name) {
      if (value == null) {
        throw new ConfigurationException("'" + name + "' is required");
      }
    }
  }
}
