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
 * uploader: opened on first need (starting a tunnel takes seconds), its endpoint read again for
 * each upload because a restarted tunnel may have a new public URL. Never closed here: the tunnel
 * is the caller's, even when this class opened it. Thread-safe.
 */
final class RemoteUploadTunnel {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteUploadTunnel.class);

  private final Tunnel tunnel;
  private final Duration openTimeout;

  /** @param tunnel null when the exposer hands out public URLs itself */
  RemoteUploadTunnel(Tunnel tunnel, Duration openTimeout) {
    this.tunnel = tunnel;
    this.openTimeout = openTimeout;
  }

  /**
   * The URL the service should fetch.
   *
   * @throws UploadException when the URL is local and no tunnel was configured
   * @throws io.postflow.api.TunnelException when the tunnel cannot be opened
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

  private synchronized TunnelEndpoint endpoint(int localPort) {
    Optional<TunnelEndpoint> current = tunnel.endpoint();
    if (current.isPresent()) {
      return current.get();
    }
    LOG.debug("opening the tunnel to local port {}", localPort);
    TunnelEndpoint opened = tunnel.open(localPort, openTimeout);
    LOG.info("tunnel open: {} via {}", opened.publicUrl(), opened.provider());
    return opened;
  }
}
