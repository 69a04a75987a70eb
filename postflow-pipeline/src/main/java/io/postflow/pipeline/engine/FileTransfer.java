package io.postflow.pipeline.engine;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryFacts;
import io.postflow.api.DeliveryState;
import io.postflow.api.FileIdentity;
import io.postflow.api.UploadCheckpoint;
import io.postflow.api.UploadHandle;
import io.postflow.api.UploadListener;
import io.postflow.api.UploadProgress;
import io.postflow.api.UploadRequest;
import io.postflow.api.UploadResult;
import io.postflow.lucidlink.WarmHandle;
import io.postflow.pipeline.engine.RemoteFiles.RemoteFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets a delivery's file onto Frame.io exactly once: first settles what an interrupted earlier
 * attempt left in the target folder (adopts a file it finished, deletes a placeholder it did not),
 * then uploads, recording the placeholder's id before any byte goes and the confirmed file's id
 * when the service confirmed every byte. Keeps the lease while the upload runs.
 */
final class FileTransfer {
  private static final Logger LOG = LoggerFactory.getLogger(FileTransfer.class);
  /** How often a waiting worker renews its lease and looks for a stop request. */
  private static final long WAIT_SLICE_MILLIS = 200;

  private final EngineConfig config;
  private final Listeners listeners;
  private final LeaseKeeper lease;
  private final LocalFiles localFiles;
  private final BooleanSupplier abortRequested;
  private final ProgressBoard progress;

  FileTransfer(EngineConfig config, Listeners listeners, LeaseKeeper lease, LocalFiles localFiles,
      BooleanSupplier abortRequested, ProgressBoard progress) {
    this.config = config;
    this.listeners = listeners;
    this.lease = lease;
    this.localFiles = localFiles;
    this.abortRequested = abortRequested;
    this.progress = progress;
  }

  /**
   * The delivery with its confirmed file id recorded, or empty when the delivery ended here
   * (the local file changed or went away: superseded).
   */
  Optional<Delivery> deliverFile(Delivery delivery, String shot) throws Exception {
    FileIdentity file = delivery.file();
    String folderId = delivery.facts().folderId().orElseThrow(IllegalStateException::new);
    Optional<UploadCheckpoint> resume = Optional.empty();
    if (delivery.facts().uploadStartedAt().isPresent()) {
      EarlierAttempt earlier = settleEarlierAttempt(delivery, shot, folderId);
      if (earlier.finished().isPresent()) {
        String id = earlier.finished().get().id();
        LOG.info("{}: adopting file {} that an interrupted attempt finished uploading", file.relativePath(), id);
        Delivery adopted = lease.record(DeliveryFacts.builder().fileId(id).build());
        listeners.onConfirmed(adopted, id, true);
        return Optional.of(adopted);
      }
      resume = earlier.resumable();
    }
    Path local = localFiles.locate(delivery);
    Optional<String> change = LocalFiles.changed(local, file);
    if (change.isPresent() && localFiles.rootUnavailable(delivery).isPresent()) {
      throw new RootUnavailableException(localFiles.rootUnavailable(delivery).get());
    }
    if (change.isPresent()) {
      Delivery superseded = lease.finish(DeliveryState.SUPERSEDED, change.get());
      listeners.onSuperseded(superseded, change.get());
      return Optional.empty();
    }
    Delivery started = lease.record(DeliveryFacts.builder().uploadStartedAt(config.work().clock().instant()).build());
    Optional<WarmHandle> warm = config.cacheWarmer().map(w -> w.warm(local));
    UploadRequest request = UploadRequest.builder()
        .file(local).folderId(folderId).fileName(file.fileName())
        .resumeFrom(resume)
        .listener(new Recorder(started.id(), warm))
        .build();
    listeners.onUploadStarted(started, request);
    UploadHandle handle = config.uploader().upload(request);
    UploadResult result;
    try {
      result = await(handle);
    } finally {
      warm.ifPresent(WarmHandle::cancel);
      progress.clear(started.id());
    }
    Delivery confirmed = lease.record(DeliveryFacts.builder().fileId(result.fileId()).sha256(result.sha256()).build());
    listeners.onUploadFinished(confirmed, result);
    listeners.onConfirmed(confirmed, result.fileId(), false);
    return Optional.of(confirmed);
  }

