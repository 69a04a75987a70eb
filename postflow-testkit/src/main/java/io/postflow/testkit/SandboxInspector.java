package io.postflow.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Read-only views of a running {@link FrameioSandbox} for assertions: the asset tree, every file's
 * upload state (bytes received, parts, SHA-256 of the assembled bytes), the request log with
 * secrets masked, and request counts per operation. Every method returns a consistent snapshot;
 * thread-safe; nothing blocks for long.
 */
public final class SandboxInspector {
  private final SandboxStore store;
  private final RequestLog log;
  private final String defaultProjectId;
  private final Supplier<List<SandboxDelivery>> deliveries;

  SandboxInspector(SandboxStore store, RequestLog log, String defaultProjectId,
      Supplier<List<SandboxDelivery>> deliveries) {
    this.store = store;
    this.log = log;
    this.defaultProjectId = defaultProjectId;
    this.deliveries = deliveries;
  }

  /** Every webhook delivery queued so far (one per subscribed webhook and event), oldest first. */
  public List<SandboxDelivery> webhookDeliveries() {
    return deliveries.get();
  }

  /** The tree of the sandbox's seeded project, from its root folder. */
  public SandboxNode tree() {
    return tree(defaultProjectId);
  }

  /**
   * The tree of a project, from its root folder.
   *
   * @throws IllegalArgumentException if there is no such project
   */
  public SandboxNode tree(String projectId) {
    return store.locked(() -> {
      ProjectRecord project = store.projects.get(projectId);
      if (project == null) {
        throw new IllegalArgumentException("No project " + projectId + " in the sandbox");
      }
      return node(store.assets.get(project.rootFolderId()));
    });
  }

  /** Every file of every project, in creation order. */
  public List<SandboxFile> files() {
    return store.locked(() -> {
      List<SandboxFile> files = new ArrayList<>();
      for (Asset asset : store.assets.values()) {
        if (asset instanceof FileAsset file) {
          files.add(snapshot(file));
        }
      }
      return files;
    });
  }

  /** The file with this id, if it exists (deleted files do not). */
  public Optional<SandboxFile> file(String id) {
    return store.locked(() -> store.assets.get(id) instanceof FileAsset file
        ? Optional.of(snapshot(file)) : Optional.empty());
  }

  /** The first file created with this name, if any. */
  public Optional<SandboxFile> fileNamed(String name) {
    return files().stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** Every answered request still in the log (the newest 10,000), oldest first. */
  public List<RecordedRequest> requests() {
    return log.snapshot();
  }

  /** The logged requests that match {@code filter}, oldest first. */
  public List<RecordedRequest> requests(Predicate<RecordedRequest> filter) {
    return log.snapshot().stream().filter(filter).toList();
  }

  /** Requests answered per operation id (e.g. {@code files.show}, {@code s3.put_part}) since start. */
  public Map<String, Long> operationCounts() {
    return log.counts();
  }

  /** Requests answered for one operation id since start. */
  public long count(String operation) {
    return log.counts().getOrDefault(operation, 0L);
  }

  private SandboxNode node(Asset asset) {
    List<SandboxNode> children = new ArrayList<>();
    if (asset instanceof VersionStackAsset stack) {
      stack.versions.forEach(id -> children.add(node(store.assets.get(id))));
    } else if (!(asset instanceof FileAsset)) {
      store.children(asset.id).forEach(child -> children.add(node(child)));
    }
    String status = asset instanceof FileAsset file ? file.status.wire() : null;
    return new SandboxNode(asset.id, asset.type(), asset.name, status, children);
  }

  private static SandboxFile snapshot(FileAsset f) {
    return new SandboxFile(f.id, f.name, f.parentId, f.status.wire(), f.uploadFailed, f.fileSize, f.mediaType,
        f.bytesReceived, f.partSizes.size(), f.parts.size(), f.sha256);
  }
}
