package io.postflow.testkit;

import java.time.Instant;

/** A project of the sandbox's workspace and its root folder. */
record ProjectRecord(String id, String workspaceId, String name, String rootFolderId, Instant createdAt) {}
