package io.postflow.frameio.auth;

import io.postflow.api.AuthenticationException;
import io.postflow.api.ConfigurationException;
import io.postflow.api.PostFlowException;
import io.postflow.frameio.internal.SmallHttpRequest;
import io.postflow.frameio.internal.SmallHttpResponse;
import io.postflow.frameio.internal.SmallHttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A one-shot local web server that receives the browser's redirect at the end of an IMS login.
 *
 * <p>It listens on the loopback interface only, at the port and path of the redirect URI (port 0
 * picks a free port; {@link #redirectUri()} tells which). For an {@code https} redirect URI it
 * serves TLS with a certificate generated at start-up, because Adobe accepts only HTTPS redirect
 * URIs. A request on the path that carries this login's {@code state} and a {@code code} or an
 * {@code error} settles the login: the browser gets a short page saying whether it worked, and
 * {@link #awaitCode} returns the code or throws.
 *
 * <p><b>Who can reach it.</b> Every local process, and through the user's browser every web page
 * the user has open (a page can make the browser request {@code https://localhost:8443/...}). So:
 * a request that does not carry this login's state (an old tab, or a forged request: a wrong
 * state, an {@code error=} without state) gets an error page and is otherwise ignored, and the
 * login keeps waiting; a request whose {@code Host} header is not the redirect URI's host and port
 * (DNS rebinding: a page on another name resolved to 127.0.0.1) gets 421; other paths and
 * requests that are no login answer (a favicon) get 404. Each request must arrive within
 * {@link #REQUEST_TIMEOUT} of connecting (TLS handshake included) and at most
 * {@link #MAX_CONNECTIONS} are served at once, the longest-waiting incomplete one making room for a
 * new one, so a stalled connection cannot keep the browser's redirect waiting. Thread-safe;
 * {@link #close()} stops the server.
 */
final class LoopbackRedirectListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LoopbackRedirectListener.class);
  private static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(1);
  /** How long a connection may take to deliver its request, TLS handshake included. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  /** Connections served at once; a browser opens a handful. */
  static final int MAX_CONNECTIONS = 16;

  private final SmallHttpServer server;
  private final URI redirectUri;
  private final String path;
  private final String expectedState;
  private final X509Certificate certificate;
  private final CompletableFuture<String> code = new CompletableFuture<>();
  private final AtomicInteger ignored = new AtomicInteger();

  private LoopbackRedirectListener(SmallHttpServer server, URI redirectUri, String path,
      String expectedState, X509Certificate certificate) {
    this.server = server;
    this.redirectUri = redirectUri;
    this.path = path;
    this.expectedState = expectedState;
    this.certificate = certificate;
  }

  /**
   * Starts listening for the redirect of the login whose state is {@code expectedState}.
   *
   * @throws ConfigurationException if {@code redirectUri} is not an http(s) loopback URI
   * @throws PostFlowException if the port cannot be bound
   */
  static LoopbackRedirectListener start(URI redirectUri, String expectedState, Instant now) {
    return start(redirectUri, expectedState, now, REQUEST_TIMEOUT);
  }

  /** {@link #start(URI, String, Instant)} with another request timeout, for tests. */
  static LoopbackRedirectListener start(URI redirectUri, String expectedState, Instant now,
      Duration requestTimeout) {
    InetAddress address = loopbackAddress(redirectUri);
    boolean https = "https".equalsIgnoreCase(redirectUri.getScheme());
    int port = redirectUri.getPort() < 0 ? (https ? 443 : 80) : redirectUri.getPort();
    String path = redirectUri.getRawPath() == null || redirectUri.getRawPath().isEmpty()
        ? "/" : redirectUri.getRawPath();
    X509Certificate certificate = null;
    SmallHttpServer.Builder server = SmallHttpServer.builder().bindAddress(address).port(port)
        .maxConnections(MAX_CONNECTIONS).requestTimeout(requestTimeout).maxBodyBytes(0)
        .maxHeadBytes(32 * 1024) // the browser sends its localhost cookies along
        .threadName("postflow-login-listener")
        .refusals((client, reason) -> log.debug("Login listener refused {}: {}", client, reason));
    if (https) {
      SelfSignedCertificate identity = SelfSignedCertificate.generate(now, CERTIFICATE_VALIDITY);
      server.tls(identity.serverContext());
      certificate = identity.certificate();
    }
    // The handler needs the listener and the listener the bound port: a holder breaks the circle.
    CompletableFuture<LoopbackRedirectListener> self = new CompletableFuture<>();
    server.handler(request -> self.join().handle(request));
    SmallHttpServer started;
    try {
      started = server.start();
    } catch (IOException e) {
      throw new PostFlowException("Cannot listen for the login redirect on " + address + " port "
          + port + " (" + e.getMessage() + "); is another login running? Use the paste fallback"
          + " (completeFromRedirectUrl) if the port cannot be freed", e);
    }
    try {
      URI actual = new URI(redirectUri.getScheme(), null, redirectUri.getHost(),
          started.address().getPort(), path, null, null);
      LoopbackRedirectListener listener =
          new LoopbackRedirectListener(started, actual, path, expectedState, certificate);
      self.complete(listener);
      log.debug("Listening for the IMS login redirect at {}", actual);
      return listener;
    } catch (URISyntaxException e) {
      self.completeExceptionally(e);
      started.close();
      throw new ConfigurationException("'redirectUri' is not a valid URI: " + e.getMessage(), e);
    }
  }

  /** The redirect URI as actually served, with the real port when 0 was asked for. */
  URI redirectUri() {
    return redirectUri;
  }

  /** The generated server certificate, for an https listener. */
  Optional<X509Certificate> certificate() {
    return Optional.ofNullable(certificate);
  }

  /**
   * Blocks until the redirect arrives and returns the authorization code.
   *
   * @throws AuthenticationException on timeout, or an {@code error=} redirect carrying this
   *     login's state
   * @throws PostFlowException if interrupted (the interrupt flag is restored)
   */
  String awaitCode(Duration timeout) {
    try {
      return code.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      int others = ignored.get();
      throw new AuthenticationException("No login redirect arrived at " + redirectUri
          + " within " + timeout.toSeconds() + " s" + (others == 0 ? ""
              : " (" + others + " request" + (others == 1 ? "" : "s")
                  + " without this login's state ignored: an old tab, or another page)"),
          "Open the authorization URL in a browser on this machine and finish the login in time,"
              + " or on a headless machine paste the redirect URL into completeFromRedirectUrl",
          null);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AuthenticationException) {
        // A new instance so the stack trace shows the waiting caller, with the listener's as cause.
        AuthenticationException cause = (AuthenticationException) e.getCause();
        throw new AuthenticationException(stripRemedy(cause), cause.remedy(), cause);
      }
      throw new PostFlowException("The login listener failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PostFlowException("Interrupted while waiting for the login redirect", e);
    }
  }

  private SmallHttpResponse handle(SmallHttpRequest request) {
    if (!isOurHost(request.header("Host")) || request.headerCount("Host") != 1) {
      log.debug("Login listener refused a request for another host from {}",
          request.remoteAddress());
      return page(421, "Wrong address", "This server only answers at " + redirectUri.getHost()
          + ":" + redirectUri.getPort() + ".");
    }
    AuthorizationRedirect redirect = AuthorizationRedirect.fromQuery(request.rawQuery());
    // Only the exact redirect path may settle the login (not /cbx or /cb/x).
    if (!"GET".equals(request.method()) || !redirect.isLoginAnswer()
        || !path.equals(request.rawPath())) {
      return page(404, "Not found", "This address only receives the Adobe login redirect.");
    }
    if (code.isDone()) {
      return page(409, "Already done", "This login was already completed; you can close"
          + " this tab.");
    }
    if (!redirect.carriesState(expectedState)) {
      // Not this login's answer: IMS echoes the state on every redirect, errors included (RFC 6749
      // 4.1.2.1). Whoever sent it must not end the login, and its text is not shown as Adobe's.
      ignored.incrementAndGet();
      log.debug("Ignored a login redirect without this login's state from {}",
          request.remoteAddress());
      return page(400, "Not this login", "The login redirect carries a different 'state' than the"
          + " login that was started (an old browser tab, or a forged redirect). PostFlow is still"
          + " waiting: finish the login in the tab opened for it.");
    }
    try {
      String value = redirect.codeFor(expectedState);
      SmallHttpResponse page = page(200, "Logged in",
          "PostFlow received the Adobe login. You can close this tab.");
      code.complete(value);
      log.debug("Received the login redirect");
      return page;
    } catch (AuthenticationException e) {
      code.completeExceptionally(e);
      log.debug("Login redirect refused: {}", e.getMessage());
      return page(400, "Login failed", stripRemedy(e) + ". " + e.remedy() + ".");
    }
  }

  /** Whether {@code host} names the redirect URI's host and port (the port may be implied). */
  private boolean isOurHost(String host) {
    if (host == null) {
      return false;
    }
    String expected = redirectUri.getHost().toLowerCase(Locale.ROOT);
    String given = host.toLowerCase(Locale.ROOT);
    int port = redirectUri.getPort();
    int defaultPort = "https".equalsIgnoreCase(redirectUri.getScheme()) ? 443 : 80;
    return given.equals(expected + ":" + port) || port == defaultPort && given.equals(expected);
  }

  private static SmallHttpResponse page(int status, String title, String text) {
    String page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>PostFlow - "
        + escape(title) + "</title></head><body style=\"font-family:sans-serif;margin:3em\">"
        + "<h1>" + escape(title) + "</h1><p>" + escape(text) + "</p></body></html>";
    return SmallHttpResponse.of(status, "text/html; charset=utf-8",
        page.getBytes(StandardCharsets.UTF_8)).withHeader("Cache-Control", "no-store");
  }

  private static String stripRemedy(AuthenticationException e) {
    String message = e.getMessage();
    String suffix = ". " + e.remedy();
    return !e.remedy().isEmpty() && message.endsWith(suffix)
        ? message.substring(0, message.length() - suffix.length()) : message;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static InetAddress loopbackAddress(URI redirectUri) {
    String scheme = redirectUri.getScheme();
    String host = redirectUri.getHost();
    if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
        || host == null) {
      throw new ConfigurationException("'redirectUri' must be an http(s) URI with a host, was "
          + redirectUri);
    }
    try {
      InetAddress address = "localhost".equalsIgnoreCase(host)
          ? InetAddress.getLoopbackAddress() : InetAddress.getByName(host);
      if (!address.isLoopbackAddress()) {
        throw new ConfigurationException("'redirectUri' must point at this machine (localhost,"
            + " 127.0.0.1 or [::1]) for the loopback listener, was " + redirectUri
            + "; on another host, use completeFromRedirectUrl instead");
      }
      return address;
    } catch (java.net.UnknownHostException e) {
      throw new ConfigurationException("'redirectUri' host is unknown: " + host, e);
    }
  }

  @Override
  public void close() {
    server.close(Duration.ofMillis(500)); // the browser's page is being written: let it finish
    code.completeExceptionally(new AuthenticationException("The login listener was closed",
        "Start the login again", null));
    log.debug("Stopped listening at {}", redirectUri);
  }
}
