package io.postflow.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A version stack: its files oldest first; the head is the last one. */
final class VersionStackAsset extends Asset {
  final List<String> versions = new ArrayList<>();

  VersionStackAsset(String id, String projectId, String parentId, String name, long seq, Instant now) {
    super(id, projectId, parentId, name, seq, now);
  }

  String headFileId() {
    return versions.isEmpty() ? null : versions.get(versions.size() - 1);
  }

  @Override
  String type() {
    return "version_stack";
  }
}
