package io.postflow.lucidlink;

import io.postflow.api.ConfigurationException;
import io.postflow.api.internal.DaemonThreads;
import io.postflow.api.internal.OwnedExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a folder tree and reports every finished file version exactly once.
 *
 * <p>The periodic <b>reconcile scan</b> is the source of truth: it walks the tree (size and mtime
 * only, never contents), so nothing is missed on FUSE and network mounts such as LucidLink, after
 * an {@code OVERFLOW}, when inotify watches run out, or while the watcher was down (the first scan
 * compares with the {@link ReadyJournal}). {@link java.nio.file.WatchService} events, where they
 * work, only make changes visible sooner. Files that are still settling are re-checked (when due:
 * settle time run out, or not looked at for half of it) every {@link Builder#pendingCheckInterval};
 * the {@link SettleGate} rule decides readiness. Latency from a file's last write to
 * {@link ReadyListener#onReady}, for a file first seen after its last write: at most scan interval
 * (plus the scan's own duration) + settle time + pending-check interval when only scans can see it,
 * settle time + pending-check interval with working events. A file seen while still being written
 * without events may take up to half a settle time more.
 *
 * <p>Use {@link #start()} for the scheduled loop, or drive it yourself with {@link #scanNow()}
 * (tests do, with a fake clock). Thread-safe: scans, re-checks and events are serialized.
 * {@link #close()} stops the loop; it shuts down only the scheduler the watcher created itself.
 *
 * <pre>{@code
 * try (DirectoryWatcher watcher = DirectoryWatcher.builder()
 *     .root(Path.of("/media/studio/production/renders"))
 *     .settleGate(SettleGate.builder().settleTime(Duration.ofSeconds(10)).build())
 *     .listener(ready -> queue.add(ready.path()))
 *     .build()) {
 *   watcher.start();
 *   ...
 * }
 * }</pre>
 */
public final class DirectoryWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DirectoryWatcher.class);
  private static final long EVENT_POLL_MILLIS = 100;
  /** How long {@link #close()} lets a scan in progress finish on the watcher's own scheduler. */
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

  private final Path root;
  private final Reconciler reconciler;
  private final Duration scanInterval;
  private final Duration pendingCheckInterval;
  private final boolean fileEvents;
  private final int fullScanEvery;
  private final AtomicLong scans = new AtomicLong();
  private final ScheduledExecutorService scheduler;
  private final boolean ownScheduler;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
  private volatile WatchEvents events;

  private DirectoryWatcher(Builder b, SettleGate gate) {
    this.root = b.root;
    this.scanInterval = b.scanInterval;
    this.pendingCheckInterval = b.pendingCheckInterval != null ? b.pendingCheckInterval
        : clamp(gate.settleTime().dividedBy(10), Duration.ofMillis(100), Duration.ofSeconds(1));
    this.fileEvents = b.fileEvents;
    this.fullScanEvery = b.fullScanEvery;
    this.ownScheduler = b.scheduler == null;
    this.scheduler = ownScheduler ? Executors.newSingleThreadScheduledExecutor(
        DaemonThreads.factory("postflow-watcher-" + root.getFileName())) : b.scheduler;
    this.reconciler = new Reconciler(root, b.filter, gate, b.journal, b.listener,
        b.executor != null ? b.executor : Runnable::run, gate.clock());
  }

  /** A builder; {@code root} and {@code listener} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the loop on the scheduler: a first full scan at once (which compares with the journal),
   * then full scans every scan interval, re-checks of settling files, and event handling.
   * Returns without waiting for the first scan.
   *
   * @throws IllegalStateException when already started or closed
   */
  public void start() {
    if (closed.get() || !started.compareAndSet(false, true)) {
      throw new IllegalStateException("DirectoryWatcher for " + root + " was already started or closed");
    }
    if (fileEvents) {
      try {
        events = new WatchEvents(root.getFileSystem().newWatchService(), this::onEventPath,
            () -> safely("overflow scan", this::fullScan));
      } catch (IOException | UnsupportedOperationException e) {
        log.info("No file events for {} ({}); relying on periodic scans", root, e.toString());
      }
    }
    long scanMs = scanInterval.toMillis();
    long checkMs = Math.max(1, pendingCheckInterval.toMillis());
    synchronized (tasks) {
      tasks.add(scheduler.scheduleWithFixedDelay(() -> safely("scan", this::scheduledScan),
          0, scanMs, TimeUnit.MILLISECONDS));
      tasks.add(scheduler.scheduleWithFixedDelay(() -> safely("re-check", reconciler::recheckPending),
          checkMs, checkMs, TimeUnit.MILLISECONDS));
      if (events != null) {
        tasks.add(scheduler.scheduleWithFixedDelay(() -> safely("events", events::drain),
            EVENT_POLL_MILLIS, EVENT_POLL_MILLIS, TimeUnit.MILLISECONDS));
      }
    }
    log.debug("Watching {} (scan every {}, re-check every {}, events {})", root, scanInterval,
        pendingCheckInterval, events != null);
  }

  /**
   * Runs one full reconcile scan now, on the calling thread (which also re-checks files that are
   * settling). Blocks for the length of the scan (about a second per 100,000 files on a local disk).
   * Listener calls happen on the configured executor (by default, this thread, before returning).
   *
   * @throws IllegalStateException when the watcher is closed
   */
  public void scanNow() {
    ensureOpen();
    fullScan();
  }

  /**
   * Runs one light scan now, on the calling thread: lists again only directories whose mtime
   * changed (see {@link Builder#fullScanEvery}), then re-checks the settling files that are due.
   * Files rewritten in place in an unchanged directory are not noticed until a full scan.
   *
   * @throws IllegalStateException when the watcher is closed
   */
  public void lightScanNow() {
    ensureOpen();
    lightScan();
  }

  /** Files currently known: reported ones plus those still settling. */
  public int trackedCount() {
    return reconciler.trackedCount();
  }

  /** Re-checks only the files still settling (what the scheduled re-check does). */
  void recheckNow() {
    reconciler.recheckPending();
  }

  /** Directories registered for file events (0 when events are off or unavailable). */
  int watchedDirectoryCount() {
    WatchEvents e = events;
    return e == null ? 0 : e.registeredCount();
  }

  /**
   * Stops scanning and watching. Idempotent. Waits up to 10 s for a scan in progress when the
   * scheduler is the watcher's own, then interrupts it; a caller-supplied scheduler and executor
   * are left running, and
   * a scan already running on such a scheduler may still finish (and call the listener) after
   * this returns.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    synchronized (tasks) {
      tasks.forEach(t -> t.cancel(false));
    }
    WatchEvents e = events;
    if (e != null) {
      try {
        e.close();
      } catch (IOException ex) {
        log.debug("Closing watch service for {} failed: {}", root, ex.toString());
      }
    }
    if (ownScheduler && !OwnedExecutor.shutdown(scheduler, CLOSE_GRACE)
        && !Thread.currentThread().isInterrupted()) {
      log.warn("A scan of {} was still running {} after close; interrupted it", root, CLOSE_GRACE);
    }
  }

  private void fullScan() {
    if (closed.get()) {
      return; // a scheduled scan that raced with close()
    }
    registerEvents(reconciler.fullScan()); // observes settling files too: no separate re-check
  }

  /** The first scan and every {@code fullScanEvery}-th are full; the others light. */
  private void scheduledScan() {
    if (closed.get()) {
      return;
    }
    if (scans.getAndIncrement() % fullScanEvery == 0) {
      fullScan();
    } else {
      lightScan();
    }
  }

  private void lightScan() {
    registerEvents(reconciler.lightScan());
    reconciler.recheckPending(); // settling files in unchanged folders are not listed
  }

  private void registerEvents(List<Path> dirs) {
    WatchEvents e = events;
    if (e != null) {
      e.register(dirs);
    }
  }

  private void onEventPath(Path path) {
    List<Path> newDirs = reconciler.observePath(path);
    WatchEvents e = events;
    if (e != null && !newDirs.isEmpty()) {
      e.register(newDirs);
    }
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("DirectoryWatcher for " + root + " is closed");
    }
  }

  /** A scheduled task that throws is never run again; keep the loop alive and say why. */
  private void safely(String what, Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      log.warn("Watcher {} of {} failed; will try again on the next round", what, root, e);
    }
  }

  private static Duration clamp(Duration d, Duration min, Duration max) {
    return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
  }

  /** Builds a {@link DirectoryWatcher}. Not thread-safe. */
  public static final class Builder {
    private Path root;
    private WatchFilter filter = WatchFilter.acceptAll();
    private SettleGate settleGate;
    private Duration scanInterval = Duration.ofSeconds(30);
    private Duration pendingCheckInterval;
    private ReadyJournal journal;
    private ReadyListener listener;
    private Executor executor;
    private ScheduledExecutorService scheduler;
    private boolean fileEvents = true;
    private int fullScanEvery = 1;
    private Clock clock;

    private Builder() {}

    /**
     * The folder to watch, recursively. Required; must be an existing directory. A symbolic link
     * to a folder is resolved once, here: reported paths are then under the link's target.
     */
    public Builder root(Path root) {
      this.root = root;
      return this;
    }

    /** Which files are candidates; default {@link WatchFilter#acceptAll()}. */
    public Builder filter(WatchFilter filter) {
      this.filter = filter;
      return this;
    }

    /**
     * The readiness rule: settle time, clock, sync evidence (see {@link SettleGate.Builder}).
     * Default {@code SettleGate.builder().clock(clock).build()}: 10 s on {@link #clock}, no
     * evidence. The gate keeps per-file state: give each watcher its own.
     */
    public Builder settleGate(SettleGate gate) {
      this.settleGate = gate;
      return this;
    }

    /**
     * The clock settling is timed on, for the default settle gate; default the system UTC clock.
     * A watcher given a {@link #settleGate} is timed on that gate's clock, so give the clock to
     * the gate (a different one here is refused). Scans run on the {@link #scheduler}'s real time;
     * tests drive the watcher with {@link DirectoryWatcher#scanNow()} and a manual clock instead.
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Time between full reconcile scans when started; default 30 s. */
    public Builder scanInterval(Duration scanInterval) {
      this.scanInterval = scanInterval;
      return this;
    }

    /**
     * Time between re-checks of settling files; default a tenth of the settle time, 100 ms to
     * 1 s. Each re-check looks only at files whose settle time has run out, so it stays cheap.
     */
    public Builder pendingCheckInterval(Duration interval) {
      this.pendingCheckInterval = interval;
      return this;
    }

    /** What was already reported; default a fresh {@link ReadyJournal#inMemory()}. */
    public Builder journal(ReadyJournal journal) {
      this.journal = journal;
      return this;
    }

    /** Told about each ready file version. Required. */
    public Builder listener(ReadyListener listener) {
      this.listener = listener;
      return this;
    }

    /** Runs listener calls; default the scanning thread. Never shut down by the watcher. */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    /** Runs the scan loop after {@link #start()}; default a daemon thread of the watcher's own. */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /**
     * Makes only every n-th scheduled scan a full one; the others are <i>light</i>: they list
     * again only directories whose mtime changed, which finds new, removed and renamed files at a
     * fraction of the cost (one stat per directory instead of per file), but not files rewritten
     * in place, which wait for the next full scan. Default 1: every scan is full. Use it for very
     * large trees on file systems that update directory mtimes (LucidLink is expected to, but it
     * is not confirmed). At most 1000.
     */
    public Builder fullScanEvery(int n) {
      this.fullScanEvery = n;
      return this;
    }

    /** Whether to use {@link java.nio.file.WatchService} events for latency; default true. */
    public Builder fileEvents(boolean fileEvents) {
      this.fileEvents = fileEvents;
      return this;
    }

    /** @throws ConfigurationException naming the setting that is missing or out of range */
    public DirectoryWatcher build() {
      if (root == null) {
        throw new ConfigurationException("'root' is required");
      }
      root = root.toAbsolutePath().normalize();
      if (!Files.isDirectory(root)) {
        throw new ConfigurationException("'root' must be an existing directory: " + root);
      }
      if (Files.isSymbolicLink(root)) {
        // Scans never follow links (a link inside the tree could make it unbounded), and that
        // includes the starting point: a linked root would be walked as a single link, not a folder.
        try {
          root = root.toRealPath();
        } catch (IOException e) {
          throw new ConfigurationException("'root' is a symbolic link that cannot be resolved: " + root, e);
        }
      }
      if (listener == null) {
        throw new ConfigurationException("'listener' is required");
      }
      if (filter == null) {
        throw new ConfigurationException("'filter' must not be null");
      }
      if (scanInterval == null || scanInterval.compareTo(Duration.ofMillis(10)) < 0) {
        throw new ConfigurationException("'scanInterval' must be at least 10 ms, was " + scanInterval);
      }
      if (pendingCheckInterval != null && pendingCheckInterval.compareTo(Duration.ofMillis(10)) < 0) {
        throw new ConfigurationException(
            "'pendingCheckInterval' must be at least 10 ms, was " + pendingCheckInterval);
      }
      if (fullScanEvery < 1 || fullScanEvery > 1000) {
        throw new ConfigurationException("'fullScanEvery' must be between 1 and 1000, was " + fullScanEvery);
      }
      if (settleGate != null && clock != null && !clock.equals(settleGate.clock())) {
        throw new ConfigurationException("'clock' differs from the clock of 'settleGate'; give the"
            + " clock to the gate only");
      }
      SettleGate gate = settleGate != null ? settleGate
          : SettleGate.builder().clock(clock != null ? clock : Clock.systemUTC()).build();
      if (journal == null) {
        journal = ReadyJournal.inMemory();
      }
      return new DirectoryWatcher(this, gate);
    }
  }
}
