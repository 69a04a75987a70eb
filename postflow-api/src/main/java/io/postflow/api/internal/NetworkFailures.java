package io.postflow.api.internal;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Internal, not API: may change in any release. Says in a few words why a connection failed, so
 * that "no answer after 4 attempts" becomes "no answer (connection refused) after 4 attempts".
 *
 * <p>The JDK's HTTP client hides the real cause a level or two down: a name that does not resolve
 * is a {@code ConnectException} with no message whose cause is an {@code UnresolvedAddressException};
 * a refused connection is a {@code ConnectException} whose message is the OS's text. The words
 * chosen here are the ones a studio's IT person searches for: DNS, refused, TLS, timeout, reset.
 * No URL is quoted (a presigned URL's query is a secret); exception messages are the JDK's own.
 */
public final class NetworkFailures {
  /** The kinds of failure, in the order a person checks them. */
  public enum Kind {
    /** The host name did not resolve. */
    DNS,
    /** Nothing listens there, or a firewall said no at once. */
    REFUSED,
    /** No route to the host (network down, VPN off). */
    UNREACHABLE,
    /** The TLS handshake failed: a proxy rewriting certificates, a wrong clock, an old trust store. */
    TLS,
    /** The connection or the answer took too long. */
    TIMEOUT,
    /** The connection was cut while talking. */
    RESET,
    /** Anything else. */
    OTHER
  }

  private NetworkFailures() {}

  /**
   * The kind of {@code failure}, looking through its causes.
   *
   * @param failure what the HTTP client threw
   * @return the kind; {@link Kind#OTHER} when none fits
   */
  public static Kind kind(Throwable failure) {
    boolean connectFailed = false;
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
        return Kind.DNS;
      }
      if (t instanceof SSLException) {
        return Kind.TLS;
      }
      String text = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (t instanceof NoRouteToHostException || t instanceof SocketException && text.contains("unreachable")) {
        return Kind.UNREACHABLE;
      }
      if (isHttpTimeout(t) || t instanceof SocketTimeoutException) {
        return Kind.TIMEOUT;
      }
      // The JDK's HTTP client reports a reset as an IOException saying so, or, when the reset
      // lands while it is writing the request, as the ClosedChannelException of its own channel.
      // Under a ConnectException the same closed channel is a refused connection.
      if (text.contains("connection reset") || text.contains("broken pipe") || t instanceof EOFException
          || t instanceof ClosedChannelException && !connectFailed) {
        return Kind.RESET;
      }
      connectFailed |= t instanceof ConnectException;
    }
    // Nothing more specific below it: the JDK's HTTP client says a refusal with a bare
    // ConnectException (no message), so any ConnectException left is a refusal.
    return connectFailed ? Kind.REFUSED : Kind.OTHER;
  }

  /**
   * A short description of {@code failure} for a message: its kind in words, then the JDK's own
   * text where it adds something.
   *
   * @param failure what the HTTP client threw
   * @return for example {@code "connection refused"} or {@code "TLS handshake failed: PKIX path
   *     building failed"}
   */
  public static String describe(Throwable failure) {
    String detail = innermostMessage(failure);
    switch (kind(failure)) {
      case DNS: return "host name not found (DNS)";
      case REFUSED: return "connection refused";
      case UNREACHABLE: return "no route to host" + suffix(detail);
      case TLS: return "TLS handshake failed" + suffix(detail);
      case TIMEOUT: return "timed out" + suffix(detail);
      case RESET: return "connection reset" + suffix(detail);
      default:
        return failure.getClass().getSimpleName() + suffix(detail);
    }
  }

  /** By name: the API module does not require {@code java.net.http} for one class. */
  private static boolean isHttpTimeout(Throwable t) {
    for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
      if (c.getName().equals("java.net.http.HttpTimeoutException")) {
        return true;
      }
    }
    return false;
  }

  private static String suffix(String detail) {
    return detail == null ? "" : ": " + detail;
  }

  /** The deepest non-blank message: the JDK wraps the useful text. */
  private static String innermostMessage(Throwable failure) {
    String found = null;
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank() && !(t instanceof IOException && t.getCause() != null
          && t.getMessage().equals(t.getCause().toString()))) {
        found = t.getMessage().strip();
      }
    }
    return found;
  }
}
