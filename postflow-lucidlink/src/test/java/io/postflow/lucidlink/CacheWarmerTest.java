package io.postflow.lucidlink;

import java.time.Instant;
import io.postflow.testkit.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.ConfigurationException;
import io.postflow.api.LocalFileException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheWarmerTest {
  private static final int MIB = 1 << 20;
  @TempDir Path dir;
  private CacheWarmer warmer;

  /** The warm-ups' threads, so a test can see them park instead of sleeping and hoping. */
  private final WatchedThreads threads = new WatchedThreads();

  @AfterEach
  void close() {
    if (warmer != null) {
      warmer.close();
    }
    threads.shutdownNow();
  }

  /** A thread pool whose threads the test can inspect. */
  private static final class WatchedThreads implements java.util.concurrent.Executor {
    private final java.util.List<Thread> created = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ExecutorService pool = Executors.newCachedThreadPool(task -> {
      Thread t = new Thread(task, "warm-test-" + created.size());
      t.setDaemon(true);
      created.add(t);
      return t;
    });

    @Override
    public void execute(Runnable task) {
      pool.execute(task);
    }

    int started() {
      return created.size();
    }

    /** Every thread that has started is blocked waiting (for the reader, or for a slot). */
    boolean allParked() {
      return !created.isEmpty() && created.stream().allMatch(t -> t.getState() == Thread.State.WAITING
          || t.getState() == Thread.State.TIMED_WAITING);
    }

    void shutdownNow() {
      pool.shutdownNow();
    }
  }

  private Path sparse(String name, long size) throws Exception {
    Path file = dir.resolve(name);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(size);
    }
    return file;
  }

  @Test
  void warm_readsTheWholeFile_andReportsBytesAndThroughput() throws Exception {
    ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    Path file = sparse("big.mov", 256L * MIB);
    warmer = CacheWarmer.builder().clock(clock).build();
    WarmHandle h = warmer.warm(file);
    WarmProgress done = h.completion().get(20, TimeUnit.SECONDS);
    assertThat(done.method()).isEqualTo(WarmProgress.Method.READ);
    assertThat(done.bytesWarmed()).isEqualTo(256L * MIB);
    assertThat(done.totalBytes()).isEqualTo(256L * MIB);
    assertThat(done.done()).isTrue();
    clock.advance(Duration.ofSeconds(100));
    assertThat(h.progress().elapsed()).as("frozen once finished").isEqualTo(done.elapsed());
  }

  @Test
  void warm_measuresThroughputOnTheClock() throws Exception {
    ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    Path file = sparse("a.mov", 8L * MIB);
    warmer = CacheWarmer.builder().clock(clock).maxAhead(4L * MIB).build();
    WarmHandle h = warmer.warm(file);
    await(() -> h.progress().bytesWarmed() == 4L * MIB);
    clock.advance(Duration.ofSeconds(2));
    assertThat(h.progress().bytesPerSecond()).isEqualTo(2L * MIB);
    h.cancel();
  }

  @Test
  void warm_staysWithinMaxAheadOfTheReader() throws Exception {
    Path file = sparse("a.mov", 10L * MIB);
    warmer = CacheWarmer.builder().bufferSize(MIB).maxAhead(2L * MIB).executor(threads).build();
    WarmHandle h = warmer.warm(file);
    // Parked (its thread waits) with 2 MiB read: stopped at the distance, not merely slow.
    await(() -> h.progress().bytesWarmed() == 2L * MIB && threads.allParked());
    assertThat(h.progress().bytesWarmed()).as("paused at the distance").isEqualTo(2L * MIB);
    h.advanceReader(5L * MIB);
    await(() -> h.progress().bytesWarmed() == 7L * MIB && threads.allParked());
    h.advanceReader(3L * MIB); // backwards: ignored
    await(threads::allParked);
    assertThat(h.progress().bytesWarmed()).isEqualTo(7L * MIB);
    h.advanceReader(10L * MIB);
    assertThat(h.completion().get(5, TimeUnit.SECONDS).bytesWarmed()).isEqualTo(10L * MIB);
  }

  @Test
  void advanceReader_toLongMaxValue_liftsTheLimit_andTheWarmUpFinishesAndFreesItsSlot() throws Exception {
    // An uploader that is done (or wants no limit any more) may say so with Long.MAX_VALUE.
    // Before the fix 'readerPosition + maxAhead' overflowed and the warm-up waited forever,
    // holding its slot, so no other file could be warmed.
    Path first = sparse("a.mov", 4L * MIB);
    Path second = sparse("b.mov", 2L * MIB);
    warmer = CacheWarmer.builder().concurrency(1).bufferSize(MIB).maxAhead(MIB).build();
    WarmHandle a = warmer.warm(first);
    await(() -> a.progress().bytesWarmed() == MIB);
    a.advanceReader(Long.MAX_VALUE);
    assertThat(a.completion().get(5, TimeUnit.SECONDS).bytesWarmed()).isEqualTo(4L * MIB);
    WarmHandle b = warmer.warm(second);
    b.advanceReader(Long.MAX_VALUE);
    assertThat(b.completion().get(5, TimeUnit.SECONDS).bytesWarmed()).isEqualTo(2L * MIB);
  }

  @Test
  void cancel_stopsAPausedWarmUp_andFreesItsSlotForTheNext() throws Exception {
    Path first = sparse("a.mov", 10L * MIB);
    Path second = sparse("b.mov", 3L * MIB);
    warmer = CacheWarmer.builder().concurrency(1).maxAhead(MIB).executor(threads).build();
    WarmHandle a = warmer.warm(first);
    await(() -> a.progress().bytesWarmed() == MIB);
    WarmHandle b = warmer.warm(second);
    b.advanceReader(Long.MAX_VALUE / 2);
    // Both threads parked: a at its distance, b waiting for the only slot with nothing read.
    await(() -> threads.started() == 2 && threads.allParked());
    assertThat(b.progress().bytesWarmed()).as("waits for the only slot").isZero();

    assertThat(a.completion().cancel(true)).isTrue(); // cancelling the future cancels the warm-up
    assertThat(b.completion().get(5, TimeUnit.SECONDS).bytesWarmed()).isEqualTo(3L * MIB);
    assertThat(a.progress().bytesWarmed()).isEqualTo(MIB);
    assertThat(a.cancel()).as("already ended").isFalse();
    assertThatThrownBy(() -> a.completion().get()).isInstanceOf(CancellationException.class);
  }

  @Test
  void warm_whenCliGiven_pinsInsteadOfReading() throws Exception {
    Path file = sparse("a.mov", 5L * MIB);
    FakeLucid fake = new FakeLucid(Files.createDirectories(dir.resolve("bin")))
        .prints("pin --set " + file, "");
    warmer = CacheWarmer.builder().cli(LucidCli.builder().executable(fake.install("lucid")).build()).build();
    WarmProgress p = warmer.warm(file).completion().get(10, TimeUnit.SECONDS);
    assertThat(p.method()).isEqualTo(WarmProgress.Method.PIN);
    assertThat(p.bytesWarmed()).isZero();
    assertThat(fake.invocations()).containsExactly("pin --set " + file);
  }

  @Test
  void warm_whenPinFails_readsInstead() throws Exception {
    Path file = sparse("a.mov", 2L * MIB);
    FakeLucid fake = new FakeLucid(Files.createDirectories(dir.resolve("bin")))
        .fails("pin --set " + file, 1, "pinning requires a cache of at least 10 GiB");
    warmer = CacheWarmer.builder().cli(LucidCli.builder().executable(fake.install("lucid")).build()).build();
    WarmProgress p = warmer.warm(file).completion().get(10, TimeUnit.SECONDS);
    assertThat(p.method()).isEqualTo(WarmProgress.Method.READ);
    assertThat(p.bytesWarmed()).isEqualTo(2L * MIB);
  }

  @Test
  void warm_whenFileMissing_failsWithThePath() {
    warmer = CacheWarmer.builder().build();
    assertThatThrownBy(() -> warmer.warm(dir.resolve("gone.mov")).completion().get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(LocalFileException.class)
        .hasMessageContaining("gone.mov");
  }

  @Test
  void close_leavesACallerExecutorRunning() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(1);
    try {
      CacheWarmer w = CacheWarmer.builder().executor(pool).build();
      assertThat(w.warm(sparse("a.mov", MIB)).completion().get(5, TimeUnit.SECONDS).bytesWarmed())
          .isEqualTo(MIB);
      w.close();
      assertThat(pool.isShutdown()).isFalse();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void build_namesTheSettingOutOfRange() {
    assertThatThrownBy(() -> CacheWarmer.builder().concurrency(0).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'concurrency'");
    assertThatThrownBy(() -> CacheWarmer.builder().bufferSize(10).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'bufferSize'");
    assertThatThrownBy(() -> CacheWarmer.builder().maxAhead(-1).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'maxAhead'");
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
      Thread.sleep(5);
    }
  }
}
