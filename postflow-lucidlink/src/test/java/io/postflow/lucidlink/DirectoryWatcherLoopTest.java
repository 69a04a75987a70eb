package io.postflow.lucidlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduled loop on the real clock, with short intervals (well under a second each). */
class DirectoryWatcherLoopTest {
  @TempDir Path root;
  private final ReadyRecorder ready = new ReadyRecorder();

  @Test
  void start_withEventsAndNoScans_reportsFilesInDirectoriesCreatedAfterStart() throws Exception {
    try (DirectoryWatcher w = DirectoryWatcher.builder().root(root).listener(ready)
        .settleGate(settle(200)).pendingCheckInterval(Duration.ofMillis(50))
        .scanInterval(Duration.ofHours(1)) // only the first scan: later files come from events
        .build()) {
      w.start();
      waitUntil(() -> w.watchedDirectoryCount() == 1);
      Path sub = Files.createDirectories(root.resolve("SC01"));
      waitUntil(() -> w.watchedDirectoryCount() == 2);
      Files.write(sub.resolve("a.mov"), new byte[100]);
      assertThat(ready.awaitCount(1, 5000)).as("reported through events").isTrue();
      assertThat(ready.paths()).containsExactly(sub.resolve("a.mov"));
    }
  }

  @Test
  void start_withEvents_stopsWatchingDirectoriesThatAreRemoved() throws Exception {
    try (DirectoryWatcher w = DirectoryWatcher.builder().root(root).listener(ready)
        .settleGate(settle(100)).scanInterval(Duration.ofHours(1)).build()) {
      Path sub = Files.createDirectories(root.resolve("SC02/shots"));
      w.start();
      waitUntil(() -> w.watchedDirectoryCount() == 3);
      DirectoryWatcherTest.deleteTree(root.resolve("SC02"));
      waitUntil(() -> w.watchedDirectoryCount() == 1);
      Files.createDirectories(sub);
      waitUntil(() -> w.watchedDirectoryCount() == 3);
      Files.write(sub.resolve("again.mov"), new byte[5]);
      assertThat(ready.awaitCount(1, 5000)).isTrue();
    }
  }

  @Test
  void start_withoutEvents_findsNewFilesByScanning() throws Exception {
    try (DirectoryWatcher w = DirectoryWatcher.builder().root(root).listener(ready).fileEvents(false)
        .settleGate(settle(100)).scanInterval(Duration.ofMillis(50)).build()) {
      w.start();
      Files.write(root.resolve("b.mov"), new byte[10]);
      assertThat(ready.awaitCount(1, 5000)).isTrue();
      assertThat(w.watchedDirectoryCount()).isZero();
    }
    assertThat(ready.files()).hasSize(1);
  }

  @Test
  void close_leavesCallerSchedulerRunning_andStartTwiceIsRefused() throws Exception {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      DirectoryWatcher w = DirectoryWatcher.builder().root(root).listener(ready)
          .scheduler(scheduler).settleGate(settle(0)).scanInterval(Duration.ofMillis(20)).build();
      w.start();
      assertThatThrownBy(w::start).isInstanceOf(IllegalStateException.class);
      Files.write(root.resolve("c.mov"), new byte[1]);
      assertThat(ready.awaitCount(1, 5000)).isTrue();
      assertThat(ready.threads().get(0).getName()).doesNotStartWith("postflow-watcher");
      w.close();
      w.close();
      assertThat(scheduler.isShutdown()).isFalse();
    } finally {
      scheduler.shutdownNow();
      assertThat(scheduler.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static SettleGate settle(long millis) {
    return SettleGate.builder().settleTime(Duration.ofMillis(millis)).build();
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
