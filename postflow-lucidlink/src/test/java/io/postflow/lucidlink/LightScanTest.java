package io.postflow.lucidlink;

import io.postflow.testkit.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.ConfigurationException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Light scans: only directories whose mtime changed are listed again. Directory mtimes are set
 * by hand to an old time, so "unchanged" does not depend on timestamp granularity or on the
 * racy-listing guard (tested separately).
 */
class LightScanTest {
  private static final FileTime OLD = FileTime.from(Instant.now().minus(Duration.ofMinutes(10)));

  @TempDir Path root;
  private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  private final ReadyRecorder ready = new ReadyRecorder();

  private DirectoryWatcher watcher() {
    return DirectoryWatcher.builder().root(root).fileEvents(false).listener(ready)
        .settleGate(SettleGate.builder().settleTime(Duration.ofSeconds(10)).clock(clock).build())
        .build();
  }

  /** A tree of settled, reported files whose directories all carry an old mtime. */
  private DirectoryWatcher settledTree() throws IOException {
    for (String dir : new String[] {"SC01/a", "SC01/b", "SC02/c"}) {
      Path d = Files.createDirectories(root.resolve(dir));
      Files.write(d.resolve("f.mov"), new byte[10]);
    }
    ageDirectories();
    DirectoryWatcher w = watcher();
    w.scanNow();
    clock.advance(Duration.ofSeconds(10));
    w.scanNow();
    assertThat(ready.files()).hasSize(3);
    return w;
  }

  private void ageDirectories() throws IOException {
    try (var s = Files.walk(root)) {
      for (Path d : s.filter(Files::isDirectory).toList()) {
        Files.setLastModifiedTime(d, OLD);
      }
    }
  }

  @Test
  void lightScan_findsANewFileDeepInAnUnchangedTree() throws IOException {
    DirectoryWatcher w = settledTree();
    Path added = root.resolve("SC02/c/new.mov");
    Files.write(added, new byte[5]); // changes SC02/c's mtime only
    w.lightScanNow();
    clock.advance(Duration.ofSeconds(10));
    w.recheckNow();
    assertThat(ready.paths()).hasSize(4).contains(added);
  }

  @Test
  void lightScan_forgetsFilesOfRemovedDirectoriesAndRemovedFiles() throws IOException {
    DirectoryWatcher w = settledTree();
    DirectoryWatcherTest.deleteTree(root.resolve("SC01"));
    Files.delete(root.resolve("SC02/c/f.mov"));
    w.lightScanNow();
    assertThat(w.trackedCount()).isZero();
  }

  @Test
  void lightScan_doesNotSeeAFileRewrittenInPlace_butTheNextFullScanDoes() throws IOException {
    DirectoryWatcher w = settledTree();
    Path file = root.resolve("SC01/a/f.mov");
    Files.write(file, new byte[99], StandardOpenOption.APPEND);
    Files.setLastModifiedTime(file.getParent(), OLD);
    w.lightScanNow();
    clock.advance(Duration.ofSeconds(10));
    w.lightScanNow();
    w.recheckNow();
    assertThat(ready.files()).as("by design: the folder did not change").hasSize(3);
    w.scanNow();
    clock.advance(Duration.ofSeconds(10));
    w.scanNow();
    assertThat(ready.files()).hasSize(4);
    assertThat(ready.files().get(3).version().size()).isEqualTo(109);
  }

  @Test
  void lightScan_relistsAFolderListedTooSoonAfterItsLastChange() throws IOException {
    Path dir = Files.createDirectories(root.resolve("SC01"));
    Files.setLastModifiedTime(root, OLD);
    DirectoryWatcher w = watcher();
    w.scanNow(); // SC01's mtime is "now": the listing is racy and not trusted
    FileTime sameTick = Files.getLastModifiedTime(dir);
    Files.write(dir.resolve("same_tick.mov"), new byte[5]);
    Files.setLastModifiedTime(dir, sameTick); // as a coarse-timestamp file system would leave it
    w.lightScanNow();
    clock.advance(Duration.ofSeconds(10));
    w.recheckNow();
    assertThat(ready.paths()).containsExactly(dir.resolve("same_tick.mov"));
  }

  /**
   * A reconciler whose light scans list folders through {@code lister}: tests run as root, where
   * chmod 000 denies nothing, so unreadable folders are simulated at the listing seam.
   */
  private Reconciler reconciler(Reconciler.Lister lister) {
    return new Reconciler(root, WatchFilter.acceptAll(),
        SettleGate.builder().settleTime(Duration.ofSeconds(10)).clock(clock).build(), ReadyJournal.inMemory(),
        ready, Runnable::run, clock, lister);
  }

