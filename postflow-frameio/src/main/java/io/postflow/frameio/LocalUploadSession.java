package io.postflow.frameio;

import io.postflow.api.RemoteFileStatus;
import io.postflow.api.UploadCheckpoint;
import io.postflow.api.UploadException;
import io.postflow.api.UploadMethod;
import io.postflow.api.UploadPhase;
import io.postflow.api.UploadRequest;
import io.postflow.api.UploadResult;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One local upload: {@code local_upload}, the parts in parallel with the sequential hashing pass
 * beside them, a check that the file did not change, then confirmation. When the part URLs are
 * refused for good (403 after retries), the placeholder is deleted and everything starts over once
 * with new URLs.
 */
final class LocalUploadSession extends UploadExecution {
  private static final Logger LOG = LoggerFactory.getLogger(LocalUploadSession.class);
  private static final int MAX_ATTEMPTS = 2;

  private final LocalUploader.Config config;
  private volatile UploadInFlight inFlight = new UploadInFlight();
  /** Guards {@link #checkpoint} while parts are sent; not {@code this}, which cancel uses. */
  private final Object checkpointLock = new Object();
  /** Which parts the service has accepted. */
  private UploadCheckpoint checkpoint;
  /** Whether this attempt took up an earlier process's upload (its parts may all be in). */
  private volatile boolean resumedTransfer;

  LocalUploadSession(UploadRequest request, UploadSource source, UploadSettings settings,
      LocalUploader.Config config) {
    super(request, source, settings);
    this.config = config;
  }

  @Override
  UploadResult execute() throws Exception {
    long startMillis = settings.clock.millis();
    for (int attempt = 1; ; attempt++) {
      if (isCancelRequested()) {
        // Cancelled before (or between) attempts: create no placeholder only to delete it.
        throw new CancellationException("upload cancelled");
      }
      tracker.phase(UploadPhase.PREPARING);
      Optional<UploadCheckpoint> resumed = attempt == 1 ? resumable() : Optional.empty();
      UploadTransport.LocalTarget target;
      resumedTransfer = resumed.isPresent();
      if (resumed.isPresent()) {
        target = UploadResume.target(resumed.get());
        resumePlaceholder(target.fileId());
        checkpoint = resumed.get();
      } else {
        target = create(() -> settings.transport.createLocalUpload(
            request.folderId(), request.fileName(), source.size()), UploadTransport.LocalTarget::fileId);
        checkpoint = UploadResume.checkpoint(target);
      }
      List<PartPlan> parts = PartPlan.layOut(target.parts(), source.size());
      LOG.debug("{}: placeholder {} ({}), {} parts ({} done before), attempt {}", request.fileName(),
          target.fileId(), target.mediaType(), parts.size(), checkpoint.partsDone().size(), attempt);
      if (parts.size() > 1 && resumed.isEmpty()) {
        events.checkpoint(request, checkpoint);
      }
      String sha256;
      try {
        sha256 = transfer(target, parts);
      } catch (PartRejectedException e) {
        if (!e.urlRejected() || attempt >= MAX_ATTEMPTS || isCancelRequested()) {
          throw e;
        }
        LOG.info("{}: part URLs refused for good ({}); deleting placeholder {} and starting over",
            request.fileName(), e.getMessage(), target.fileId());
        deletePlaceholder("part URLs refused");
        inFlight = new UploadInFlight();
        continue;
      }
      RemoteFileStatus status = confirm(target.fileId());
      return UploadResult.builder()
          .fileId(target.fileId())
          .fileName(request.fileName())
          .folderId(request.folderId())
          .sizeBytes(source.size())
          .mediaType(target.mediaType())
          .sha256(sha256)
          .method(UploadMethod.LOCAL)
          .remoteStatus(status)
          .duration(java.time.Duration.ofMillis(settings.clock.millis() - startMillis))
          .attempts(attempt)
          .build();
    }
  }

  /**
   * The request's checkpoint when it can be resumed; otherwise its placeholder is deleted (best
   * effort) and empty is returned, so that the upload starts over with a new one.
   */
  private Optional<UploadCheckpoint> resumable() {
    Optional<UploadCheckpoint> given = request.resumeFrom();
    if (given.isEmpty()) {
      return given;
    }
    Optional<String> obstacle = UploadResume.obstacle(given.get(), source.size(), settings.clock.instant());
    if (obstacle.isEmpty()) {
      LOG.info("{}: resuming upload of placeholder {}, {} of {} parts already sent", request.fileName(),
          given.get().fileId(), given.get().partsDone().size(), given.get().partSizes().size());
      return given;
    }
    LOG.info("{}: cannot resume placeholder {} ({}); deleting it and starting over", request.fileName(),
        given.get().fileId(), obstacle.get());
    resumePlaceholder(given.get().fileId());
    deletePlaceholder("not resumable");
    return Optional.empty();
  }

  @Override
  void abortTransfer() {
    inFlight.abortAll();
  }

