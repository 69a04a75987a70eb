package io.postflow.frameio;

import io.postflow.api.Exposure;
import io.postflow.api.ExposureListener;
import io.postflow.api.RemoteFileStatus;
import io.postflow.api.UploadException;
import io.postflow.api.UploadMethod;
import io.postflow.api.UploadPhase;
import io.postflow.api.UploadRequest;
import io.postflow.api.UploadResult;
import io.postflow.frameio.internal.Redaction;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One remote upload: expose the file, make its URL public, {@code remote_upload}, follow the
 * service's pull through the exposure's listener while polling the status, then confirm. The
 * exposure is revoked whatever happens: success, failure or cancel.
 */
final class RemoteUploadSession extends UploadExecution {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteUploadSession.class);

  private final RemoteUploader.Config config;
  private final RemoteUploadCoverage coverage;
  private volatile Exposure exposure;

  RemoteUploadSession(UploadRequest request, UploadSource source, UploadSettings settings,
      RemoteUploader.Config config) {
    super(request, source, settings);
    this.config = config;
    this.coverage = new RemoteUploadCoverage(source.size(), settings.clock.millis());
  }

  @Override
  UploadResult execute() throws Exception {
    long startMillis = settings.clock.millis();
    tracker.phase(UploadPhase.PREPARING);
    ExposureListener listener = new ExposureListener() {
      @Override
      public void onBytesServed(Exposure served, long offset, long count) {
        coverage.served(offset, count, settings.clock.millis());
        tracker.sent(coverage.served());
      }
    };
    exposure = config.exposer.expose(source.file(), config.exposureOptions, listener);
    try {
      if (isCancelRequested()) {
        throw new java.util.concurrent.CancellationException("upload cancelled");
      }
      URI url = config.tunnel.publicUrl(exposure, config.exposer.localPort(), request.fileName());
      UploadTransport.RemoteTarget target = create(() -> settings.transport.createRemoteUpload(
          request.folderId(), request.fileName(), url), UploadTransport.RemoteTarget::fileId);
      String fileId = target.fileId();
      coverage.pullRequested(settings.clock.millis());
      LOG.debug("{}: remote upload {} started from {}", request.fileName(), fileId,
          Redaction.withoutQuery(URI.create(url.getScheme() + "://" + url.getRawAuthority())));
      tracker.transferring(0);
      ConfirmPoller poller = settings.poller();
      poller.awaitUploaded(fileId, request.fileName(), config.transferTimeout, wakeup,
          this::followPull);
      source.checkUnchanged(null);
      uploadConfirmed = true;
      tracker.acknowledged(source.size());
      tracker.phase(UploadPhase.CONFIRMING);
      String sha256 = coverage.finish(source.file());
      if (coverage.covered() < source.size()) {
        LOG.debug("{}: the exposer reported {} of {} bytes served; the SHA-256 is of the local"
            + " file, checked unchanged", request.fileName(), coverage.covered(), source.size());
      }
      RemoteFileStatus status;
      if (settings.waitForTranscode) {
        tracker.phase(UploadPhase.TRANSCODING);
        events.progress(tracker::snapshot, true);
        status = poller.awaitTranscoded(fileId, request.fileName(), settings.transcodeTimeout, wakeup);
      } else {
        status = poller.currentStatus(fileId);
      }
      return UploadResult.builder()
          .fileId(fileId)
          .fileName(request.fileName())
          .folderId(request.folderId())
          .sizeBytes(source.size())
          .mediaType(target.mediaType())
          .sha256(sha256)
          .method(UploadMethod.REMOTE)
          .remoteStatus(status)
          .duration(Duration.ofMillis(settings.clock.millis() - startMillis))
          .attempts(1)
          .build();
    } finally {
      exposure.revoke();
    }
  }

  /** Runs before each status poll: progress, the in-order hashing, stall and change detection. */
  private void followPull() {
    long covered = coverage.covered();
    tracker.acknowledged(covered);
    if (covered >= source.size() && tracker.phase() == UploadPhase.TRANSFERRING) {
      tracker.phase(UploadPhase.CONFIRMING);
    }
    events.progress(tracker::snapshot, false);
    source.checkUnchanged(null);
    try {
      coverage.catchUp(source.file());
    } catch (IOException e) {
      throw new UploadException(request.fileName(), null, "cannot read " + source.file() + ": "
          + e.getMessage(), true, e);
    }
    long quietMillis = settings.clock.millis() - coverage.lastServedMillis();
    // Only a local exposure (ours) reports every byte; a custom one may report none.
    if (exposure.isLocal() && covered < source.size() && quietMillis >= config.stallTimeout.toMillis()) {
      throw new UploadException(request.fileName(), null, "the service stopped fetching the file: "
          + covered + " of " + source.size() + " bytes served, nothing for "
          + Duration.ofMillis(quietMillis) + " (is the tunnel reachable from the internet?)",
          true, null);
    }
  }

  @Override
  void abortTransfer() {
    Exposure current = exposure;
    if (current != null) {
      current.revoke();
    }
  }
}
