package io.postflow.pipeline.engine;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryFacts;
import io.postflow.api.DeliveryHandle;
import io.postflow.api.DeliveryJournal;
import io.postflow.api.DeliveryState;
import io.postflow.api.FileIdentity;
import io.postflow.api.internal.FileNames;
import io.postflow.api.JournalException;
import io.postflow.api.Lease;
import io.postflow.api.Notification;
import io.postflow.api.internal.DaemonThreads;
import io.postflow.production.nomenclature.NameResult;
import io.postflow.production.shotlist.ReloadableShotRepository;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's engine: records file versions in the journal and runs a bounded number of
 * workers that claim deliveries from it and take each as far as it goes. The journal is the only
 * queue: a version is recorded before anything else happens to it, and every worker finds its
 * work there, so a crash loses nothing and a restart resumes from the last recorded fact.
 *
 * <p>Thread-safe. {@link #start()} starts the workers; {@link #stop(Duration)} stops taking work
 * and gives in-flight uploads until the deadline to finish before it cancels them and gives their
 * deliveries back to the journal.
 */
public final class Orchestrator {
  private static final Logger LOG = LoggerFactory.getLogger(Orchestrator.class);
  /** Quarantined deliveries looked at after a shot list edit (the newest first). */
  private static final int QUARANTINE_LOOK_LIMIT = 10_000;

  private final EngineConfig config;
  private final DeliveryJournal journal;
  private final Listeners listeners;
  private final Notifications notifications;
  private final LocalFiles localFiles;
  private final RunFailures failures;
  private final WorkSignal signal = new WorkSignal();
  private final ProgressBoard progress = new ProgressBoard();
  private final ConcurrentHashMap<Long, TrackedDelivery> handles = new ConcurrentHashMap<>();
  private final Set<Thread> workers = new CopyOnWriteArraySet<>();
  private final Queue<Unrecorded> unrecorded = new ConcurrentLinkedQueue<>();
  /** Deliveries this orchestrator's workers are running now. */
  private final Set<Long> running = ConcurrentHashMap.newKeySet();
  /** Orders "recorded and told onSeen" before "claimed" for the deliveries of this agent. */
  private final Object recordOrder = new Object();
  private final AtomicBoolean started = new AtomicBoolean();
  private final Runnable onShotListReloaded = this::retryQuarantinedShotsNowListed;
  private volatile boolean stopping;
  private volatile boolean abortInFlight;

  public Orchestrator(EngineConfig config) {
    this.config = config;
    this.journal = config.journal();
    this.listeners = new Listeners(config.listeners());
    this.notifications = new Notifications(journal, config.shots(), config.notifications(), config.work().clock());
    this.localFiles = new LocalFiles(config.roots());
    this.failures = new RunFailures(config, listeners, notifications, localFiles);
  }

  /** Tells the team through the notifiers {@code notification}'s kind is routed to (an alert...). */
  public void tell(Notification notification) {
    notifications.send(notification);
  }

  /** Notifications waiting to be told, by channel. */
  public Map<String, Integer> notificationDepths() {
    return notifications.depths();
  }

  /**
   * Requeues quarantined deliveries (the patterns or the shot list may have changed since they
   * were set aside) and starts the workers.
   */
  public void start() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("the pipeline was already started");
    }
    notifications.start();
    int requeued = journal.requeue(DeliveryState.QUARANTINED);
    if (requeued > 0) {
      LOG.info("{} quarantined file(s) are looked at again", requeued);
    }
    reloadableShots().ifPresent(shots -> shots.addReloadListener(onShotListReloaded));
    for (int i = 1; i <= config.work().workers(); i++) {
      Thread worker = DaemonThreads.thread("postflow-worker-" + i, this::work);
      workers.add(worker);
      worker.start();
    }
    LOG.debug("Pipeline started: {} workers, agent {}", config.work().workers(), config.work().agentId());
  }

  /**
   * Records a settled file version (its name read for the shot and version, so that per-shot
   * ordering holds from the start) and wakes a worker. Temporary and sidecar names are not
   * recorded when {@code skipIgnorable}.
   *
   * @return the new delivery, or empty when it was recorded before or skipped
   */
  public Optional<Delivery> record(FileIdentity file, Path localPath, boolean skipIgnorable) {
    NameResult name = config.nomenclature().parse(file.fileName());
    if (skipIgnorable && name.isIgnorable()) {
      LOG.debug("Not recording {}: {}", file.relativePath(), name.reason().orElse("ignorable"));
      return Optional.empty();
    }
    DeliveryFacts.Builder hints = DeliveryFacts.builder();
    name.parsed().ifPresent(parsed -> {
      config.nomenclature().shotNomenclature(parsed).ifPresent(hints::shot);
      parsed.version().ifPresent(hints::version);
    });
    Optional<Delivery> recorded;
    // Under the lock workers claim with: no worker can take the delivery (and tell onMatched)
    // before onSeen was told.
    synchronized (recordOrder) {
      // The path as UTF-8 text, not Java's string for it: under LANG=C that names no file.
      recorded = journal.record(file, FileNames.text(localPath), hints.build());
      recorded.ifPresent(delivery -> {
        LOG.debug("Recorded {} as delivery {}", file, delivery.id());
        listeners.onSeen(delivery);
      });
    }
    recorded.ifPresent(delivery -> signal.signal());
    return recorded;
  }

  /**
   * Records a version the watcher found ready. When the journal cannot take it now (busy,
   * unreachable), the version is kept in memory and recorded by the next idle worker, so a
   * transient journal failure does not make the watcher forget a render until the next restart.
   */
  public void recordReady(FileIdentity file, Path localPath) {
    try {
      record(file, localPath, true);
    } catch (JournalException e) {
      LOG.warn("Cannot record {} in the journal now ({}); will try again", file.relativePath(), e.getMessage());
      unrecorded.add(new Unrecorded(file, localPath));
      signal.signal();
    }
  }

  private record Unrecorded(FileIdentity file, Path localPath) {}

  /** Records what the watcher could not record earlier; stops at the first failure. */
  private void recordLeftovers() {
    for (Unrecorded next; (next = unrecorded.peek()) != null; ) {
      try {
        record(next.file(), next.localPath(), true);
      } catch (JournalException e) {
        return; // still failing: the next idle round tries again
      }
      unrecorded.poll();
    }
  }

  /** A handle on the delivery of {@code file}, which must have been recorded. */
  public DeliveryHandle handle(FileIdentity file) {
    Delivery delivery = journal.find(file).orElseThrow(
        () -> new IllegalStateException(file + " was not recorded"));
    TrackedDelivery handle = handles.computeIfAbsent(delivery.id(), id -> new TrackedDelivery(id, journal, progress));
    // Read again after registering: a worker that finished in between found no handle to settle.
    // One running it now settles it itself, after its listener calls.
    if (!running.contains(delivery.id())) {
      journal.find(delivery.id()).ifPresent(handle::settleIfFinal);
    }
    return handle;
  }

  /** Wakes idle workers: work may have come due (e.g. deliveries were requeued). */
  public void wake() {
    signal.signal();
  }

  /**
   * Stops taking work and waits until {@code grace} has passed for runs in progress to end; then
   * cancels their uploads (their deliveries go back to the journal as pending) and waits for the
   * workers to give them back. Idempotent.
   *
   * @return whether every worker ended
   */
  public boolean stop(Duration grace) {
    stopping = true;
    reloadableShots().ifPresent(shots -> shots.removeReloadListener(onShotListReloaded));
    signal.signal();
    long deadline = System.nanoTime() + grace.toNanos();
    boolean ended = joinWorkers(deadline);
    if (!ended) {
      LOG.info("Stopping: uploads still running after {}; cancelling them", grace);
      abortInFlight = true;
      ended = joinWorkers(System.nanoTime() + Duration.ofSeconds(30).toNanos());
    }
    if (!ended) {
      workers.forEach(Thread::interrupt);
      ended = joinWorkers(System.nanoTime() + Duration.ofSeconds(5).toNanos());
    }
    notifications.close(); // after the workers: what they queued last is told (or owed) too
    return ended;
  }

  private boolean joinWorkers(long deadlineNanos) {
    for (Thread worker : new ArrayList<>(workers)) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return workers.isEmpty();
      }
      try {
        worker.join(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return workers.isEmpty();
  }

  /** One worker: claim, run, repeat; sleep while there is nothing to do. */
  private void work() {
    try {
      while (!stopping) {
        long seen = signal.generation();
        Optional<Lease> lease;
        try {
          synchronized (recordOrder) {
            lease = journal.claim(config.work().agentId(), config.work().leaseLength());
          }
        } catch (JournalException e) {
          LOG.warn("Cannot claim work from the journal: {}", e.getMessage());
          signal.await(seen, config.work().idlePoll());
          continue;
        }
        if (lease.isEmpty()) {
          recordLeftovers();
          settleHandles();
          reloadShotListIfDue();
          signal.await(seen, idleWait());
          continue;
        }
        try {
          runOne(lease.get());
        } catch (RuntimeException e) {
          // The run could not even be ended (the journal refused): its lease expires and the
          // delivery is taken up again. The worker stays, so capacity is not lost.
          LOG.error("Delivery {} could not be ended; it will be taken up again when its lease expires",
              lease.get().deliveryId(), e);
          signal.await(signal.generation(), config.work().idlePoll());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      LOG.error("Pipeline worker {} stopped unexpectedly", Thread.currentThread().getName(), e);
      throw e;
    } finally {
      workers.remove(Thread.currentThread());
    }
  }

  private void runOne(Lease claimed) {
    running.add(claimed.deliveryId());
    try {
      runAndSettle(claimed);
    } finally {
      running.remove(claimed.deliveryId());
    }
  }

  /**
   * Runs the delivery and completes its handle, if any, after the run's listener calls: a handle
   * never completes before the events of the steps that led to it were told.
   */
  private void runAndSettle(Lease claimed) {
    LeaseKeeper lease = new LeaseKeeper(journal, claimed, config.work().leaseLength(), config.work().clock());
    FileTransfer transfer = new FileTransfer(config, listeners, lease, localFiles, () -> abortInFlight, progress);
    DeliveryRun run = new DeliveryRun(config, listeners, lease, transfer, notifications);
    Optional<Delivery> ended;
    try {
      ended = Optional.of(run.run());
    } catch (Throwable e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      if (e instanceof Error && !(e instanceof AssertionError)) {
        throw (Error) e;
      }
      boolean interrupted = Thread.interrupted(); // journal writes below must not be interrupted
      ended = failures.ended(lease, e, stopping || interrupted);
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    ended.ifPresent(delivery -> {
      TrackedDelivery handle = handles.get(delivery.id());
      if (handle != null) {
        handle.settleIfFinal(delivery);
      }
      if (delivery.state() != DeliveryState.IN_PROGRESS) {
        signal.signal(); // a later version of the same shot may be waiting for this one
      }
    });
  }

  /**
   * Completes handles whose deliveries ended without this orchestrator's workers settling them
   * (another agent ran them, or the handle was taken just as a worker finished). Deliveries a
   * worker here is running are left to it, so their listener calls come first.
   */
  private void settleHandles() {
    for (TrackedDelivery handle : handles.values()) {
      if (handle.completion().isDone()) {
        handles.remove(handle.id());
      } else if (!running.contains(handle.id())) {
        journal.find(handle.id()).ifPresent(handle::settleIfFinal);
      }
    }
  }

  private Optional<ReloadableShotRepository> reloadableShots() {
    return config.shots() instanceof ReloadableShotRepository r ? Optional.of(r) : Optional.empty();
  }

  /**
   * Lets a shot list the production edits while the pipeline runs be looked at again (at most
   * once per its check interval, so idle workers waking together cost one look).
   */
  private void reloadShotListIfDue() {
    reloadableShots().ifPresent(shots -> {
      try {
        shots.reloadIfDue();
      } catch (RuntimeException e) {
        LOG.warn("Cannot look at the shot list again: {}", e.getMessage());
      }
    });
  }

  /**
   * After the shot list changed: when a quarantined render names a shot the list now has, the
   * quarantined renders are looked at again, as at start (those whose shot is still unknown go
   * back to quarantine). Nothing is requeued when no such render exists, so an edit that adds
   * other shots does not quarantine the same renders again.
   */
  private void retryQuarantinedShotsNowListed() {
    try {
      List<Delivery> quarantined = journal.list(EnumSet.of(DeliveryState.QUARANTINED), QUARANTINE_LOOK_LIMIT);
      Optional<String> nowListed = quarantined.stream().flatMap(d -> d.facts().shot().stream())
          .filter(shot -> config.shots().findByNomenclature(shot).isPresent()).findFirst();
      if (nowListed.isPresent()) {
        int requeued = journal.requeue(DeliveryState.QUARANTINED);
        LOG.info("The shot list now has {}: {} quarantined file(s) are looked at again", nowListed.get(), requeued);
        signal.signal();
      }
    } catch (JournalException e) {
      LOG.warn("The shot list changed but the quarantined files cannot be looked at again now: {}", e.getMessage());
    }
  }

  /** Until the journal says work comes due, at most the idle poll. */
  private Duration idleWait() {
    Duration wait = config.work().idlePoll();
    Optional<Instant> due = journal.nextDue();
    if (due.isPresent()) {
      Duration untilDue = Duration.between(config.work().clock().instant(), due.get());
      if (untilDue.compareTo(wait) < 0) {
        wait = untilDue.isNegative() ? Duration.ZERO : untilDue;
      }
    }
    return wait.isZero() ? Duration.ofMillis(1) : wait;
  }
}