  /** Three settled, reported files, then one new file in each folder; all folders carry old mtimes. */
  private Reconciler settledThenAdded(Reconciler.Lister lister) throws IOException {
    Reconciler r = reconciler(lister);
    for (String dir : new String[] {"SC01/a", "SC01/b", "SC02/c"}) {
      Files.write(Files.createDirectories(root.resolve(dir)).resolve("f.mov"), new byte[10]);
    }
    ageDirectories();
    r.fullScan();
    clock.advance(Duration.ofSeconds(10));
    r.fullScan();
    assertThat(ready.files()).hasSize(3);
    for (String dir : new String[] {"SC01/a", "SC01/b", "SC02/c"}) {
      Path d = root.resolve(dir);
      Files.write(d.resolve("new.mov"), new byte[5]);
      Files.setLastModifiedTime(d, FileTime.from(OLD.toInstant().plusSeconds(60))); // changed, not racy
    }
    return r;
  }

  private static DirectoryStream<Path> streamOf(Iterator<Path> entries) {
    return new DirectoryStream<>() {
      @Override
      public Iterator<Path> iterator() {
        return entries;
      }

      @Override
      public void close() {}
    };
  }

  @Test
  void lightScan_whenAFolderBreaksOffPartWay_scansTheRest_keepsItsFiles_andRetriesItNextTime()
      throws IOException {
    // Before the fix the unchecked DirectoryIteratorException escaped and ended the light scan.
    Path broken = root.resolve("SC01/a");
    Set<Path> failing = new HashSet<>(Set.of(broken));
    Reconciler r = settledThenAdded(dir -> failing.contains(dir) ? streamOf(new Iterator<>() {
      @Override
      public boolean hasNext() {
        throw new DirectoryIteratorException(new AccessDeniedException(dir.toString()));
      }

      @Override
      public Path next() {
        throw new NoSuchElementException();
      }
    }) : Files.newDirectoryStream(dir));

    r.lightScan();
    clock.advance(Duration.ofSeconds(10));
    r.recheckPending();
    assertThat(ready.paths()).hasSize(5)
        .contains(root.resolve("SC01/b/new.mov"), root.resolve("SC02/c/new.mov"));
    assertThat(r.trackedCount()).as("SC01/a/f.mov is kept").isEqualTo(5);

    failing.clear();
    r.lightScan();
    clock.advance(Duration.ofSeconds(10));
    r.recheckPending();
    assertThat(ready.paths()).hasSize(6).contains(broken.resolve("new.mov"));
  }

  @Test
  void lightScan_whenOneEntryCannotBeRead_listsItsSiblings_andRetriesTheFolderNextTime() throws IOException {
    // Before the fix one unreadable entry failed its whole folder: the siblings listed after it
    // were not looked at, and never would be while it stayed unreadable.
    Path folder = root.resolve("SC01/b");
    Path unreadable = folder.resolve("x".repeat(300)); // lstat fails: name too long, not "no such file"
    AtomicInteger opens = new AtomicInteger();
    Reconciler r = settledThenAdded(dir -> {
      if (!dir.equals(folder)) {
        return Files.newDirectoryStream(dir);
      }
      opens.incrementAndGet();
      List<Path> entries = new ArrayList<>(List.of(unreadable));
      try (DirectoryStream<Path> real = Files.newDirectoryStream(dir)) {
        real.forEach(entries::add);
      }
      return streamOf(entries.iterator());
    });

    r.lightScan();
    clock.advance(Duration.ofSeconds(10));
    r.recheckPending();
    assertThat(ready.paths()).hasSize(6).contains(folder.resolve("new.mov"));
    assertThat(r.trackedCount()).isEqualTo(6);
    r.lightScan();
    assertThat(opens).as("the folder is listed again").hasValue(2);
  }

  @Test
  void start_withFullScanEvery_findsNewFilesThroughLightScans() throws Exception {
    try (DirectoryWatcher w = DirectoryWatcher.builder().root(root).fileEvents(false).listener(ready)
        .settleGate(SettleGate.builder().settleTime(Duration.ofMillis(50)).build())
        .scanInterval(Duration.ofMillis(30)).fullScanEvery(1000).build()) {
      w.start();
      Files.write(Files.createDirectories(root.resolve("x/y")).resolve("z.mov"), new byte[3]);
      assertThat(ready.awaitCount(1, 5000)).isTrue();
    }
  }

  @Test
  void build_rejectsFullScanEveryOutOfRange() {
    assertThatThrownBy(() -> DirectoryWatcher.builder().root(root).listener(ready).fullScanEvery(0).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'fullScanEvery'");
  }
}
