package io.postflow.pipeline.engine;

import io.postflow.api.Notification;
import io.postflow.api.PostFlowException;
import io.postflow.api.internal.DaemonThreads;
import io.postflow.notify.NotifierException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel's queue and thread: workers {@link #offer} and return at once, the thread gathers a
 * burst over the window (timed on the injected clock), tells it, and on failure waits with capped
 * exponential back-off (or the channel's own {@code retryAfter}) and tries the same burst again.
 * So a slow, rate-limited or failing channel never holds up an upload. Bounded: a full queue drops
 * the newcomer with a warning.
 */
final class NotificationOutbox implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationOutbox.class);
  /** Longest real wait between looks at the clock: a manual clock in tests moves without waking us. */
  private static final long LOOK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
  static final int MAX_BURST = 200;

  private record Queued(Notification notification, Instant at) {}

  private final NotificationChannel channel;
  private final NotifySettings settings;
  private final Clock clock;
  private final Consumer<List<Notification>> settled;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Queued> queue = new ArrayDeque<>();
  private final Thread thread;
  private boolean closing;
  /** Set while waiting after a failure: closing cuts that wait short instead of the flush grace. */
  private volatile boolean backingOff;
  private long dropped;
  private int failures;

  /** @param settled told each burst the channel told or gave up on, on the channel's thread */
  NotificationOutbox(NotificationChannel channel, NotifySettings settings, Clock clock,
      Consumer<List<Notification>> settled) {
    this.channel = channel;
    this.settings = settings;
    this.clock = clock;
    this.settled = settled;
    this.thread = DaemonThreads.thread("postflow-notify-" + channel.name(), this::run);
  }

  void start() {
    thread.start();
  }

  String name() {
    return channel.name();
  }

  boolean takes(Notification.Kind kind) {
    return channel.takes(kind);
  }

  /** Queues {@code notification}; false when the queue is full or closed (it is dropped). */
  boolean offer(Notification notification) {
    lock.lock();
    try {
      if (closing || queue.size() >= settings.queueCapacity()) {
        if (dropped++ % 100 == 0) {
          LOG.warn("Notification channel {} is {}; dropped {} notification(s) so far (latest: {})", channel.name(),
              closing ? "closed" : "full (" + settings.queueCapacity() + " waiting)", dropped, notification.kind());
        }
        return false;
      }
      queue.add(new Queued(notification, clock.instant()));
      changed.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Notifications waiting to be told (the burst being told included once taken). */
  int depth() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    try {
      while (true) {
        List<Notification> burst = nextBurst();
        if (burst == null) {
          return;
        }
        tell(burst);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits for a first notification, then until the window since it passed (or closing). */
  private List<Notification> nextBurst() throws InterruptedException {
    lock.lock();
    try {
      while (queue.isEmpty()) {
        if (closing) {
          return null;
        }
        changed.await();
      }
      Instant due = channel.grouped() ? queue.peek().at().plus(settings.window()) : queue.peek().at();
      while (!closing && clock.instant().isBefore(due) && queue.size() < MAX_BURST) {
        long left = Duration.between(clock.instant(), due).toNanos();
        changed.awaitNanos(Math.max(1, Math.min(left, LOOK_NANOS)));
      }
      List<Notification> burst = new ArrayList<>();
      while (!queue.isEmpty() && burst.size() < MAX_BURST) {
        burst.add(queue.poll().notification());
      }
      return burst;
    } finally {
      lock.unlock();
    }
  }

  /** Tells the burst, trying again with back-off until it goes, cannot go, or closing ends. */
  private void tell(List<Notification> burst) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        channel.notifier().notifyAll(List.copyOf(burst));
        failures = 0;
        settled.accept(burst);
        return;
      } catch (RuntimeException e) {
        boolean retryable = !(e instanceof PostFlowException) || ((PostFlowException) e).isRetryable();
        if (!retryable) {
          LOG.warn("Notification channel {} refused {} notification(s) and will not be asked again: {}",
              channel.name(), burst.size(), e.getMessage());
          settled.accept(burst);
          return;
        }
        if (isClosing()) {
          LOG.warn("Notification channel {} failed while stopping; {} notification(s) not told: {}",
              channel.name(), burst.size(), e.getMessage());
          return;
        }
        failures++;
        Duration wait = backoff(attempt, e);
        if (failures == 1 || failures % 10 == 0) {
          LOG.warn("Notification channel {} failed ({}); trying again in {} ms (attempt {})", channel.name(),
              e.getMessage(), wait.toMillis(), attempt);
        }
        LOG.debug("Notification channel {} failed", channel.name(), e);
        backingOff = true;
        try {
          if (isClosing()) { // closing began after the check above: do not sleep through it
            return;
          }
          settings.sleeper().sleep(wait);
        } catch (InterruptedException interrupted) {
          if (isClosing()) {
            LOG.warn("Notification channel {} stopped while failing; {} notification(s) not told", channel.name(),
                burst.size());
            return;
          }
          throw interrupted;
        } finally {
          backingOff = false;
        }
      }
    }
  }

  private Duration backoff(int attempt, RuntimeException e) {
    long base = settings.retryBaseDelay().toMillis();
    long capped = Math.min(settings.retryMaxDelay().toMillis(), base << Math.min(attempt - 1, 20));
    Duration wait = Duration.ofMillis(capped);
    Duration asked = retryAfter(e);
    return asked != null && asked.compareTo(wait) > 0 ? asked : wait;
  }

  /** The wait a chat service asked for (a 429's {@code Retry-After}), when it said. */
  private static Duration retryAfter(RuntimeException e) {
    return e instanceof NotifierException n ? n.retryAfter().orElse(null) : null;
  }

  private boolean isClosing() {
    lock.lock();
    try {
      return closing;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops taking notifications, tells what is queued without waiting out the window, and waits up
   * to the flush grace for it; then stops the thread. What is left untold of delivered renders is
   * sent after the next start.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      closing = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (backingOff) {
      thread.interrupt(); // failing channel: what it holds waits for the next start
    }
    try {
      thread.join(Math.max(1, settings.flushGrace().toMillis()));
      if (thread.isAlive()) {
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int left = depth();
    if (left > 0) {
      LOG.warn("Notification channel {} stopped with {} notification(s) untold", channel.name(), left);
    }
  }
}
