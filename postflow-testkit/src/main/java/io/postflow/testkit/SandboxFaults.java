package io.postflow.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * Fault injection for a running {@link FrameioSandbox}: failing, resetting or stalling part PUTs,
 * 429 storms, added latency, expired tokens, stalled or failed transcodes, and racing folder
 * creation. Faults apply to requests that arrive after they are set. "Share" faults draw from a
 * random generator seeded by {@link FrameioSandbox.Builder#randomSeed(long)}, so a run is
 * repeatable. Thread-safe; every setter returns {@code this} for chaining.
 */
public final class SandboxFaults {
  /** What to do to one part PUT. */
  enum PartFaultKind { FAIL, RESET, STALL }

  /** A decision for one part PUT; {@code status} for FAIL, {@code stall} for STALL. */
  record PartFault(PartFaultKind kind, int status, Duration stall) {}

  private final Random random;
  private final Runnable expireTokens;

  private int failPartCount;
  private int failPartStatus;
  private double failPartShare;
  private int failPartShareStatus;
  private int resetPartCount;
  private int stallPartCount;
  private Duration stallPartDuration = Duration.ZERO;
  private int stormCount;
  private double stormShare;
  private Duration latency = Duration.ZERO;
  private boolean transcodesStalled;
  private boolean transcodesFail;
  private String racedFolderName;

  SandboxFaults(long seed, Runnable expireTokens) {
    this.random = new Random(seed);
    this.expireTokens = expireTokens;
  }

  /** The next {@code count} part PUTs are answered {@code status} (500 or 503) with an S3 error body. */
  public synchronized SandboxFaults failPartPuts(int count, int status) {
    checkCount(count);
    this.failPartCount = count;
    this.failPartStatus = checkServerError(status);
    return this;
  }

  /** Each part PUT fails with {@code status} (500 or 503) with probability {@code share} (0..1). */
  public synchronized SandboxFaults failPartPutShare(double share, int status) {
    this.failPartShare = checkShare(share);
    this.failPartShareStatus = checkServerError(status);
    return this;
  }

  /** The next {@code count} part PUTs get their connection closed without an answer. */
  public synchronized SandboxFaults resetPartPuts(int count) {
    checkCount(count);
    this.resetPartCount = count;
    return this;
  }

  /**
   * The next {@code count} part PUTs stall for {@code stall} (real time) before the body is read,
   * then proceed normally; a client with a shorter timeout gives up.
   */
  public synchronized SandboxFaults stallPartPuts(int count, Duration stall) {
    checkCount(count);
    if (stall == null || stall.isNegative()) {
      throw new IllegalArgumentException("stall must be zero or positive, was " + stall);
    }
    this.stallPartCount = count;
    this.stallPartDuration = stall;
    return this;
  }

  /** The next {@code count} /v4 requests are answered 429, whatever the buckets say. */
  public synchronized SandboxFaults rateLimitStorm(int count) {
    checkCount(count);
    this.stormCount = count;
    return this;
  }

  /** Each /v4 request is answered 429 with probability {@code share} (0..1). */
  public synchronized SandboxFaults rateLimitShare(double share) {
    this.stormShare = checkShare(share);
    return this;
  }

  /** Adds {@code latency} (real time) before every /v4 answer. */
  public synchronized SandboxFaults latency(Duration latency) {
    if (latency == null || latency.isNegative()) {
      throw new IllegalArgumentException("latency must be zero or positive, was " + latency);
    }
    this.latency = latency;
    return this;
  }

  /** Every access token issued so far expires now; the next /v4 call with one gets a 401. */
  public SandboxFaults expireTokensNow() {
    expireTokens.run();
    return this;
  }

  /** While on, uploaded files stay {@code uploaded}: transcodes never finish. */
  public synchronized SandboxFaults stallTranscodes(boolean on) {
    this.transcodesStalled = on;
    return this;
  }

  /**
   * While on, transcodes fail: the file stays {@code uploaded} and the status endpoint says
   * {@code upload_failed: true}.
   */
  public synchronized SandboxFaults failTranscodes(boolean on) {
    this.transcodesFail = on;
    return this;
  }

  /**
   * The next folder created with {@code name} (in any folder) gets a duplicate sibling of the same
   * name created at the same moment, as if a concurrent client had created it too.
   */
  public synchronized SandboxFaults raceNextFolderCreate(String name) {
    this.racedFolderName = Objects.requireNonNull(name, "name");
    return this;
  }

  /** Removes every fault. */
  public synchronized SandboxFaults clear() {
    failPartCount = 0;
    failPartShare = 0;
    resetPartCount = 0;
    stallPartCount = 0;
    stormCount = 0;
    stormShare = 0;
    latency = Duration.ZERO;
    transcodesStalled = false;
    transcodesFail = false;
    racedFolderName = null;
    return this;
  }

  synchronized PartFault nextPartFault() {
    if (resetPartCount > 0) {
      resetPartCount--;
      return new PartFault(PartFaultKind.RESET, 0, Duration.ZERO);
    }
    if (failPartCount > 0) {
      failPartCount--;
      return new PartFault(PartFaultKind.FAIL, failPartStatus, Duration.ZERO);
    }
    if (stallPartCount > 0) {
      stallPartCount--;
      return new PartFault(PartFaultKind.STALL, 0, stallPartDuration);
    }
    if (failPartShare > 0 && random.nextDouble() < failPartShare) {
      return new PartFault(PartFaultKind.FAIL, failPartShareStatus, Duration.ZERO);
    }
    return null;
  }

  synchronized boolean nextRateLimitStorm() {
    if (stormCount > 0) {
      stormCount--;
      return true;
    }
    return stormShare > 0 && random.nextDouble() < stormShare;
  }

  synchronized Duration latency() {
    return latency;
  }

  synchronized boolean transcodesStalled() {
    return transcodesStalled;
  }

  synchronized boolean transcodesFail() {
    return transcodesFail;
  }

  /** Whether this create of {@code name} should race; consumes the fault. */
  synchronized boolean takeFolderRace(String name) {
    if (name.equals(racedFolderName)) {
      racedFolderName = null;
      return true;
    }
    return false;
  }

  private static void checkCount(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be zero or positive, was " + count);
    }
  }

  private static double checkShare(double share) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("share must be between 0 and 1, was " + share);
    }
    return share;
  }

  private static int checkServerError(int status) {
    if (status != 500 && status != 503) {
      throw new IllegalArgumentException("status must be 500 or 503, was " + status);
    }
    return status;
  }
}
