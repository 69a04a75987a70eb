package io.postflow.lucidlink;

import io.postflow.api.ConfigurationException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when a file has finished being written. A file is {@link Verdict#READY} when the same
 * version (size and mtime) has been seen by checks at least {@link Builder#settleTime} apart, it
 * is not 0 bytes (LucidLink shows files written elsewhere as 0-byte placeholders first), its name
 * is not a temporary one, and the {@link SyncEvidence} does not say it is still uploading.
 *
 * <p>The gate remembers only files that have not settled yet: once it says READY it forgets the
 * file, so a later check of the same version starts the wait again (the {@link DirectoryWatcher}
 * remembers what it reported). All timing is on the injected {@link Clock}; the gate never sleeps.
 * Thread-safe: every method is synchronized and cheap except the evidence call.
 */
public final class SettleGate {
  private static final Logger log = LoggerFactory.getLogger(SettleGate.class);

  /** The answer of one check. */
  public enum Verdict {
    /** Finished: report it. */
    READY,
    /** Size or mtime changed within the settle time, or it was seen for the first time. */
    SETTLING,
    /** 0 bytes: a placeholder or a file not yet written. Waits until it has content. */
    EMPTY,
    /** A temporary or sidecar name; never ready under this name. */
    TEMPORARY,
    /** Size and mtime are stable but LucidLink says another client is still uploading it. */
    SYNCING
  }

  private final Duration settleTime;
  private final Duration maxSyncWait;
  private final Clock clock;
  private final SyncEvidence evidence;
  private final Map<Path, Pending> pending = new HashMap<>();

  private SettleGate(Builder b) {
    this.settleTime = b.settleTime;
    this.maxSyncWait = b.maxSyncWait;
    this.clock = b.clock;
    this.evidence = b.evidence;
  }

  /** A builder with the defaults: 10 s settle time, system clock, no sync evidence, 6 h max sync wait. */
  public static Builder builder() {
    return new Builder();
  }

  /** The clock checks are timed on. */
  Clock clock() {
    return clock;
  }

  /** The minimum time a version must stay unchanged. */
  public Duration settleTime() {
    return settleTime;
  }

  /**
   * Records one observation of {@code seen} and says whether it is ready. Call it again, later,
   * with what the file system says then; the call never blocks except for the evidence lookup,
   * which is made only once size and mtime are stable.
   */
  public Verdict check(FileVersion seen) {
    Path fileName = seen.path().getFileName();
    if (fileName == null || TempNames.isTemporary(fileName.toString())) {
      forget(seen.path());
      return Verdict.TEMPORARY;
    }
    Instant now = clock.instant();
    synchronized (this) {
      Pending p = pending.get(seen.path());
      if (p != null) {
        p.lastChecked = now;
      }
      if (p == null || !p.version.equals(seen)) {
        pending.put(seen.path(), new Pending(seen, now, now.plus(settleTime)));
        return seen.size() == 0 ? Verdict.EMPTY : Verdict.SETTLING;
      }
      if (seen.size() == 0) {
        p.dueAt = now.plus(settleTime);
        return Verdict.EMPTY;
      }
      if (Duration.between(p.firstSeen, now).compareTo(settleTime) < 0) {
        return Verdict.SETTLING;
      }
    }
    // Outside the lock: the evidence may make a (short) HTTP call.
    SyncEvidence.State state = evidence.state(seen.path());
    synchronized (this) {
      Pending p = pending.get(seen.path());
      if (p == null || !p.version.equals(seen)) {
        return Verdict.SETTLING; // forgotten or changed meanwhile
      }
      if (state == SyncEvidence.State.SYNCING) {
        if (p.syncingSince == null) {
          p.syncingSince = now;
        }
        if (Duration.between(p.syncingSince, now).compareTo(maxSyncWait) < 0) {
          p.dueAt = now.plus(settleTime); // ask again later, not on every tick
          return Verdict.SYNCING;
        }
        log.warn("{} has been reported as uploading by LucidLink for more than {}; treating it as"
            + " ready because its size and mtime have not changed", seen.path(), maxSyncWait);
      }
      pending.remove(seen.path());
      return Verdict.READY;
    }
  }

  /** Forgets a file (deleted, renamed away, or reported). Unknown paths are ignored. */
  public synchronized void forget(Path path) {
    pending.remove(path);
  }

  /** How many files are waiting to settle. */
  public synchronized int pendingCount() {
    return pending.size();
  }

  /** A snapshot of the paths waiting to settle. */
  synchronized List<Path> pendingPaths() {
    return List.copyOf(pending.keySet());
  }

  /**
   * The waiting paths worth checking now: those whose settle time has run out (so the check can
   * say READY on time), and those not checked for half the settle time (so a change is noticed
   * within that, and the wait restarts close to the last write). Checking every file on every
   * tick would add nothing: readiness needs two equal observations {@code settleTime} apart, not
   * every one in between. This keeps re-checks cheap when thousands of files settle at once.
   */
  synchronized List<Path> duePaths() {
    Instant now = clock.instant();
    Duration half = settleTime.dividedBy(2);
    List<Path> due = new ArrayList<>();
    pending.forEach((path, p) -> {
      if (!p.dueAt.isAfter(now) || !p.lastChecked.plus(half).isAfter(now)) {
        due.add(path);
      }
    });
    return due;
  }

  private static final class Pending {
    final FileVersion version;
    final Instant firstSeen;
    Instant dueAt;
    Instant lastChecked;
    Instant syncingSince;

    Pending(FileVersion version, Instant firstSeen, Instant dueAt) {
      this.version = version;
      this.firstSeen = firstSeen;
      this.dueAt = dueAt;
      this.lastChecked = firstSeen;
    }
  }

  /** Builds a {@link SettleGate}. Not thread-safe. */
  public static final class Builder {
    private Duration settleTime = Duration.ofSeconds(10);
    private Duration maxSyncWait = Duration.ofHours(6);
    private Clock clock = Clock.systemUTC();
    private SyncEvidence evidence = SyncEvidence.NONE;

    private Builder() {}

    /** How long size and mtime must stay unchanged; default 10 s. Zero means "two checks". */
    public Builder settleTime(Duration settleTime) {
      this.settleTime = settleTime;
      return this;
    }

    /**
     * How long to believe LucidLink when it keeps saying a stable file is still uploading; after
     * that the file is released with a warning, so a stuck flag cannot hold it forever.
     * Default 6 h.
     */
    public Builder maxSyncWait(Duration maxSyncWait) {
      this.maxSyncWait = maxSyncWait;
      return this;
    }

    /** The clock checks are timed on; default the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Evidence of uploads in progress; default {@link SyncEvidence#NONE}. */
    public Builder syncEvidence(SyncEvidence evidence) {
      this.evidence = evidence;
      return this;
    }

    /** @throws ConfigurationException naming the setting that is missing or out of range */
    public SettleGate build() {
      requireNonNegative("settleTime", settleTime);
      requireNonNegative("maxSyncWait", maxSyncWait);
      if (clock == null) {
        throw new ConfigurationException("'clock' is required");
      }
      if (evidence == null) {
        throw new ConfigurationException("'syncEvidence' is required (use SyncEvidence.NONE)");
      }
      return new SettleGate(this);
    }

    static void requireNonNegative(String name, Duration value) {
      if (value == null || value.isNegative()) {
        throw new ConfigurationException("'" + name + "' must be zero or positive, was " + value);
      }
    }
  }

  @Override
  public String toString() {
    return "SettleGate[settleTime=" + settleTime + ", evidence=" + Objects.toString(evidence) + "]";
  }
}
