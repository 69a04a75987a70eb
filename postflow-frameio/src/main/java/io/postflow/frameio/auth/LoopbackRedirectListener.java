package io.postflow.frameio.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.postflow.api.AuthenticationException;
import io.postflow.api.ConfigurationException;
import io.postflow.api.PostFlowException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A one-shot local web server that receives the browser's redirect at the end of an IMS login.
 *
 * <p>It listens on the loopback interface only, at the port and path of the redirect URI (port 0
 * picks a free port; {@link #redirectUri()} tells which). For an {@code https} redirect URI it
 * serves TLS with a certificate generated at start-up, because Adobe accepts only HTTPS redirect
 * URIs. The first request on the path that carries {@code code} or {@code error} settles the login:
 * the browser gets a short page saying whether it worked, and {@link #awaitCode} returns the code or
 * throws. Other requests (a favicon) get a 404. Thread-safe; {@link #close()} stops the server.
 */
final class LoopbackRedirectListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LoopbackRedirectListener.class);
  private static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(1);

  private final HttpServer server;
  private final URI redirectUri;
  private final String path;
  private final String expectedState;
  private final X509Certificate certificate;
  private final CompletableFuture<String> code = new CompletableFuture<>();

  private LoopbackRedirectListener(HttpServer server, URI redirectUri, String path,
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
    InetAddress address = loopbackAddress(redirectUri);
    boolean https = "https".equalsIgnoreCase(redirectUri.getScheme());
    int port = redirectUri.getPort() < 0 ? (https ? 443 : 80) : redirectUri.getPort();
    String path = redirectUri.getRawPath() == null || redirectUri.getRawPath().isEmpty()
        ? "/" : redirectUri.getRawPath();
    try {
      HttpServer server;
      X509Certificate certificate = null;
      if (https) {
        SelfSignedCertificate identity = SelfSignedCertificate.generate(now, CERTIFICATE_VALIDITY);
        HttpsServer tls = HttpsServer.create(new InetSocketAddress(address, port), 0);
        tls.setHttpsConfigurator(new HttpsConfigurator(identity.serverContext()));
        server = tls;
        certificate = identity.certificate();
      } else {
        server = HttpServer.create(new InetSocketAddress(address, port), 0);
      }
      URI actual = new URI(redirectUri.getScheme(), null, redirectUri.getHost(),
          server.getAddress().getPort(), path, null, null);
      LoopbackRedirectListener listener =
          new LoopbackRedirectListener(server, actual, path, expectedState, certificate);
      server.createContext(path, listener::handle);
      server.start();
      log.debug("Listening for the IMS login redirect at {}", actual);
      return listener;
    } catch (IOException e) {
      throw new PostFlowException("Cannot listen for the login redirect on " + address + " port "
          + port + " (" + e.getMessage() + "); is another login running? Use the paste fallback"
          + " (completeFromRedirectUrl) if the port cannot be freed", e);
    } catch (URISyntaxException e) {
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
   * @throws AuthenticationException on timeout, an {@code error=} redirect or a wrong state
   * @throws PostFlowException if interrupted (the interrupt flag is restored)
   */
  String awaitCode(Duration timeout) {
    try {
      return code.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AuthenticationException("No login redirect arrived at " + redirectUri
          + " within " + timeout.toSeconds() + " s",
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

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      AuthorizationRedirect redirect =
          AuthorizationRedirect.fromQuery(exchange.getRequestURI().getRawQuery());
      // The JDK server hands over every path the context path is a string prefix of (/cbx, /cb/x):
      // only the exact redirect path may settle the login.
      if (!"GET".equals(exchange.getRequestMethod()) || !redirect.isLoginAnswer()
          || !path.equals(exchange.getRequestURI().getRawPath())) {
        respond(exchange, 404, "Not found", "This address only receives the Adobe login redirect.");
        return;
      }
      if (code.isDone()) {
        respond(exchange, 409, "Already done", "This login was already completed; you can close"
            + " this tab.");
        return;
      }
      try {
        String value = redirect.codeFor(expectedState);
        respond(exchange, 200, "Logged in",
            "PostFlow received the Adobe login. You can close this tab.");
        code.complete(value);
        log.debug("Received the login redirect");
      } catch (AuthenticationException e) {
        respond(exchange, 400, "Login failed", stripRemedy(e) + ". " + e.remedy() + ".");
        code.completeExceptionally(e);
        log.debug("Login redirect refused: {}", e.getMessage());
      }
    } catch (UncheckedIOException e) {
      log.debug("Could not answer the browser", e);
    }
  }

  private static void respond(HttpExchange exchange, int status, String title, String text)
      throws IOException {
    String page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>PostFlow - "
        + escape(title) + "</title></head><body style=\"font-family:sans-serif;margin:3em\">"
        + "<h1>" + escape(title) + "</h1><p>" + escape(text) + "</p></body></html>";
    byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream body = exchange.getResponseBody()) {
      body.write(bytes);
    }
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
    server.stop(0);
    code.completeExceptionally(new AuthenticationException("The login listener was closed",
        "Start the login again", null));
    log.debug("Stopped listening at {}", redirectUri);
  }
}
