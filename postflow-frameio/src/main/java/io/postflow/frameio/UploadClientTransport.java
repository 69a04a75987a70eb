package io.postflow.frameio;

import io.postflow.api.RemoteFileStatus;
import java.net.URI;
import java.util.List;

/**
 * The uploaders' calls made through a {@link FrameioClient} account: retries, pacing to the rate
 * limits, authentication and error mapping all come from the client. Thread-safe.
 */
final class UploadClientTransport implements UploadTransport {
  /** What a file whose type the service did not name is sent as. */
  static final String DEFAULT_MEDIA_TYPE = "application/octet-stream";

  private final FrameioAccount account;

  UploadClientTransport(FrameioAccount account) {
    this.account = account;
  }

  @Override
  public LocalTarget createLocalUpload(String folderId, String name, long size) {
    PresignedUpload upload = account.createLocalUpload(folderId, name, size);
    List<PartUrl> parts = upload.parts().stream()
        .map(part -> new PartUrl(part.size(), part.url()))
        .toList();
    return new LocalTarget(upload.file().id(), upload.mediaType(), parts);
  }

  @Override
  public RemoteTarget createRemoteUpload(String folderId, String name, URI sourceUrl) {
    FileAsset file = account.createRemoteUpload(folderId, name, sourceUrl);
    return new RemoteTarget(file.id(), file.mediaType().orElse(DEFAULT_MEDIA_TYPE));
  }

  @Override
  public Status uploadStatus(String fileId) {
    FileUploadStatus status = account.fileStatus(fileId);
    return new Status(status.uploadComplete(), status.uploadFailed());
  }

  @Override
  public RemoteFileStatus fileStatus(String fileId) {
    return account.file(fileId).status();
  }

  @Override
  public void deleteFile(String fileId) {
    try {
      account.deleteFile(fileId);
    } catch (ResourceNotFoundException alreadyGone) {
      // What we wanted.
    }
  }
}
