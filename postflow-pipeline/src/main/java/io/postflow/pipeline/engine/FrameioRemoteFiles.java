package io.postflow.pipeline.engine;

import io.postflow.api.ServiceException;
import io.postflow.frameio.FileAsset;
import io.postflow.frameio.FrameioAccount;
import io.postflow.frameio.ResourceNotFoundException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@link RemoteFiles} on a Frame.io account. */
public final class FrameioRemoteFiles implements RemoteFiles {
  private final FrameioAccount account;

  public FrameioRemoteFiles(FrameioAccount account) {
    this.account = account;
  }

  @Override
  public Optional<RemoteFile> file(String fileId) {
    try {
      return Optional.of(toRemote(account.file(fileId)));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<RemoteFile> filesNamed(String folderId, String name) {
    try (var files = account.files(folderId, FrameioAccount.MAX_FOLDER_PAGE_SIZE)) {
      return files.filter(f -> name.equals(f.name())).map(FrameioRemoteFiles::toRemote)
          .collect(Collectors.toList());
    }
  }

  @Override
  public void delete(String fileId) {
    try {
      account.deleteFile(fileId);
    } catch (ResourceNotFoundException e) {
      // Already gone: what we wanted.
    }
  }

  @Override
  public Optional<String> stack(String previousFileId, String fileId, String folderId) {
    FileAsset mine = account.file(fileId);
    String parent = mine.parentId().orElse(folderId);
    if (!parent.equals(folderId)) {
      // Moved out of its folder: only stacking does that, so an earlier attempt got this far.
      return Optional.of(parent);
    }
    if (file(previousFileId).isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(account.stackVersion(previousFileId, fileId).id());
    } catch (ServiceException e) {
      // A run that lost its lease (paused, or slowed past it) may have stacked the same file a
      // moment ago, between our look and our request: then the file is in a stack now, and that
      // is what we wanted.
      String now = account.file(fileId).parentId().orElse(folderId);
      if (e.httpStatus() == 422 && !now.equals(folderId)) {
        return Optional.of(now);
      }
      throw e;
    }
  }

  private static RemoteFile toRemote(FileAsset f) {
    return new RemoteFile(f.id(), f.name(), f.fileSize().orElse(-1), f.status(), f.parentId().orElse(""));
  }
}
