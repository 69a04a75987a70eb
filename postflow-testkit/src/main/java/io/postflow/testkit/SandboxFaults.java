package io.postflow.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Fault injection for a running {@link FrameioSandbox}: failing, resetting or stalling part PUTs,
 * 429 storms (with or without rate-limit headers), 5xx answers from /v4, added latency, slow
 * connection set-ups, expired tokens (now or in the middle of a listing), the 401 of a Frame.io
 * user not linked to an Adobe ID, a locked account, stalled or failed transcodes, and racing folder
 * creation. Faults apply to requests that arrive after they are set. "Share" faults draw from a
 * random generator seeded by {@link FrameioSandbox.Builder#randomSeed(long)}, so a run is
 * repeatable. Thread-safe; every setter returns {@code this} for chaining.
 */
public final class SandboxFaults {
  /** What to do to one part PUT. */
  enum PartFaultKind { FAIL, RESET, STALL, LOSE_ANSWER }

  /** A decision for one part PUT; {@code status} for FAIL, {@code stall} for STALL. */
  record PartFault(PartFaultKind kind, int status, Duration stall) {}

  /** What to do to one /v4 request instead of serving it. */
  enum ApiFaultKind { NOT_LINKED, ACCOUNT_LOCKED, PLAIN_RATE_LIMIT, RATE_LIMIT, SERVER_ERROR }

  /** A decision for one routed /v4 request; {@code status} for SERVER_ERROR. */
  record ApiFault(ApiFaultKind kind, int status) {}

  /** Frame.io's answer to a valid IMS token whose Frame.io user has no Adobe ID. */
  static final String NOT_LINKED_DETAIL = "Your Frame user is not linked to an Adobe ID";
  /** The detail of the 403 a locked account gets. */
  static final String ACCOUNT_LOCKED_DETAIL = "This account is locked; contact the account owner or Frame.io support";
  /** Connections remembered for {@link #handshakeDelay}; older ones count as new again. */
  private static final int REMEMBERED_CONNECTIONS = 4096;

  private final Random random;
  private final Runnable expireTokens;
  private final Clock clock;

  private int failPartCount;
  private int failPartStatus;
  private double failPartShare;
  private int failPartShareStatus;
  private int resetPartCount;
  private int stallPartCount;
  private int loseAnswerCount;
  private Duration stallPartDuration = Duration.ZERO;
  private int stormCount;
  private double stormShare;
  private Duration latency = Duration.ZERO;
  private boolean transcodesStalled;
  private boolean transcodesFail;
  private String racedFolderName;
  private int plainStormCount;
  private int serverErrorCount;
  private int serverErrorStatus;
  private String serverErrorOperation;
  private Instant serverErrorsUntil;
  private int serverErrorsUntilStatus;
  private boolean notLinked;
  private boolean accountLocked;
  private int expireTokensAfter = -1;
  private Duration handshakeDelay = Duration.ZERO;
  private final Map<String, Boolean> seenConnections = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > REMEMBERED_CONNECTIONS;
    }
  };

  SandboxFaults(long seed, Clock clock, Runnable expireTokens) {
    this.random = new Random(seed);
    this.clock = clock;
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
   * The next {@code count} part PUTs are received and kept as usual, then their connection is
   * closed before the answer: the part (and, for the last one, the whole upload) is in, but the
   * client never hears so and may try again.
   */
  public synchronized SandboxFaults losePartAnswers(int count) {
    checkCount(count);
    this.loseAnswerCount = count;
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

  /**
   * The next {@code count} /v4 requests are answered 429 the way Frame.io's own open-source limiter
   * answers: a {@code text/plain} body and no {@code x-ratelimit-*} headers, so a client cannot
   * rely on them being there.
   */
  public synchronized SandboxFaults plainRateLimitStorm(int count) {
    checkCount(count);
    this.plainStormCount = count;
    return this;
  }

  /**
   * The next {@code count} /v4 requests (any operation) are answered {@code status} (500, 502, 503
   * or 504) with a Frame.io error body, before any work is done.
   */
  public SandboxFaults failApiCalls(int count, int status) {
    return failApiCalls(null, count, status);
  }

  /**
   * The next {@code count} requests of one operation, named by its Frame.io operation id (e.g.
   * {@code folders.index}, {@code files.create_local_upload}), are answered {@code status} (500,
   * 502, 503 or 504); {@code null} means any operation.
   */
  public synchronized SandboxFaults failApiCalls(String operation, int count, int status) {
    checkCount(count);
    this.serverErrorStatus = checkGatewayError(status);
    this.serverErrorCount = count;
    this.serverErrorOperation = operation;
    return this;
  }

  /**
   * Every /v4 request is answered {@code status} (500, 502, 503 or 504) for {@code duration} from
   * now on the sandbox clock: an outage a client must ride out or give up on.
   */
  public synchronized SandboxFaults failApiCallsFor(Duration duration, int status) {
    if (duration == null || duration.isNegative()) {
      throw new IllegalArgumentException("duration must be zero or positive, was " + duration);
    }
    this.serverErrorsUntilStatus = checkGatewayError(status);
    this.serverErrorsUntil = clock.instant().plus(duration);
    return this;
  }

  /**
   * While on, every /v4 request with a valid token is answered 401 with Frame.io's "Your Frame user
   * is not linked to an Adobe ID": refreshing the token does not help, the user must link accounts.
   */
  public synchronized SandboxFaults notLinkedToAdobeId(boolean on) {
    this.notLinked = on;
    return this;
  }

  /** While on, every request under {@code /v4/accounts/{account_id}} is answered 403: the account is locked. */
  public synchronized SandboxFaults lockAccount(boolean on) {
    this.accountLocked = on;
    return this;
  }

  /**
   * Every access token issued so far expires after the next {@code calls} /v4 requests have been
   * served, for example in the middle of a paged listing; the request after them gets a 401.
   */
  public SandboxFaults expireTokensAfter(int calls) {
    checkCount(calls);
    if (calls == 0) {
      return expireTokensNow();
    }
    synchronized (this) {
      this.expireTokensAfter = calls;
    }
    return this;
  }

  /**
   * The first request on each new connection to the API or the part endpoint
   * waits {@code delay} (real time) before it is read, as a slow TLS handshake or a far-away
   * network would make it; requests on a kept-alive connection are not delayed.
   */
  public synchronized SandboxFaults handshakeDelay(Duration delay) {
    if (delay == null || delay.isNegative()) {
      throw new IllegalArgumentException("delay must be zero or positive, was " + delay);
    }
    this.handshakeDelay = delay;
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
    loseAnswerCount = 0;
    stormCount = 0;
    stormShare = 0;
    latency = Duration.ZERO;
    transcodesStalled = false;
    transcodesFail = false;
    racedFolderName = null;
    plainStormCount = 0;
    serverErrorCount = 0;
    serverErrorOperation = null;
    serverErrorsUntil = null;
    notLinked = false;
    accountLocked = false;
    expireTokensAfter = -1;
    handshakeDelay = Duration.ZERO;
    return this;
  }

  /**
   * The fault for one routed /v4 request of {@code operation}, or null; {@code accountScoped} says
   * whether its path names an account. Consumes counted faults.
   */
  synchronized ApiFault nextApiFault(String operation, boolean accountScoped) {
    if (notLinked) {
      return new ApiFault(ApiFaultKind.NOT_LINKED, 401);
    }
    if (accountLocked && accountScoped) {
      return new ApiFault(ApiFaultKind.ACCOUNT_LOCKED, 403);
    }
    if (plainStormCount > 0) {
      plainStormCount--;
      return new ApiFault(ApiFaultKind.PLAIN_RATE_LIMIT, 429);
    }
    if (nextRateLimitStorm()) {
      return new ApiFault(ApiFaultKind.RATE_LIMIT, 429);
    }
    if (serverErrorsUntil != null) {
      if (clock.instant().isBefore(serverErrorsUntil)) {
        return new ApiFault(ApiFaultKind.SERVER_ERROR, serverErrorsUntilStatus);
      }
      serverErrorsUntil = null;
    }
    if (serverErrorCount > 0 && (serverErrorOperation == null || serverErrorOperation.equals(operation))) {
      serverErrorCount--;
      return new ApiFault(ApiFaultKind.SERVER_ERROR, serverErrorStatus);
    }
    return null;
  }

  /** Counts one served /v4 request towards {@link #expireTokensAfter}; expires tokens when due. */
  void served() {
    boolean expire;
    synchronized (this) {
      expire = expireTokensAfter > 0 && --expireTokensAfter == 0;
      if (expire) {
        expireTokensAfter = -1;
      }
    }
    if (expire) {
      expireTokens.run();
    }
  }

  /** How long the request on {@code connection} (its remote address) waits: the delay only once per connection. */
  synchronized Duration handshakeDelayFor(String connection) {
    if (handshakeDelay.isZero() || seenConnections.put(connection, Boolean.TRUE) != null) {
      return Duration.ZERO;
    }
    return handshakeDelay;
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
    if (loseAnswerCount > 0) {
      loseAnswerCount--;
      return new PartFault(PartFaultKind.LOSE_ANSWER, 0, Duration.ZERO);
    }
    if (failPartShare > 0 && random.nextDouble() < failPartShare) {
      return new PartFault(PartFaultKind.FAIL, failPartShareStatus, Duration.ZERO);
    }
    return null;
  }

  private boolean nextRateLimitStorm() {
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

  private static int checkGatewayError(int status) {
    if (status != 500 && status != 502 && status != 503 && status != 504) {
      throw new IllegalArgumentException("status must be 500, 502, 503 or 504, was " + status);
    }
    return status;
  }

  private static int checkServerError(int status) {
    if (status != 500 && status != 503) {
      throw new IllegalArgumentException("status must be 500 or 503, was " + status);
    }
    return status;
  }
}
