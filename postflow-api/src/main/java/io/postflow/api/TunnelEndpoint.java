package io.postflow.api;

import java.net.URI;
import java.time.Instant;
import org.immutables.value.Value;

/** A public URL that reaches a local port, and who provides it. */
@Value.Immutable
public abstract class TunnelEndpoint {
  /** The public base URL, e.g. {@code https://abc-def.trycloudflare.com}. No path, no query. */
  public abstract URI publicUrl();

  /** The local port traffic is forwarded to. */
  public abstract int localPort();

  /** Who provides it: {@code cloudflared}, {@code ngrok}, {@code ssh}, {@code static}, ... */
  public abstract String provider();

  public abstract Instant openedAt();

  /**
   * The public URL of a local one: this endpoint's scheme and authority with the local URL's path
   * and query.
   */
  public URI publicUrlFor(URI localUrl) {
    String base = publicUrl().toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    String tail = localUrl.getRawPath() + (localUrl.getRawQuery() == null ? "" : "?" + localUrl.getRawQuery());
    return URI.create(base + tail);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link TunnelEndpoint}. */
  public static final class Builder extends ImmutableTunnelEndpoint.Builder {}
}
