package io.postflow.lucidlink;

import java.time.Instant;
import io.postflow.testkit.ManualClock;
import io.postflow.testkit.ManualTime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher driven step by step: {@code scanNow()} and a fake clock, no events, no sleeping.
 * Settle time is 10 s throughout.
 */
class DirectoryWatcherTest {
  private static final Duration SETTLE = Duration.ofSeconds(10);

  @TempDir Path root;
  private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  private final ReadyRecorder ready = new ReadyRecorder();

  private SettleGate gate(SyncEvidence evidence) {
    return SettleGate.builder().settleTime(SETTLE).clock(clock).syncEvidence(evidence).build();
  }

  private DirectoryWatcher.Builder watcher() {
    return DirectoryWatcher.builder().root(root).settleGate(gate(SyncEvidence.NONE))
        .fileEvents(false).listener(ready);
  }

  private void scanAfter(DirectoryWatcher w, long seconds) {
    clock.advance(Duration.ofSeconds(seconds));
    w.scanNow();
  }

  private static void append(Path file, int bytes) throws IOException {
    Files.write(file, new byte[bytes], StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void scan_whenSlowWriterAddsChunks_reportsOnceAfterLastChunkSettles() throws IOException {
    DirectoryWatcher w = watcher().build();
    Path file = root.resolve("A001_render.mov");
    append(file, 1000);
    w.scanNow();
    for (int chunk = 0; chunk < 4; chunk++) {
      clock.advance(Duration.ofSeconds(6)); // less than the settle time between chunks
      append(file, 1000);
      w.scanNow();
      assertThat(ready.files()).as("after chunk %d", chunk).isEmpty();
    }
    scanAfter(w, 6);
    assertThat(ready.files()).isEmpty(); // 6 s since the last change: not yet
    scanAfter(w, 4);
    assertThat(ready.files()).singleElement().satisfies(f -> {
      assertThat(f.path()).isEqualTo(file);
      assertThat(f.version().size()).isEqualTo(5000);
      assertThat(f.relativePath()).isEqualTo(Path.of("A001_render.mov"));
      assertThat(f.readyAt()).isEqualTo(clock.instant());
    });
    scanAfter(w, 60);
    scanAfter(w, 60);
    assertThat(ready.files()).hasSize(1);
  }

  @Test
  void clock_timesTheDefaultGate_andMustAgreeWithAGivenGate() throws IOException {
    ManualTime time = ManualTime.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
    DirectoryWatcher w = DirectoryWatcher.builder().root(root).clock(time.clock()).fileEvents(false)
        .listener(ready).build();
    Path file = root.resolve("A001_render.mov");
    append(file, 1000);
    w.scanNow();
    time.advance(Duration.ofSeconds(9));
    w.scanNow();
    assertThat(ready.files()).as("the default gate settles for 10 s").isEmpty();
    time.advance(Duration.ofSeconds(1));
    w.scanNow();
    assertThat(ready.files()).singleElement().satisfies(f -> assertThat(f.readyAt()).isEqualTo(time.now()));

    assertThatThrownBy(() -> watcher().clock(time.clock()).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'clock'");
    assertThat(watcher().clock(clock).build()).isNotNull();
  }

  @Test
  void scan_whenZeroBytePlaceholderFillsLater_reportsOnlyTheFilledFile() throws IOException {
    DirectoryWatcher w = watcher().build();
    Path file = root.resolve("from_other_machine.mxf");
    Files.createFile(file);
    w.scanNow();
    scanAfter(w, 30);
    scanAfter(w, 300);
    assertThat(ready.files()).as("a 0-byte placeholder is never ready").isEmpty();

    append(file, 4096);
    scanAfter(w, 1);
    assertThat(ready.files()).isEmpty();
    scanAfter(w, 10);
    assertThat(ready.files()).singleElement()
        .satisfies(f -> assertThat(f.version().size()).isEqualTo(4096));
  }

  @Test
  void scan_whenFileIsRenamedIntoPlace_reportsOnlyTheFinalName() throws IOException {
    DirectoryWatcher w = watcher().build();
    Path part = root.resolve("shot_010.mov.part");
    append(part, 2048);
    w.scanNow();
    scanAfter(w, 60);
    assertThat(ready.files()).isEmpty();

    Path done = Files.move(part, root.resolve("shot_010.mov"), StandardCopyOption.ATOMIC_MOVE);
    scanAfter(w, 1);
    scanAfter(w, 10);
    assertThat(ready.paths()).containsExactly(done);
  }

  @Test
  void scan_whenCopiedUnderTempNameThenRenamed_reportsOnceWithFullSize(@TempDir Path elsewhere)
      throws IOException {
    Path source = elsewhere.resolve("source.mov");
    append(source, 10_000);
    DirectoryWatcher w = watcher().build();
    Path tmp = Files.copy(source, root.resolve("copy.mov.tmp"));
    w.scanNow();
    Path done = Files.move(tmp, root.resolve("copy.mov"), StandardCopyOption.ATOMIC_MOVE);
    scanAfter(w, 1);
    scanAfter(w, 10);
    scanAfter(w, 10);
    assertThat(ready.files()).singleElement().satisfies(f -> {
      assertThat(f.path()).isEqualTo(done);
      assertThat(f.version().size()).isEqualTo(10_000);
    });
  }

  @Test
  void scan_whenRootIsASymbolicLinkToTheFolder_reportsItsFiles(@TempDir Path elsewhere) throws IOException {
    // Studios often configure a convenience link (/mnt/renders -> /media/studio/fs/renders).
    // Before the fix the full scan did not follow the root link and reported nothing, ever.
    Path real = Files.createDirectories(elsewhere.resolve("renders"));
    Path link = Files.createSymbolicLink(root.resolve("renders-link"), real);
    append(real.resolve("shot_020.mov"), 3000);
    DirectoryWatcher w = DirectoryWatcher.builder().root(link).settleGate(gate(SyncEvidence.NONE))
        .fileEvents(false).listener(ready).build();
    w.scanNow();
    scanAfter(w, 10);
    assertThat(ready.files()).singleElement().satisfies(f -> {
      assertThat(f.relativePath()).isEqualTo(Path.of("shot_020.mov"));
      assertThat(f.version().size()).isEqualTo(3000);
    });
    scanAfter(w, 30);
    assertThat(ready.files()).hasSize(1);
  }

  @Test
  void scan_whenTheJournalFailsForSomeFiles_stillReportsAllTheOthers() throws IOException {
    // A pipeline's own journal (a database, say) that cannot handle some paths. Before the fix
    // its exception ended the whole scan at the first such file: every file listed after it was
    // never looked at, scan after scan.
    ReadyJournal memory = ReadyJournal.inMemory();
    ReadyJournal picky = new ReadyJournal() {
      @Override
      public boolean alreadyReported(FileVersion version) {
        if (version.path().getFileName().toString().startsWith("bad")) {
          throw new IllegalStateException("journal cannot store " + version.path().getFileName());
        }
        return memory.alreadyReported(version);
      }

      @Override
      public void markReported(FileVersion version) {
        memory.markReported(version);
      }
    };
    List<Path> good = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      append(root.resolve("bad_" + i + ".mov"), 100);
      Path g = root.resolve("good_" + i + ".mov");
      append(g, 100);
      good.add(g);
    }
    DirectoryWatcher w = watcher().journal(picky).build();
    w.scanNow();
    scanAfter(w, 10);
    assertThat(ready.paths()).containsExactlyInAnyOrderElementsOf(good);
    scanAfter(w, 10);
    assertThat(ready.paths()).hasSize(10);
  }

  @Test
  void scan_whenFileDeletedBeforeSettling_dropsItQuietly() throws IOException {
    DirectoryWatcher w = watcher().build();
    Path file = root.resolve("abandoned.mov");
    append(file, 100);
    w.scanNow();
    assertThat(w.trackedCount()).isEqualTo(1);
    Files.delete(file);
    scanAfter(w, 5);
    scanAfter(w, 10);
    assertThat(ready.files()).isEmpty();
    assertThat(w.trackedCount()).isZero();
  }

  @Test
  void scan_whenFileModifiedAfterReport_reportsTheNewVersionOnce() throws IOException {
    DirectoryWatcher w = watcher().build();
    Path file = root.resolve("grade.dpx");
    Files.write(file, new byte[] {1, 2, 3});
    Files.setLastModifiedTime(file, FileTime.from(clock.instant().minusSeconds(100)));
    w.scanNow();
    scanAfter(w, 10);
    assertThat(ready.files()).hasSize(1);

    // Same size, new content: only the mtime tells, and that is enough.
    Files.write(file, new byte[] {9, 9, 9});
    Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
    scanAfter(w, 1);
    scanAfter(w, 10);
    scanAfter(w, 10);
    assertThat(ready.files()).hasSize(2);
    assertThat(ready.files().get(0).version()).isNotEqualTo(ready.files().get(1).version());
    assertThat(ready.files().get(1).version().size()).isEqualTo(3);
  }

  @Test
  void scan_whenDirectoriesAreCreatedAndRemoved_followsThem() throws IOException {
    DirectoryWatcher w = watcher().build();
    Path deep = Files.createDirectories(root.resolve("SC03/UNDLM_00042/v002"));
    Path file = deep.resolve("UNDLM_00042_v002.mov");
    append(file, 500);
    w.scanNow();
    scanAfter(w, 10);
    assertThat(ready.files()).singleElement()
        .satisfies(f -> assertThat(f.relativePath()).isEqualTo(Path.of("SC03/UNDLM_00042/v002/UNDLM_00042_v002.mov")));

    deleteTree(root.resolve("SC03"));
    scanAfter(w, 1);
    assertThat(w.trackedCount()).isZero();

    Files.createDirectories(deep);
    append(file, 700);
    scanAfter(w, 1);
    scanAfter(w, 10);
    assertThat(ready.files()).hasSize(2);
    assertThat(ready.files().get(1).version().size()).isEqualTo(700);
  }

  @Test
  void scan_whenWatcherRestartsMidway_reportsEachVersionExactlyOnceAcrossBoth(@TempDir Path state)
      throws IOException {
    Path journalFile = state.resolve("seen.journal");
    Path a = root.resolve("a.mov");
    Path b = root.resolve("b.mov");
    Path c = root.resolve("c.mov");
    append(a, 10);
    DirectoryWatcher first = watcher().journal(ReadyJournal.durable(journalFile)).build();
    first.scanNow();
    scanAfter(first, 10);
    append(b, 10); // b is still settling when the first watcher stops
    scanAfter(first, 1);
    first.close();
    assertThat(ready.paths()).containsExactly(a);

    append(c, 10); // arrives while nothing watches
    DirectoryWatcher second = watcher().journal(ReadyJournal.durable(journalFile)).build();
    scanAfter(second, 1);
    scanAfter(second, 10);
    scanAfter(second, 10);
    assertThat(ready.paths()).containsExactlyInAnyOrder(a, b, c);
    second.close();
  }

  @Test
  void recheck_withoutFullScan_reportsDueFilesAndDropsDeletedOnes() throws IOException {
    DirectoryWatcher w = watcher().build();
    Path kept = root.resolve("kept.mov");
    Path gone = root.resolve("gone.mov");
    append(kept, 10);
    append(gone, 10);
    w.scanNow();
    clock.advance(Duration.ofSeconds(9));
    w.recheckNow();
    assertThat(ready.files()).isEmpty();
    Files.delete(gone);
    clock.advance(Duration.ofSeconds(1));
    w.recheckNow();
    assertThat(ready.paths()).containsExactly(kept);
    assertThat(w.trackedCount()).isEqualTo(1);
  }

  @Test
  void scan_whenNothingChanges_reportsNothingMore() throws IOException {
    for (int i = 0; i < 50; i++) {
      append(Files.createDirectories(root.resolve("d" + (i % 5))).resolve("f" + i + ".exr"), i + 1);
    }
    DirectoryWatcher w = watcher().build();
    w.scanNow();
    scanAfter(w, 10);
    assertThat(ready.files()).hasSize(50);
    for (int i = 0; i < 5; i++) {
      scanAfter(w, 30);
    }
    assertThat(ready.files()).hasSize(50);
    assertThat(ready.paths()).doesNotHaveDuplicates();
  }

  @Test
  void scan_ignoresTemporarySidecarAndHiddenNames() throws IOException {
    Files.createDirectories(root.resolve(".hidden"));
    for (String name : List.of("x.part", "x.tmp", "x.mov~", ".~lock.edit.odt#", "._x.mov",
        ".DS_Store", ".hidden/inside.mov", "real.mov")) {
      append(root.resolve(name), 10);
    }
    DirectoryWatcher w = watcher().build();
    w.scanNow();
    scanAfter(w, 10);
    assertThat(ready.paths()).containsExactly(root.resolve("real.mov"));
  }

  @Test
  void scan_appliesExtensionAndGlobFilters() throws IOException {
    Files.createDirectories(root.resolve("renders/cache"));
    append(root.resolve("renders/a.MOV"), 1);
    append(root.resolve("renders/b.mxf"), 1);
    append(root.resolve("renders/c.txt"), 1);
    append(root.resolve("renders/cache/d.mov"), 1);
    append(root.resolve("e.mov"), 1);
    WatchFilter filter = WatchFilter.builder().addExtensions("mov", ".mxf")
        .addInclude("renders/**").addExclude("**/cache").build();
    DirectoryWatcher w = watcher().filter(filter).build();
    w.scanNow();
    scanAfter(w, 10);
    assertThat(ready.paths()).containsExactlyInAnyOrder(
        root.resolve("renders/a.MOV"), root.resolve("renders/b.mxf"));
  }

  @Test
  void scan_whenLucidLinkSaysSyncing_waitsUntilItSaysOtherwise() throws IOException {
    List<SyncEvidence.State> answers = new ArrayList<>(List.of(
        SyncEvidence.State.SYNCING, SyncEvidence.State.SYNCING, SyncEvidence.State.UNKNOWN));
    DirectoryWatcher w = watcher().settleGate(gate(f -> answers.remove(0))).build();
    append(root.resolve("remote.mov"), 10);
    w.scanNow();
    scanAfter(w, 10);
    scanAfter(w, 10);
    assertThat(ready.files()).isEmpty();
    scanAfter(w, 10);
    assertThat(ready.files()).hasSize(1);
    assertThat(answers).isEmpty();
  }

  @Test
  void scan_whenListenerThrows_stillCountsTheVersionAsReported() throws IOException {
    List<Path> calls = new ArrayList<>();
    DirectoryWatcher w = watcher().listener(f -> {
      calls.add(f.path());
      throw new IllegalStateException("listener bug");
    }).build();
    append(root.resolve("x.mov"), 1);
    w.scanNow();
    scanAfter(w, 10);
    scanAfter(w, 10);
    assertThat(calls).hasSize(1);
  }

  @Test
  void scan_runsTheListenerOnTheGivenExecutor() throws IOException {
    List<Runnable> queued = new ArrayList<>();
    DirectoryWatcher w = watcher().executor(queued::add).build();
    append(root.resolve("x.mov"), 1);
    w.scanNow();
    scanAfter(w, 10);
    assertThat(queued).hasSize(1);
    assertThat(ready.files()).as("not until the executor runs it").isEmpty();
    queued.get(0).run();
    assertThat(ready.files()).hasSize(1);
  }

  @Test
  void scan_whenExecutorRejects_offersTheVersionAgainNextScan() throws IOException {
    List<Runnable> accepted = new ArrayList<>();
    boolean[] reject = {true};
    DirectoryWatcher w = watcher().executor(r -> {
      if (reject[0]) {
        throw new RejectedExecutionException("shutting down");
      }
      accepted.add(r);
    }).build();
    append(root.resolve("x.mov"), 1);
    w.scanNow();
    scanAfter(w, 10);
    assertThat(accepted).isEmpty();
    reject[0] = false;
    scanAfter(w, 1); // seen again, settles again
    scanAfter(w, 10);
    scanAfter(w, 10);
    assertThat(accepted).hasSize(1);
  }

  @Test
  void scan_whenRootTemporarilyUnreachable_keepsStateAndDoesNotReReport(@TempDir Path parent)
      throws IOException {
    Path mount = Files.createDirectories(parent.resolve("mount"));
    DirectoryWatcher w = watcher().root(mount).build();
    append(mount.resolve("x.mov"), 5);
    w.scanNow();
    scanAfter(w, 10);
    Path away = Files.move(mount, parent.resolve("unmounted"));
    scanAfter(w, 10);
    assertThat(w.trackedCount()).isEqualTo(1);
    Files.move(away, mount);
    scanAfter(w, 10);
    scanAfter(w, 10);
    assertThat(ready.files()).hasSize(1);
  }

  @Test
  void build_whenRootMissingOrListenerMissing_namesTheSetting() {
    assertThatThrownBy(() -> DirectoryWatcher.builder().root(root.resolve("nope")).listener(ready).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'root'");
    assertThatThrownBy(() -> DirectoryWatcher.builder().root(root).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'listener'");
    assertThatThrownBy(() -> watcher().scanInterval(Duration.ZERO).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'scanInterval'");
    assertThatThrownBy(() -> watcher().pendingCheckInterval(Duration.ofMillis(1)).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'pendingCheckInterval'");
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
