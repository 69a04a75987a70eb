package io.postflow.frameio;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The structure manager's folder listings, kept so that a folder this manager created is never
 * lost from them. The danger is a listing taken while a create in the same folder is on its way:
 * the server may answer without the new folder, and if that answer then replaced the listing the
 * create was recorded in, the next caller would create the folder a second time. So while a folder
 * is being listed, the folders created in it are also noted beside the load and added to the
 * listing it produces; a create that completes after that is added to the listing then in place.
 *
 * <p>Relies on loads of one folder never overlapping (the manager makes them single-flight) and
 * on Frame.io listing a folder whose create has been answered. Reads never block; the few writes
 * that must not interleave (a load's result replacing the listing, a create being recorded) share
 * one monitor and do no I/O.
 */
final class ListingCache {
  private final ConcurrentMap<String, FolderListing> listings = new ConcurrentHashMap<>();
  /** Folder being listed now → folders created in it since its load started (guarded by this). */
  private final Map<String, Map<String, String>> createdDuringLoad = new HashMap<>();

  /** The listing of {@code folderId}, fresh or not, or {@code null}. */
  FolderListing get(String folderId) {
    return listings.get(folderId);
  }

  /** A load of {@code folderId} is about to ask the server; call {@link #loaded} or {@link #loadFailed} after. */
  synchronized void loading(String folderId) {
    createdDuringLoad.put(folderId, new HashMap<>());
  }

  /** Puts the loaded listing in place, with every folder created in it since the load started. */
  synchronized FolderListing loaded(String folderId, FolderListing listing) {
    Map<String, String> created = createdDuringLoad.remove(folderId);
    if (created != null) {
      created.forEach(listing::addIfAbsent); // a same-named folder the server listed is older: it wins
    }
    listings.put(folderId, listing);
    return listing;
  }

  synchronized void loadFailed(String folderId) {
    createdDuringLoad.remove(folderId);
  }

  /**
   * Records that this manager created {@code name} ({@code id}) in {@code parentId}; {@code empty}
   * becomes the new folder's own listing (it has nothing in it yet).
   */
  synchronized void created(String parentId, String name, String id, FolderListing empty) {
    // the new folder's listing first: its id reaches other threads through the parent's listing
    listings.put(id, empty);
    FolderListing current = listings.get(parentId);
    if (current != null) {
      current.addIfAbsent(name, id);
    }
    Map<String, String> during = createdDuringLoad.get(parentId);
    if (during != null) {
      during.put(name, id);
    }
  }

  /** Drops the listing of {@code folderId}, so the next caller lists it again. */
  void drop(String folderId) {
    listings.remove(folderId);
  }

  /** Drops {@code listing} if it is still the one kept for {@code folderId}. */
  void drop(String folderId, FolderListing listing) {
    listings.remove(folderId, listing);
  }

  /** {@code id} is no longer a valid child anywhere: drop its listing and remove it from every other. */
  synchronized void forgetId(String id) {
    listings.remove(id);
    listings.values().forEach(listing -> listing.removeId(id));
    createdDuringLoad.values().forEach(created -> created.values().removeIf(id::equals));
  }
}
