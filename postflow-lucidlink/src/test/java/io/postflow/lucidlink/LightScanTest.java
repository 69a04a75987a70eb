package io.postflow.lucidlink;

import io.postflow.testkit.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
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
