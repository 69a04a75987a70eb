package io.postflow.dashboard;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may look: every request passes here first.
 *
 * <ul>
 *   <li>Bound to loopback, only requests naming a loopback host are served, so a web page the
 *       user visits cannot reach the dashboard through DNS rebinding (a name that resolves to
 *       127.0.0.1 later).</li>
 *   <li>With an access token, a request needs the session cookie, {@code Authorization: Bearer
 *       <token>}, or (the first visit) {@code ?token=<token>}, which is swapped for the cookie and
 *       a redirect to the same page without it, so the token does not stay in the address bar,
 *       the history or a proxy's log. The cookie holds a random session value, not the token.</li>
 *   <li>Comparisons take the same time whatever the guess: both sides are hashed, then compared
 *       with {@link MessageDigest#isEqual}.</li>
 * </ul>
 */
final class AccessGate {
  static final String COOKIE = "postflow_dashboard";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What to do with a request. */
  enum Verdict { PASS, REDIRECT_WITHOUT_TOKEN, REFUSE_TOKEN, REFUSE_HOST }

  private final Optional<byte[]> tokenHash;
  private final byte[] sessionHash;
  private final String session;
  private final boolean loopbackOnly;

  AccessGate(Optional<String> token, InetAddress bindAddress) {
    this.tokenHash = token.map(AccessGate::sha256);
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    this.session = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    this.sessionHash = sha256(session);
    this.loopbackOnly = bindAddress.isLoopbackAddress();
  }

  Verdict check(HttpExchange exchange) {
    Headers headers = exchange.getRequestHeaders();
    if (loopbackOnly && !isLoopbackHost(headers.getFirst("Host"))) {
      return Verdict.REFUSE_HOST;
    }
    if (tokenHash.isEmpty()) {
      return Verdict.PASS;
    }
    Optional<String> cookie = cookie(headers.getFirst("Cookie"));
    if (cookie.isPresent() && MessageDigest.isEqual(sha256(cookie.get()), sessionHash)) {
      return Verdict.PASS;
    }
    String authorization = headers.getFirst("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        && matchesToken(authorization.substring(7).trim())) {
      return Verdict.PASS;
    }
    Optional<String> queryToken = queryToken(exchange.getRequestURI());
    if (queryToken.isPresent() && matchesToken(queryToken.get())) {
      return Verdict.REDIRECT_WITHOUT_TOKEN;
    }
    return Verdict.REFUSE_TOKEN;
  }

  /** The Set-Cookie value that lets this browser in from now on. */
  String sessionCookie() {
    return COOKIE + "=" + session + "; Path=/; HttpOnly; SameSite=Strict";
  }

  private boolean matchesToken(String given) {
    return MessageDigest.isEqual(sha256(given), tokenHash.orElseThrow());
  }

  /** The request's path and query without the {@code token} parameter. */
  static String withoutToken(URI uri) {
    StringBuilder kept = new StringBuilder();
    String query = uri.getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        if (!pair.isEmpty() && !pair.startsWith("token=") && !pair.equals("token")) {
          kept.append(kept.length() == 0 ? "?" : "&").append(pair);
        }
      }
    }
    return uri.getRawPath() + kept;
  }

  static Optional<String> queryToken(URI uri) {
    String query = uri.getRawQuery();
    if (query == null) {
      return Optional.empty();
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith("token=")) {
        return Optional.of(URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  static Optional<String> cookie(String header) {
    if (header == null) {
      return Optional.empty();
    }
    for (String part : header.split(";")) {
      String trimmed = part.trim();
      if (trimmed.startsWith(COOKIE + "=")) {
        return Optional.of(trimmed.substring(COOKIE.length() + 1));
      }
    }
    return Optional.empty();
  }

  /** Whether a Host header names this machine: localhost, 127.x.x.x or [::1], any port. */
  static boolean isLoopbackHost(String host) {
    if (host == null || host.isBlank()) {
      return false;
    }
    String name = host.trim().toLowerCase(Locale.ROOT);
    if (name.startsWith("[")) {
      int end = name.indexOf(']');
      return end > 0 && name.substring(1, end).equals("::1");
    }
    int colon = name.indexOf(':');
    if (colon >= 0) {
      name = name.substring(0, colon);
    }
    return name.equals("localhost") || name.endsWith(".localhost") || name.matches("127(\\.\\d{1,3}){3}");
  }

  static String urlEncode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "AccessGate{" + (tokenHash.isPresent() ? "access token required" : "open") + (loopbackOnly ? ", loopback" : "") + "}";
  }
}
