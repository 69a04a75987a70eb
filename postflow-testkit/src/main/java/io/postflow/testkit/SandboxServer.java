package io.postflow.testkit;

import com.sun.net.httpserver.HttpServer;
import io.postflow.api.LocalFileException;
import io.postflow.api.PostFlowException;
import io.postflow.api.internal.DaemonThreads;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles and runs one sandbox: the store, the handlers and their router, the part endpoint, the
 * fake IMS, webhook delivery, remote uploads and the transcode ticker, on one JDK HttpServer with a
 * bounded pool. {@link #close()} releases all of it; a failed start releases what it had taken.
 */
final class SandboxServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SandboxServer.class);

  final SandboxStore store;
  final SandboxProject project;
  final SandboxFaults faults;
  final SandboxInspector inspector;
  final FakeIms ims;
  final URI baseUri;
  final WebhookEvents events;

  private final Path tempDir;
  private final boolean ownsTempDir;
  private final HttpServer server;
  private final WebhookDispatcher webhookDispatcher;
  private final ExecutorService remoteExecutor;
  private final ExecutorService requestExecutor;
  private final ScheduledExecutorService ticker;
  final UploadLifecycle lifecycle;

  /**
   * @throws LocalFileException when the temp directory cannot be created
   * @throws PostFlowException when no loopback port can be bound
   */
  SandboxServer(SandboxSettings settings) {
    Clock clock = settings.clock();
    ownsTempDir = settings.tempDirectory() == null;
    tempDir = tempDirectory(settings.tempDirectory());
    HttpServer bound;
    try {
      bound = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 0);
    } catch (IOException e) {
      deleteTempDir();
      throw new PostFlowException("the Frame.io sandbox cannot listen on loopback port "
          + (settings.port() == 0 ? "(any)" : settings.port()) + ": " + e, e);
    }
    server = bound;
    String authority = "127.0.0.1:" + server.getAddress().getPort();
    baseUri = URI.create("http://" + authority);
    store = new SandboxStore(clock, settings.pageLimits(), settings.accountName(), settings.workspaceName(),
        settings.userName(), settings.userEmail());
    ProjectRecord seeded = store.createProject(settings.projectName());
    project = new SandboxProject(seeded.id(), seeded.name(), seeded.rootFolderId());
    ims = new FakeIms(clock, ImsSettings.sandboxDefaults(settings.imsRedirectUriPatterns()));
    faults = new SandboxFaults(settings.randomSeed(), clock, ims::expireAccessTokensNow);
    HttpClient outbound = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    webhookDispatcher = new WebhookDispatcher(outbound, clock, settings.sleeper());
    events = new WebhookEvents(store, webhookDispatcher::deliver);
    remoteExecutor = Executors.newFixedThreadPool(2, DaemonThreads.factory("postflow-sandbox-remote"));
    requestExecutor = new ThreadPoolExecutor(settings.threads(), settings.threads(), 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(512), DaemonThreads.factory("postflow-sandbox-http"), new ThreadPoolExecutor.CallerRunsPolicy());
    ticker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.factory("postflow-sandbox-ticker"));
    lifecycle = new UploadLifecycle(store, faults, events, settings.transcodeDelay());
    RequestLog log = new RequestLog();
    inspector = new SandboxInspector(store, log, project.id(), () -> webhookDispatcher.deliveries().stream()
        .map(d -> new SandboxDelivery(d.url(), d.body(), d.attempts(), d.lastStatus(), d.delivered())).toList());
    try {
      wire(settings, authority, log);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    server.start();
    LOG.debug("Frame.io sandbox listening on {}", baseUri);
  }

  private void wire(SandboxSettings settings, String authority, RequestLog log) {
    Clock clock = settings.clock();
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    PresignedUrls urls = new PresignedUrls(key, clock, settings.partUrlExpiry());
    RemoteUploads remote = new RemoteUploads(store, lifecycle,
        SandboxWiring.remoteFetch(settings.remoteSources(), settings.sleeper()), remoteExecutor, tempDir);
    MediaLinks mediaLinks = new MediaLinks(urls, clock, settings.mediaLinkExpiry(), baseUri.toString());
    Views views = new Views(store, mediaLinks);

    Router router = new Router();
    new AccountsHandler(store, views).register(router);
    new FoldersHandler(store, views, faults, events).register(router);
    new FilesHandler(store, views, events).register(router);
    new UploadsHandler(store, views, urls, events, remote, authority, settings.maxPartBytes(),
        settings.remoteSources()).register(router);
    new VersionStacksHandler(store, views, events).register(router);
    new CommentsHandler(store, views, events).register(router);
    new WebhooksHandler(store, views, settings.plainHttpWebhooks()).register(router);
    new MetadataHandler(store, views, events).register(router);
    new SharesHandler(store).register(router);
    List<String> operations = router.routes().stream().map(Router.Route::operation).toList();
    for (String operation : settings.rateLimitOverrides().keySet()) {
      if (!operations.contains(operation)) {
        throw new IllegalStateException("rateLimit: unknown operation '" + operation + "', known: " + operations);
      }
    }

    server.createContext("/v4", new ApiHandler(router, ims::isValidAccessToken, new RateLimiter(clock),
        settings.rateLimits(), faults, log, clock, store.userId));
    server.createContext("/s3", new PartEndpoint(store, urls, lifecycle, faults, log, tempDir));
    server.createContext("/ims", ims).getFilters().add(new ImsRequestLogFilter(log, clock));
    server.createContext("/assets", new OriginalDownloads(store, mediaLinks));
    server.createContext("/", exchange -> { // nothing else lives here; still a Frame.io-shaped 404
      exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
      exchange.getResponseHeaders().set("x-request-id", UUID.randomUUID().toString());
      ApiHandler.send(exchange, 404, Json.errors("Not found", "Path " + exchange.getRequestURI().getRawPath()
          + " not found", null));
    });
    server.setExecutor(requestExecutor);
    lifecycle.start(ticker);
  }

  /** Stops the server and every thread, and deletes the temp directory if this sandbox made it. */
  @Override
  public void close() {
    server.stop(0);
    ticker.shutdownNow();
    remoteExecutor.shutdownNow();
    requestExecutor.shutdownNow();
    webhookDispatcher.close();
    awaitStopped(remoteExecutor);
    awaitStopped(requestExecutor);
    deleteTempDir();
    LOG.debug("Frame.io sandbox on {} stopped", baseUri);
  }

  private static Path tempDirectory(Path given) {
    try {
      return given == null ? Files.createTempDirectory("postflow-sandbox-") : Files.createDirectories(given);
    } catch (IOException e) {
      Path where = given != null ? given : Path.of(System.getProperty("java.io.tmpdir"));
      throw new LocalFileException(given != null ? "cannot create the sandbox's temp directory"
          : "cannot create the sandbox's temp directory in", where, e);
    }
  }

  /** Lets interrupted transfers leave the temp directory before it is deleted (bounded). */
  private static void awaitStopped(java.util.concurrent.ExecutorService executor) {
    try {
      executor.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Deletes the temp directory. A transfer still ending may create or remove a file meanwhile,
   * which a walk reports as an {@link java.io.UncheckedIOException}: walk again, a few times.
   */
  private void deleteTempDir() {
    if (!ownsTempDir) {
      return;
    }
    for (int round = 1; round <= 3 && Files.exists(tempDir); round++) {
      try (Stream<Path> paths = Files.walk(tempDir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException | java.io.UncheckedIOException e) {
        LOG.debug("Could not delete sandbox temp directory {} (round {}): {}", tempDir, round, e.toString());
      }
    }
  }
}
