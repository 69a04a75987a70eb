package io.postflow.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The sandbox's whole state: one account, workspace and user, projects, the asset trees, comments,
 * webhooks, metadata field definitions and values, and shares. Every read and write goes through
 * {@link #locked}, so a handler's check-then-act is atomic; slow work (streaming part bodies,
 * fetching remote sources) happens outside the lock.
 */
final class SandboxStore {
  final Clock clock;
  final String accountId = UUID.randomUUID().toString();
  final String workspaceId = UUID.randomUUID().toString();
  final String userId = UUID.randomUUID().toString();
  final String accountName;
  final String workspaceName;
  final String userName;
  final String userEmail;
  final PageLimits pageLimits;
  final Instant createdAt;

  final Map<String, ProjectRecord> projects = new LinkedHashMap<>();
  final Map<String, Asset> assets = new LinkedHashMap<>();
  final Map<String, List<CommentRecord>> comments = new LinkedHashMap<>();
  final Map<String, WebhookRecord> webhooks = new LinkedHashMap<>();
  final Map<String, FieldDefinitionRecord> fieldDefinitions = new LinkedHashMap<>();
  /** File id -> field definition id -> value as stored (select values as {@code [{id, display_name}]}). */
  final Map<String, Map<String, JsonNode>> metadataValues = new LinkedHashMap<>();
  final Map<String, ShareRecord> shares = new LinkedHashMap<>();

  private final ReentrantLock lock = new ReentrantLock();
  private long seq;

  SandboxStore(Clock clock, PageLimits pageLimits, String accountName, String workspaceName, String userName,
      String userEmail) {
    this.clock = clock;
    this.pageLimits = pageLimits;
    this.createdAt = clock.instant();
    this.accountName = accountName;
    this.workspaceName = workspaceName;
    this.userName = userName;
    this.userEmail = userEmail;
  }

  <T> T locked(Supplier<T> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  void lockedRun(Runnable action) {
    lock.lock();
    try {
      action.run();
    } finally {
      lock.unlock();
    }
  }

  static String newId() {
    return UUID.randomUUID().toString();
  }

  long nextSeq() {
    return ++seq;
  }

  ProjectRecord createProject(String name) {
    return locked(() -> {
      String projectId = newId();
      FolderAsset root = new FolderAsset(newId(), projectId, null, name, nextSeq(), clock.instant());
      assets.put(root.id, root);
      ProjectRecord project = new ProjectRecord(projectId, workspaceId, name, root.id, clock.instant());
      projects.put(projectId, project);
      return project;
    });
  }

  /** 404 unless {@code id} is this sandbox's account (ids of other accounts are unknown here). */
  void checkAccount(String id) {
    if (!accountId.equals(id)) {
      throw ApiException.notFound("Account " + id);
    }
  }

  void checkWorkspace(String account, String id) {
    checkAccount(account);
    if (!workspaceId.equals(id)) {
      throw ApiException.notFound("Workspace " + id);
    }
  }

  ProjectRecord project(String account, String id) {
    checkAccount(account);
    ProjectRecord project = projects.get(id);
    if (project == null) {
      throw ApiException.notFound("Project " + id);
    }
    return project;
  }

  <T extends Asset> T asset(String account, String id, Class<T> type, String what) {
    checkAccount(account);
    Asset asset = assets.get(id);
    if (!type.isInstance(asset)) {
      throw ApiException.notFound(what + " " + id);
    }
    return type.cast(asset);
  }

  FolderAsset folder(String account, String id) {
    return asset(account, id, FolderAsset.class, "Folder");
  }

  FileAsset file(String account, String id) {
    return asset(account, id, FileAsset.class, "File");
  }

  VersionStackAsset stack(String account, String id) {
    return asset(account, id, VersionStackAsset.class, "Version stack");
  }

  List<Asset> children(String parentId) {
    List<Asset> children = new ArrayList<>();
    for (Asset asset : assets.values()) {
      if (parentId.equals(asset.parentId)) {
        children.add(asset);
      }
    }
    children.sort(Comparator.comparingLong(a -> a.seq));
    return children;
  }

  <T extends Asset> T add(T asset) {
    assets.put(asset.id, asset);
    return asset;
  }

  ProjectRecord projectOf(Asset asset) {
    return projects.get(asset.projectId);
  }
}
