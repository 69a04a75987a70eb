package io.postflow.pipeline.engine;

import io.postflow.api.RemoteFileStatus;
import java.util.List;
import java.util.Optional;

/**
 * The few Frame.io file operations the pipeline needs beyond uploading: to find what an
 * interrupted attempt left behind, and to stack versions. A seam so that the steps can be read
 * (and tested) without the whole client.
 */
public interface RemoteFiles {
  /** What the pipeline needs to know of a remote file. */
  record RemoteFile(String id, String name, long sizeBytes, RemoteFileStatus status, String parentId) {
    boolean isUploaded() {
      return status != RemoteFileStatus.CREATED;
    }
  }

  /** The file, or empty when it no longer exists. */
  Optional<RemoteFile> file(String fileId);

  /** The files called {@code name} directly in {@code folderId}. */
  List<RemoteFile> filesNamed(String folderId, String name);

  /** Deletes the file; one already gone is fine. */
  void delete(String fileId);

  /**
   * Puts {@code fileId} (which sits in {@code folderId}) on top of {@code previousFileId}'s
   * version stack, making one when the previous file has none. Idempotent: a file already moved
   * into a stack is left there.
   *
   * @return the version stack's id, or empty when the previous file no longer exists (someone
   *     deleted it in Frame.io: there is nothing to stack on)
   */
  Optional<String> stack(String previousFileId, String fileId, String folderId);
}
