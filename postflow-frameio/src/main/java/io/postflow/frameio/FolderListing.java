package io.postflow.frameio;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one folder held when it was listed (sub-folder name to id), plus the folders created in it
 * since. Lets the structure manager resolve hundreds of siblings with one listing instead of one
 * per name (listings are limited to 100 per minute).
 */
final class FolderListing {
  private final Map<String, String> idsByName;
  private final Instant expiresAt;

  FolderListing(Map<String, String> idsByName, Instant expiresAt) {
    this.idsByName = new ConcurrentHashMap<>(idsByName);
    this.expiresAt = expiresAt;
  }

  boolean isFresh(Instant now) {
    return now.isBefore(expiresAt);
  }

  String idOf(String name) {
    return idsByName.get(name);
  }

  /** Records a folder created in this one, unless a folder of that name is already known (older). */
  void addIfAbsent(String name, String id) {
    idsByName.putIfAbsent(name, id);
  }

  /** Forgets a folder that turned out deleted. */
  void removeId(String id) {
    idsByName.values().removeIf(id::equals);
  }
}
