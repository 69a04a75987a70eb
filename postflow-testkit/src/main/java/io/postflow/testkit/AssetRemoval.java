package io.postflow.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Taking assets out of the store: one file (its version stack stays consistent), or a folder with
 * everything below it. The store changes happen under its lock; the received part bytes are
 * deleted afterwards, outside it, with {@link #deleteReceivedBytes}.
 */
final class AssetRemoval {
  private static final Logger LOG = LoggerFactory.getLogger(AssetRemoval.class);

  private AssetRemoval() {}

  /** Removes {@code file} and its comments; returns its received parts. Call under the store lock. */
  static List<Path> removeFile(SandboxStore store, FileAsset file) {
    detach(store, file);
    return forget(store, file);
  }

  /**
   * Removes {@code folder} and its whole subtree (folders, version stacks, files, their comments);
   * returns the received parts of the removed files. Call under the store lock.
   */
  static List<Path> removeTree(SandboxStore store, FolderAsset folder) {
    Map<String, List<Asset>> byParent = new HashMap<>();
    for (Asset asset : store.assets.values()) {
      if (asset.parentId != null) {
        byParent.computeIfAbsent(asset.parentId, k -> new ArrayList<>()).add(asset);
      }
    }
    List<Path> parts = new ArrayList<>();
    Deque<Asset> pending = new ArrayDeque<>(List.of(folder));
    while (!pending.isEmpty()) {
      Asset asset = pending.pop();
      pending.addAll(byParent.getOrDefault(asset.id, List.of()));
      parts.addAll(forget(store, asset));
    }
    return parts;
  }

  /** Takes the file out of its version stack, if it is in one; the stack's head moves down. */
  static void detach(SandboxStore store, FileAsset file) {
    if (store.assets.get(file.parentId) instanceof VersionStackAsset stack) {
      stack.versions.remove(file.id);
      Asset head = store.assets.get(stack.headFileId());
      if (head != null) {
        stack.name = head.name;
      }
      stack.updatedAt = store.clock.instant();
    }
  }

  /** Deletes the received bytes of removed files; a failure is logged, never thrown (temp files). */
  static void deleteReceivedBytes(List<Path> parts) {
    for (Path part : parts) {
      try {
        Files.deleteIfExists(part);
      } catch (IOException e) {
        LOG.debug("Could not delete {}: {}", part, e.toString());
      }
    }
  }

  private static List<Path> forget(SandboxStore store, Asset asset) {
    store.assets.remove(asset.id);
    if (!(asset instanceof FileAsset file)) {
      return List.of();
    }
    store.comments.remove(file.id);
    List<Path> parts = new ArrayList<>();
    file.parts.values().forEach(part -> parts.add(part.file()));
    return parts;
  }
}
