package io.postflow.testkit;

import java.time.Instant;

/** A folder; the project's root folder has no parent. */
final class FolderAsset extends Asset {
  FolderAsset(String id, String projectId, String parentId, String name, long seq, Instant now) {
    super(id, projectId, parentId, name, seq, now);
  }

  @Override
  String type() {
    return "folder";
  }
}
