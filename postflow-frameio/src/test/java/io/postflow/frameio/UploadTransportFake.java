package io.postflow.frameio;

import io.postflow.api.RemoteFileStatus;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The Frame.io side of an upload, scripted: {@code local_upload} hands out parts on a
 * {@link PartTestServer}, split evenly the way the service does, and the status answers come
 * from functions a test can replace.
 */
final class UploadTransportFake implements UploadTransport {
  private final PartTestServer parts;
  private final AtomicInteger ids = new AtomicInteger();
  volatile long partSize = 1_000_000;
  volatile String mediaType = "video/quicktime";
  final List<String> created = new CopyOnWriteArrayList<>();
  final List<String> deleted = new CopyOnWriteArrayList<>();
  final List<URI> remoteSources = new CopyOnWriteArrayList<>();
  final AtomicInteger statusCalls = new AtomicInteger();
  final AtomicInteger fileCalls = new AtomicInteger();
  volatile Function<String, Status> status = id -> new Status(true, false);
  volatile Function<String, RemoteFileStatus> fileStatus = id -> RemoteFileStatus.UPLOADED;
  /** Told the source URL of each remote upload (a test starts "the service's" pull there). */
  volatile Consumer<URI> onRemoteUpload = url -> { };

  UploadTransportFake(PartTestServer parts) {
    this.parts = parts;
  }

  @Override
  public LocalTarget createLocalUpload(String folderId, String name, long size) {
    String fileId = "file-" + ids.incrementAndGet();
    created.add(fileId);
    int count = (int) ((size + partSize - 1) / partSize);
    long[] sizes = new long[count];
    for (int i = 0; i < count; i++) {
      sizes[i] = size / count + (i < size % count ? 1 : 0);
    }
    return new LocalTarget(fileId, mediaType, parts.register(fileId, mediaType, sizes));
  }

  @Override
  public RemoteTarget createRemoteUpload(String folderId, String name, URI sourceUrl) {
    String fileId = "remote-" + ids.incrementAndGet();
    created.add(fileId);
    remoteSources.add(sourceUrl);
    onRemoteUpload.accept(sourceUrl);
    return new RemoteTarget(fileId, mediaType);
  }

  @Override
  public Status uploadStatus(String fileId) {
    statusCalls.incrementAndGet();
    return status.apply(fileId);
  }

  @Override
  public RemoteFileStatus fileStatus(String fileId) {
    fileCalls.incrementAndGet();
    return fileStatus.apply(fileId);
  }

  /** Set to make deleting a placeholder fail, as when Frame.io is unreachable at that moment. */
  volatile RuntimeException deleteFailure;

  @Override
  public void deleteFile(String fileId) {
    deleted.add(fileId);
    if (deleteFailure != null) {
      throw deleteFailure;
    }
  }
}