  /** What an interrupted attempt left: a file to adopt, or a placeholder whose upload can go on. */
  private record EarlierAttempt(Optional<RemoteFile> finished, Optional<UploadCheckpoint> resumable) {}

  /**
   * An earlier attempt began uploading and was interrupted before it recorded a confirmed file:
   * finds the files of the same name and size in the folder that no other delivery owns. One the
   * service holds completely is to be adopted; the placeholder of the recorded checkpoint, still
   * waiting for bytes, is kept for the upload to resume; other placeholders are deleted, so the
   * new upload leaves no half file beside it.
   */
  private EarlierAttempt settleEarlierAttempt(Delivery delivery, String shot, String folderId) {
    FileIdentity file = delivery.file();
    Set<String> owned = config.journal().byShot(shot, EnumSet.allOf(DeliveryState.class)).stream()
        .filter(other -> other.id() != delivery.id())
        .flatMap(other -> other.facts().fileId().stream())
        .collect(Collectors.toSet());
    List<RemoteFile> candidates = new ArrayList<>();
    for (RemoteFile remote : config.remoteFiles().filesNamed(folderId, file.fileName())) {
      if (remote.sizeBytes() == file.sizeBytes() && !owned.contains(remote.id())) {
        candidates.add(remote);
      }
    }
    Optional<String> placeholder = delivery.facts().placeholderFileId();
    if (placeholder.isPresent() && candidates.stream().noneMatch(c -> c.id().equals(placeholder.get()))) {
      config.remoteFiles().file(placeholder.get())
          .filter(r -> r.sizeBytes() == file.sizeBytes() && !owned.contains(r.id()))
          .ifPresent(candidates::add);
    }
    Optional<RemoteFile> finished = candidates.stream().filter(RemoteFile::isUploaded).findFirst();
    Optional<UploadCheckpoint> checkpoint = delivery.facts().checkpoint()
        .filter(c -> finished.isEmpty() && c.totalBytes() == file.sizeBytes());
    Optional<UploadCheckpoint> resumable = Optional.empty();
    for (RemoteFile candidate : candidates) {
      if (candidate.isUploaded()) {
        continue;
      }
      if (checkpoint.isPresent() && checkpoint.get().fileId().equals(candidate.id())) {
        resumable = checkpoint; // the uploader resumes it, or deletes it when its URLs expired
      } else {
        LOG.info("{}: deleting placeholder {} left by an interrupted upload", file.relativePath(), candidate.id());
        config.remoteFiles().delete(candidate.id());
      }
    }
    return new EarlierAttempt(finished, resumable);
  }

  /** Waits for the upload, renewing the lease; cancels it when the lease is lost or a stop is due. */
  private UploadResult await(UploadHandle handle) throws Exception {
    try {
      while (true) {
        if (abortRequested.getAsBoolean()) {
          handle.cancel();
          throw new StopRequestedException();
        }
        try {
          return handle.completion().get(WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          lease.renewIfDue();
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
      }
    } catch (RuntimeException | InterruptedException e) {
      handle.cancel(); // a lost lease, an interrupt: the transfer must not go on unowned
      throw e;
    }
  }

  /** Records the placeholder the moment it exists and passes progress on. */
  private final class Recorder implements UploadListener {
    private final long deliveryId;
    private final Optional<WarmHandle> warm;

    Recorder(long deliveryId, Optional<WarmHandle> warm) {
      this.deliveryId = deliveryId;
      this.warm = warm;
    }

    @Override
    public void onRemoteFileCreated(UploadRequest request, String fileId) {
      lease.record(DeliveryFacts.builder().placeholderFileId(fileId).build());
    }

    @Override
    public void onCheckpoint(UploadRequest request, UploadCheckpoint checkpoint) {
      lease.record(DeliveryFacts.builder().checkpoint(checkpoint).build());
    }

    @Override
    public void onProgress(UploadProgress now) {
      progress.update(deliveryId, now);
      warm.ifPresent(w -> w.advanceReader(now.bytesTransferred()));
      listeners.onUploadProgress(lease.delivery(), now);
    }
  }
}
