package io.postflow.lucidlink;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What each directory looked like when it was last listed: its mtime (read before listing) and
 * its accepted subdirectories. A light scan lists again only directories whose mtime changed,
 * since adding, removing or renaming an entry changes its directory's mtime; rewriting a file in
 * place does not, which is why full scans still run.
 *
 * <p>A listing made less than {@link #RACY} after the directory's mtime is not trusted (like Git's
 * "racily clean" index): on a file system with coarse timestamps an entry added in the same tick
 * would leave the mtime unchanged. Not thread-safe: used under the reconciler's lock.
 */
final class DirectoryIndex {
  static final Duration RACY = Duration.ofSeconds(2);

  static final class Entry {
    final FileTime mtime;
    final boolean racy;
    final Set<Path> subdirs = new HashSet<>();

    Entry(FileTime mtime, boolean racy) {
      this.mtime = mtime;
      this.racy = racy;
    }
  }

  private final Map<Path, Entry> entries = new HashMap<>();

  void clear() {
    entries.clear();
  }

  Entry get(Path dir) {
    return entries.get(dir);
  }

  /** Whether {@code dir}, now showing {@code mtime}, can be trusted not to have changed. */
  boolean unchanged(Path dir, FileTime mtime) {
    Entry e = entries.get(dir);
    return e != null && !e.racy && e.mtime.equals(mtime);
  }

  /**
   * Records a listing of {@code dir} that started when it showed {@code mtime}; subdirectories are
   * added to it as they are found. Also links it into its parent's entry.
   */
  Entry listed(Path dir, FileTime mtime) {
    // Wall-clock time on purpose: it is compared with file-system timestamps, not settle times.
    boolean racy = Duration.between(mtime.toInstant(), Instant.now()).compareTo(RACY) < 0;
    Entry e = new Entry(mtime, racy);
    entries.put(dir, e);
    Entry parent = dir.getParent() == null ? null : entries.get(dir.getParent());
    if (parent != null) {
      parent.subdirs.add(dir);
    }
    return e;
  }

  /**
   * After a failed listing: keeps every subdirectory known before or found so far, and marks the
   * entry untrusted so the next light scan lists the directory again.
   */
  void distrust(Path dir, Entry before) {
    Entry partial = entries.get(dir);
    Entry e = new Entry(partial.mtime, true);
    e.subdirs.addAll(partial.subdirs);
    if (before != null) {
      e.subdirs.addAll(before.subdirs);
    }
    entries.put(dir, e);
  }

  /** Forgets {@code dirs} and every directory known below them; returns all that were forgotten. */
  Set<Path> removeTrees(Set<Path> dirs) {
    Set<Path> removed = new HashSet<>();
    Deque<Path> todo = new ArrayDeque<>(dirs);
    while (!todo.isEmpty()) {
      Path d = todo.pop();
      if (removed.add(d)) {
        Entry e = entries.remove(d);
        if (e != null) {
          todo.addAll(e.subdirs);
        }
        Entry parent = d.getParent() == null ? null : entries.get(d.getParent());
        if (parent != null) {
          parent.subdirs.remove(d);
        }
      }
    }
    return removed;
  }

  int size() {
    return entries.size();
  }
}
