package io.postflow.api;

import java.util.concurrent.CompletableFuture;

/**
 * Turns a {@link FolderPath} below a folder into that folder's id, creating only what is missing.
 *
 * <p><b>Contract.</b> Thread-safe. Frame.io allows two folders with the same name side by side, so
 * implementations must serialise creation: however many threads ensure the same or overlapping
 * paths at once, each missing folder is created exactly once (single-flight per path). Ids are
 * cached for a while; a cached id found deleted is forgotten and the path ensured again.
 * {@link #ensure} blocks; {@link #ensureAsync} does not, and cancelling its future stops waiting
 * but never leaves a half-created path behind in the cache.
 *
 * <p><b>Failures.</b> A {@link ServiceException} when the service fails after the
 * implementation's retries.
 */
public interface StructureManager {

  /**
   * The id of the folder at {@code path} below {@code parentFolderId} (a project's
   * {@code root_folder_id} or any folder), creating the missing folders top-down.
   */
  String ensure(String parentFolderId, FolderPath path);

  /** {@link #ensure} on the implementation's executor. */
  CompletableFuture<String> ensureAsync(String parentFolderId, FolderPath path);

  /** Forgets every cached id at or below {@code path}, e.g. after someone reorganised folders. */
  void invalidate(String parentFolderId, FolderPath path);
}
