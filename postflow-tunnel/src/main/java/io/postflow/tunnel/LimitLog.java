package io.postflow.tunnel;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what the connection limits of an {@link HttpFileExposer} did, and says so in one WARN
 * line at most once a minute: a flood of slow or surplus connections must not become a flood of
 * log lines. Each event is also logged at DEBUG. The reaper calls {@link #report} on every tick.
 */
final class LimitLog {
  private static final Logger LOG = LoggerFactory.getLogger(HttpFileExposer.class);
  private static final long EVERY = TimeUnit.MINUTES.toNanos(1);

  private final String limits;
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger letGo = new AtomicInteger();
  private final AtomicInteger headTimeouts = new AtomicInteger();
  private final AtomicInteger tooSlow = new AtomicInteger();
  private final AtomicInteger idle = new AtomicInteger();
  /** Closed for each {@link Connection.Limit} since the start, never reset (for tests). */
  private final AtomicInteger[] totals = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
  private long lastReport;
  private boolean reported;

  LimitLog(String limits) {
    this.limits = limits;
  }

  void refused(String reason) {
    refused.incrementAndGet();
    LOG.debug("refusing a connection: {}", reason);
  }

  void letGo() {
    letGo.incrementAndGet();
    LOG.debug("letting a connection waiting for a request go: the connection limit is reached");
  }

  void closed(Connection.Limit limit) {
    counter(limit).incrementAndGet();
    totals[limit.ordinal()].incrementAndGet();
    LOG.debug("closing a connection: {}", limit == Connection.Limit.HEAD_TIMEOUT ? "its request head took too long"
        : limit == Connection.Limit.TOO_SLOW ? "it reads more slowly than the minimum rate" : "idle");
  }

  private AtomicInteger counter(Connection.Limit limit) {
    switch (limit) {
      case HEAD_TIMEOUT: return headTimeouts;
      case TOO_SLOW: return tooSlow;
      default: return idle;
    }
  }

  /** How many connections were closed for {@code limit} since the exposer started. */
  int total(Connection.Limit limit) {
    return totals[limit.ordinal()].get();
  }

  /** Logs the counts since the last report, if any, when a minute has passed since it. */
  void report(long now) {
    if (reported && now - lastReport < EVERY) {
      return;
    }
    int r = refused.get();
    int g = letGo.get();
    int h = headTimeouts.get();
    int s = tooSlow.get();
    int i = idle.get();
    if (r + g + h + s + i == 0) {
      return;
    }
    refused.addAndGet(-r);
    letGo.addAndGet(-g);
    headTimeouts.addAndGet(-h);
    tooSlow.addAndGet(-s);
    idle.addAndGet(-i);
    reported = true;
    lastReport = now;
    LOG.warn("file exposer limits ({}): refused {} connection(s) with 503, let {} waiting connection(s) go for "
        + "newcomers, closed {} whose request head took too long, {} reading too slowly, {} idle; next report "
        + "in a minute at the earliest", limits, r, g, h, s, i);
  }
}
