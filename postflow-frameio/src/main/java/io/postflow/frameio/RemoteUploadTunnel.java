package io.postflow.frameio;

import io.postflow.api.Exposure;
import io.postflow.api.Tunnel;
import io.postflow.api.TunnelEndpoint;
import io.postflow.api.UploadException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an exposure's local URL into a public one. The tunnel is shared by every upload of the
 * uploader: opened on first need when nobody opened it yet (starting a tunnel takes seconds), and
 * asked for its endpoint again for each upload through {@link Tunnel#awaitEndpoint}, because a
 * restarted tunnel may have a new public URL and an upload that starts during a restart must wait
 * for it, not fail. Never closed here: the tunnel is the caller's, even when this class opened it.
 * Thread-safe.
 */
final class RemoteUploadTunnel {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteUploadTunnel.class);

  private final Tunnel tunnel;
  private final Duration timeout;
  /** Set once the tunnel was seen open (or opened here): from then on only awaitEndpoint. */
  private boolean seenOpen;

  /** @param tunnel null when the exposer hands out public URLs itself */
  RemoteUploadTunnel(Tunnel tunnel, Duration timeout) {
    this.tunnel = tunnel;
    this.timeout = timeout;
  }

  /**
   * The URL the service should fetch.
   *
   * @throws UploadException when the URL is local and no tunnel was configured
   * @throws io.postflow.api.TunnelException when the tunnel cannot be opened, or is restarting
   *     and not back within the timeout (both retryable), or is closed or failed for good
   */
  URI publicUrl(Exposure exposure, int localPort, String fileName) {
    if (!exposure.isLocal()) {
      return exposure.url();
    }
    if (tunnel == null) {
      throw new UploadException(fileName, null, "the file exposer hands out local URLs (port "
          + localPort + ") but no tunnel was configured: set RemoteUploader.builder().tunnel(..)",
          false, null);
    }
    return endpoint(localPort).publicUrlFor(exposure.url());
  }

  private TunnelEndpoint endpoint(int localPort) {
    synchronized (this) {
      if (!seenOpen) {
        Optional<TunnelEndpoint> current = tunnel.endpoint();
        if (current.isPresent()) {
          seenOpen = true;
          return current.get();
        }
        try {
          LOG.debug("opening the tunnel to local port {}", localPort);
          TunnelEndpoint opened = tunnel.open(localPort, timeout);
          seenOpen = true;
          LOG.info("tunnel open: {} via {}", opened.publicUrl(), opened.provider());
          return opened;
        } catch (IllegalStateException e) {
          // Opened by the caller and restarting right now, or closed: awaitEndpoint tells which.
          seenOpen = true;
          LOG.debug("the tunnel is not ready to open ({}); waiting for its endpoint", e.getMessage());
        }
      }
    }
    // Outside the lock: one upload waiting out a restart must not hold up the others' checks.
    return tunnel.awaitEndpoint(timeout);
  }
}
