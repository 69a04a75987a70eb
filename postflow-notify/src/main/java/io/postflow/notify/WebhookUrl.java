package io.postflow.notify;

import io.postflow.api.ConfigurationException;
import java.net.URI;

/**
 * A webhook's address, which is its own credential: whoever knows the path can post. Only
 * {@link #uri()} gives it out, for the request itself; {@link #toString()} names the host alone.
 */
final class WebhookUrl {
  private final URI uri;

  private WebhookUrl(URI uri) {
    this.uri = uri;
  }

  /** @throws ConfigurationException naming {@code setting} (without the URL) when it is not an absolute http(s) URL */
  static WebhookUrl of(String setting, URI uri) {
    if (uri == null) {
      throw new ConfigurationException("'" + setting + "' is required");
    }
    String scheme = uri.getScheme();
    if (!uri.isAbsolute() || uri.getHost() == null
        || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
      throw new ConfigurationException("'" + setting + "' must be an absolute http(s) URL"
          + (uri.getHost() == null ? "" : " (host " + uri.getHost() + ")"));
    }
    return new WebhookUrl(uri);
  }

  URI uri() {
    return uri;
  }

  /** This URL with {@code name=value} added to its query (kept: a Discord thread id). */
  URI withQuery(String name, String value) {
    String query = uri.getRawQuery();
    String added = name + "=" + value;
    String text = uri.toString();
    int hash = text.indexOf('#');
    String base = hash < 0 ? text : text.substring(0, hash);
    return URI.create(base + (query == null ? "?" : "&") + added);
  }

  /** The host only: safe for logs and messages. */
  @Override
  public String toString() {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/…";
  }
}
