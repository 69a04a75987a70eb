package io.postflow.frameio;

import io.postflow.api.RemoteFileStatus;
import io.postflow.frameio.internal.Redaction;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * The few Frame.io calls the uploaders make, and nothing else. The uploaders depend on this seam
 * rather than on {@code FrameioClient} directly so that their state machines can be tested against
 * a scripted fake, and so that the REST client can change without touching them.
 *
 * <p>Implementations are thread-safe and blocking; they throw {@link io.postflow.api.ServiceException}
 * when the service refuses or cannot be reached (after their own retries).
 */
interface UploadTransport {

  /** {@code POST .../folders/{folderId}/files/local_upload} with the name and size, nothing else. */
  LocalTarget createLocalUpload(String folderId, String name, long size);

  /** {@code POST .../folders/{folderId}/files/remote_upload}: the new file, before its bytes. */
  RemoteTarget createRemoteUpload(String folderId, String name, URI sourceUrl);

  /** {@code GET .../files/{fileId}/status}. */
  Status uploadStatus(String fileId);

  /** {@code GET .../files/{fileId}}: the file's {@code status}. */
  RemoteFileStatus fileStatus(String fileId);

  /** {@code DELETE .../files/{fileId}}. */
  void deleteFile(String fileId);

  /** What {@code local_upload} answered: the placeholder, its media type and where to PUT. */
  record LocalTarget(String fileId, String mediaType, List<PartUrl> parts) {
    public LocalTarget {
      Objects.requireNonNull(fileId, "fileId");
      Objects.requireNonNull(mediaType, "mediaType");
      parts = List.copyOf(parts);
    }
  }

  /** What {@code remote_upload} answered: the placeholder and the media type chosen for it. */
  record RemoteTarget(String fileId, String mediaType) {
    public RemoteTarget {
      Objects.requireNonNull(fileId, "fileId");
      Objects.requireNonNull(mediaType, "mediaType");
    }
  }

  /** One entry of {@code upload_urls}. The URL is a secret: toString() hides its query. */
  record PartUrl(long size, String url) {
    public PartUrl {
      Objects.requireNonNull(url, "url");
      if (size < 1) {
        throw new IllegalArgumentException("upload_urls[].size must be at least 1, was " + size);
      }
    }

    @Override
    public String toString() {
      return "PartUrl[size=" + size + ", url=" + Redaction.withoutQuery(url) + "]";
    }
  }

  /** The flags of the status endpoint that matter. */
  record Status(boolean uploadComplete, boolean uploadFailed) {}
}
