package io.postflow.testkit;

import java.time.Instant;

/**
 * A node of a project's asset tree (folder, file or version stack). Mutable; every access happens
 * under the {@link SandboxStore} lock. {@code seq} orders listings by creation.
 */
abstract class Asset {
  final String id;
  final String projectId;
  final long seq;
  final Instant createdAt;
  String parentId;
  String name;
  Instant updatedAt;

  Asset(String id, String projectId, String parentId, String name, long seq, Instant now) {
    this.id = id;
    this.projectId = projectId;
    this.parentId = parentId;
    this.name = name;
    this.seq = seq;
    this.createdAt = now;
    this.updatedAt = now;
  }

  /** {@code folder}, {@code file} or {@code version_stack}, as Frame.io spells it. */
  abstract String type();
}
