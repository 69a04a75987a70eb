package io.postflow.lucidlink;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watcher's memory and its one rule: every observation of a file, whether it came from a full
 * scan, a re-check of settling files or a file-system event, goes through {@link #observe}, under
 * one lock, so a version is handed to the listener at most once per process and (through the
 * journal) once across restarts.
 *
 * <p>State per file: the last reported {@link FileVersion} (or the gate's pending entry while it
 * settles). Nothing about contents is ever read, so memory grows with the number of files only.
 */
final class Reconciler {
  private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

  private final Path root;
  private final WatchFilter filter;
  private final SettleGate gate;
  private final ReadyJournal journal;
  private final ReadyListener listener;
  private final Executor executor;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  /** Reported versions by path; the gate holds the files still settling. */
  private final Map<Path, FileVersion> reported = new HashMap<>();
  private final DirectoryIndex index = new DirectoryIndex();
  /** Guarded by the scans' lock; see {@link #rootReachable()}. */
  private boolean rootWasUnreachable;
  private final Lister lister;

  /** How a light scan opens a folder's listing; a seam so tests can make one fail part-way. */
  @FunctionalInterface
  interface Lister {
    DirectoryStream<Path> open(Path dir) throws IOException;
  }

  Reconciler(Path root, WatchFilter filter, SettleGate gate, ReadyJournal journal,
      ReadyListener listener, Executor executor, Clock clock) {
    this(root, filter, gate, journal, listener, executor, clock, Files::newDirectoryStream);
  }

  Reconciler(Path root, WatchFilter filter, SettleGate gate, ReadyJournal journal,
      ReadyListener listener, Executor executor, Clock clock, Lister lister) {
    this.lister = lister;
    this.root = root;
    this.filter = filter;
    this.gate = gate;
    this.journal = journal;
    this.listener = listener;
    this.executor = executor;
    this.clock = clock;
  }

  /**
   * Walks the whole tree, observes every accepted file and forgets files that are gone. A
   * directory that cannot be read keeps its files' state (a flaky mount must not make every file
   * look deleted and then new). Returns the directories that were visited.
   */
  List<Path> fullScan() {
    lock.lock();
    try {
      if (!rootReachable()) {
        return List.of();
      }
      Set<Path> seen = new HashSet<>(reported.size() * 2 + 16);
      List<Path> unreadable = new ArrayList<>();
      List<Path> dirs = new ArrayList<>();
      index.clear(); // rebuilt by the walk; unreadable folders get no entry, so they are relisted
      walk(root, seen, unreadable, dirs);
      sweep(seen, unreadable);
      return dirs;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Lists again only the directories whose mtime changed since they were last listed (new,
   * removed and renamed entries), descending through unchanged ones by their known
   * subdirectories. Files in unchanged directories are not looked at: settling ones are covered
   * by {@link #recheckPending}, files rewritten in place by the next full scan. Returns the
   * directories visited.
   */
  List<Path> lightScan() {
    lock.lock();
    try {
      if (!rootReachable()) {
        return List.of();
      }
      Set<Path> seen = new HashSet<>();
      Set<Path> relisted = new HashSet<>();
      Set<Path> goneDirs = new HashSet<>();
      List<Path> visited = new ArrayList<>();
      Deque<Path> todo = new ArrayDeque<>();
      todo.push(root);
      while (!todo.isEmpty()) {
        Path dir = todo.pop();
        FileTime mtime;
        try {
          mtime = Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
          goneDirs.add(dir);
          continue;
        } catch (IOException e) {
          log.debug("Cannot stat {} ({}); keeping its known files", dir, e.toString());
          continue;
        }
        visited.add(dir);
        DirectoryIndex.Entry before = index.get(dir);
        if (index.unchanged(dir, mtime)) {
          todo.addAll(before.subdirs);
          continue;
        }
        DirectoryIndex.Entry after = index.listed(dir, mtime);
        Listing result = list(dir, after, seen, todo);
        if (result == Listing.GONE) {
          goneDirs.add(dir);
          continue;
        }
        if (result == Listing.FAILED) {
          // Keep its files and subdirectories as known, and list it again next time.
          index.distrust(dir, before);
          if (before != null) {
            before.subdirs.stream().filter(d -> !after.subdirs.contains(d)).forEach(todo::push);
          }
          continue;
        }
        relisted.add(dir);
        if (before != null) {
          before.subdirs.stream().filter(d -> !after.subdirs.contains(d)).forEach(goneDirs::add);
        }
      }
      Set<Path> goneTrees = index.removeTrees(goneDirs);
      List<Path> gone = new ArrayList<>();
      for (Path p : allKnown()) {
        Path parent = p.getParent();
        if (goneTrees.contains(parent) || (relisted.contains(parent) && !seen.contains(p))) {
          gone.add(p);
        }
      }
      gone.forEach(this::forget);
      return visited;
    } finally {
      lock.unlock();
    }
  }

  private enum Listing { OK, GONE, FAILED }

  /**
   * Whether the root can be scanned. An outage (an unmounted filespace) is logged once when it
   * starts and once when it ends, not on every scan: scans may run every second for hours.
   */
  private boolean rootReachable() {
    if (Files.isDirectory(root)) {
      if (rootWasUnreachable) {
        rootWasUnreachable = false;
        log.info("Watched root {} is reachable again", root);
      }
      return true;
    }
    if (!rootWasUnreachable) {
      rootWasUnreachable = true;
      log.warn("Watched root {} is not reachable; keeping what is known until it returns", root);
    }
    return false;
  }

  /**
   * Lists one directory into {@code entry}, observing its files and queueing its subdirectories.
   * Like a full scan, a failure is contained: an entry that cannot be read is skipped and the rest
   * listed, a listing that breaks off part-way keeps what it found; either way the directory is
   * {@link Listing#FAILED}, so its known files are kept and it is listed again next time.
   */
  private Listing list(Path dir, DirectoryIndex.Entry entry, Set<Path> seen, Deque<Path> todo) {
    boolean partial = false;
    try (DirectoryStream<Path> children = lister.open(dir)) {
      for (Path child : children) {
        BasicFileAttributes a;
        try {
          a = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
          continue;
        } catch (IOException e) {
          log.debug("Cannot read {} ({}); keeping its known files", child, e.toString());
          partial = true;
          continue;
        }
        Path rel = root.relativize(child);
        if (a.isDirectory() && filter.acceptsDirectory(rel)) {
          entry.subdirs.add(child);
          todo.push(child);
        } else if (a.isRegularFile() && filter.acceptsFile(rel)) {
          seen.add(child);
          observe(child, a);
        }
      }
      return partial ? Listing.FAILED : Listing.OK;
    } catch (NoSuchFileException e) {
      return Listing.GONE;
    } catch (IOException | DirectoryIteratorException e) {
      // The iterator wraps a read error that happens part-way through in the unchecked
      // DirectoryIteratorException; escaping, it would end the whole light scan.
      log.debug("Listing {} failed ({}); keeping its known files", dir, e.toString());
      return Listing.FAILED;
    }
  }

  private List<Path> allKnown() {
    List<Path> all = new ArrayList<>(reported.keySet());
    all.addAll(gate.pendingPaths());
    return all;
  }

  /** Re-checks the settling files that are due: cheap enough to run several times a second. */
  void recheckPending() {
    lock.lock();
    try {
      for (Path p : gate.duePaths()) {
        observePath(p);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Observes one path named by a file-system event: a file, a new directory (its files are
   * observed) or something deleted (forgotten). Returns the directories walked, if any.
   */
  List<Path> observePath(Path path) {
    lock.lock();
    try {
      BasicFileAttributes attrs;
      try {
        attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        forget(path);
        return List.of();
      } catch (IOException e) {
        log.debug("Cannot stat {} ({}); the next scan will look again", path, e.toString());
        return List.of();
      }
      Path rel = root.relativize(path);
      if (attrs.isDirectory()) {
        List<Path> dirs = new ArrayList<>();
        if (acceptedDirectory(rel)) {
          walk(path, new HashSet<>(), new ArrayList<>(), dirs);
        }
        return dirs;
      }
      if (attrs.isRegularFile() && acceptedDirectory(rel.getParent()) && filter.acceptsFile(rel)) {
        observe(path, attrs);
      }
      return List.of();
    } finally {
      lock.unlock();
    }
  }

  int trackedCount() {
    lock.lock();
    try {
      return reported.size() + gate.pendingCount();
    } finally {
      lock.unlock();
    }
  }

  private void walk(Path start, Set<Path> seen, List<Path> unreadable, List<Path> dirs) {
    try {
      Files.walkFileTree(start, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          if (!dir.equals(root) && !filter.acceptsDirectory(root.relativize(dir))) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          index.listed(dir, attrs.lastModifiedTime()); // mtime read before the listing: safe
          dirs.add(dir);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile() && filter.acceptsFile(root.relativize(file))) {
            seen.add(file);
            observe(file, attrs);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          if (!(e instanceof NoSuchFileException)) {
            log.debug("Cannot read {} ({}); keeping its known files", file, e.toString());
            unreadable.add(file);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
          if (e != null) {
            log.debug("Listing {} failed ({}); keeping its known files", dir, e.toString());
            unreadable.add(dir);
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      log.warn("Scan of {} failed: {}", start, e.toString());
      unreadable.add(start);
    }
  }

  private void sweep(Set<Path> seen, List<Path> unreadable) {
    List<Path> gone = new ArrayList<>();
    for (Path p : reported.keySet()) {
      if (!seen.contains(p) && !under(p, unreadable)) {
        gone.add(p);
      }
    }
    for (Path p : gate.pendingPaths()) {
      if (!seen.contains(p) && !under(p, unreadable)) {
        gone.add(p);
      }
    }
    gone.forEach(this::forget);
  }

  private static boolean under(Path p, List<Path> dirs) {
    for (Path d : dirs) {
      if (p.startsWith(d)) {
        return true;
      }
    }
    return false;
  }

  private boolean acceptedDirectory(Path rel) {
    for (Path d = rel; d != null && !d.toString().isEmpty(); d = d.getParent()) {
      if (!filter.acceptsDirectory(d)) {
        return false;
      }
    }
    return true;
  }

  private void forget(Path path) {
    if (reported.remove(path) != null) {
      log.debug("{} was removed after it was reported", path);
    }
    gate.forget(path);
  }

  /**
   * Judges one file, containing any failure to it: a journal or evidence that throws for one path
   * must not end the scan (every file listed after it would never be looked at). The file keeps
   * its state and is judged again on the next look.
   */
  private void observe(Path file, BasicFileAttributes attrs) {
    try {
      judge(file, attrs);
    } catch (RuntimeException e) {
      log.warn("Cannot judge {}; it will be looked at again", file, e);
    }
  }

  private void judge(Path file, BasicFileAttributes attrs) {
    Instant mtime = attrs.lastModifiedTime().toInstant();
    FileVersion known = reported.get(file);
    if (known != null && known.size() == attrs.size() && known.lastModified().equals(mtime)) {
      return; // the common case of a steady-state scan: nothing changed, nothing to build
    }
    FileVersion v = FileVersion.of(file, attrs.size(), mtime);
    if (journal.alreadyReported(v)) {
      reported.put(file, v); // handled before a restart
      gate.forget(file);
      return;
    }
    reported.remove(file); // a new version: it has to settle again
    SettleGate.Verdict verdict = gate.check(v);
    if (verdict != SettleGate.Verdict.READY) {
      log.trace("{}: {}", file, verdict);
      return;
    }
    reported.put(file, v);
    deliver(ReadyFile.of(v, root, clock.instant()));
  }

  private void deliver(ReadyFile ready) {
    log.debug("Ready: {} ({} bytes)", ready.path(), ready.version().size());
    Runnable call = () -> {
      try {
        listener.onReady(ready);
      } catch (RuntimeException e) {
        log.warn("Ready listener failed for {}; the file still counts as reported", ready.path(), e);
      }
      try {
        journal.markReported(ready.version());
      } catch (RuntimeException e) {
        log.error("Cannot record {} in the journal; it may be reported again after a restart",
            ready.path(), e);
      }
    };
    try {
      executor.execute(call);
    } catch (RejectedExecutionException e) {
      // The caller's executor is shut down: forget the version so a later scan offers it again.
      log.warn("Listener executor rejected {}; it will be offered again", ready.path());
      reported.remove(ready.path());
    }
  }
}