  /** Sends every part and returns the SHA-256 of what was sent. */
  private String transfer(UploadTransport.LocalTarget target, List<PartPlan> parts)
      throws Exception {
    tracker.transferring(parts.size());
    List<PartPlan> toSend = new ArrayList<>();
    for (PartPlan part : parts) {
      if (checkpoint.partsDone().contains(part.index())) {
        tracker.partCompleted(part.size()); // accepted by the service before a restart
      } else {
        toSend.add(part);
      }
    }
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicReference<UploadHasher.Digest> digest = new AtomicReference<>();
    long[] sentCrcs = new long[parts.size()];
    AtomicInteger next = new AtomicInteger();
    UploadInFlight requests = inFlight;
    try (FileChannel channel = FileChannel.open(source.file(), StandardOpenOption.READ)) {
      List<Runnable> tasks = new ArrayList<>();
      int workers = Math.min(config.partConcurrency, toSend.size());
      for (int w = 0; w < workers; w++) {
        tasks.add(() -> sendParts(toSend, parts.size(), target, channel, next, sentCrcs, failure, requests));
      }
      UploadHasher hasher = new UploadHasher(channel, parts,
          () -> failure.get() != null || isCancelRequested());
      tasks.add(() -> {
        try {
          digest.set(hasher.run());
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
          requests.abortAll();
        }
      });
      try {
        UploadWorkers.runAll(settings.executor, tasks);
      } catch (InterruptedException e) {
        // Stop the parts and the hashing still running on other threads before giving up.
        failure.compareAndSet(null, e);
        requests.abortAll();
        throw e;
      }
    }
    if (isCancelRequested()) {
      throw new CancellationException("upload cancelled");
    }
    Throwable failed = failure.get();
    if (failed != null) {
      throw asFailure(failed);
    }
    source.checkUnchanged(null);
    long[] hashedCrcs = digest.get().partCrcs();
    // Parts sent before a restart were sent from this same version of the file (same size and
    // modification time, which the caller checked); only the parts sent now can be compared.
    for (PartPlan part : toSend) {
      if (hashedCrcs[part.index()] != sentCrcs[part.index()]) {
        throw source.changed(null, "part " + (part.index() + 1) + " read differently twice");
      }
    }
    return digest.get().sha256();
  }

  /** One worker: takes the next part until none are left or something failed. */
  private void sendParts(List<PartPlan> parts, int totalParts, UploadTransport.LocalTarget target,
      FileChannel channel, AtomicInteger next, long[] sentCrcs, AtomicReference<Throwable> failure,
      UploadInFlight requests) {
    Runnable reportProgress = () -> events.progress(tracker::snapshot, false);
    while (failure.get() == null && !isCancelRequested()) {
      int index = next.getAndIncrement();
      if (index >= parts.size()) {
        return;
      }
      PartPlan part = parts.get(index);
      try {
        sentCrcs[part.index()] = config.sender.send(part, totalParts, channel, target.mediaType(),
            tracker.sentCounter(), reportProgress, requests, wakeup, resumedTransfer);
        source.checkUnchanged(null);
        tracker.partCompleted(part.size());
        events.partCompleted(part.index(), totalParts, part.size());
        if (totalParts > 1) {
          partAccepted(part.index());
        }
        reportProgress.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure.compareAndSet(null, e);
        requests.abortAll();
        return;
      } catch (Throwable e) {
        // Not the first failure? Then this part was most likely aborted because of that one.
        if (failure.compareAndSet(null, e)) {
          requests.abortAll();
        }
        return;
      }
    }
  }

  /** Records the part in the checkpoint and tells the listener, in order, one part at a time. */
  private void partAccepted(int index) {
    synchronized (checkpointLock) {
      checkpoint = checkpoint.withPartDone(index);
      events.checkpoint(request, checkpoint);
    }
  }

  /** A part that failed because the file under it changed is reported as a changed file. */
  private Exception asFailure(Throwable failed) {
    if (failed instanceof UploadException || failed instanceof CancellationException) {
      return (Exception) failed;
    }
    if (failed instanceof PartRejectedException || failed instanceof IOException) {
      source.checkUnchanged(null);
    }
    if (failed instanceof Exception) {
      return (Exception) failed;
    }
    throw (Error) failed;
  }

  private RemoteFileStatus confirm(String fileId) throws InterruptedException {
    tracker.phase(UploadPhase.CONFIRMING);
    events.progress(tracker::snapshot, true);
    ConfirmPoller poller = settings.poller();
    poller.awaitUploaded(fileId, request.fileName(), settings.confirmTimeout, wakeup, () -> { });
    uploadConfirmed = true;
    if (!settings.waitForTranscode) {
      return poller.currentStatus(fileId);
    }
    tracker.phase(UploadPhase.TRANSCODING);
    events.progress(tracker::snapshot, true);
    return poller.awaitTranscoded(fileId, request.fileName(), settings.transcodeTimeout, wakeup);
  }
}
