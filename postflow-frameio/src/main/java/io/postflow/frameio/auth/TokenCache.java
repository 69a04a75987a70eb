package io.postflow.frameio.auth;

import io.postflow.api.AccessToken;
import io.postflow.api.PostFlowException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The single-flight heart of every refreshing {@link io.postflow.api.Authenticator}: a current
 * token read without locking while it is fresh, and one lock under which at most one fetch runs.
 * Threads that queued behind a fetch re-check the token when they get the lock and return the
 * fetched one instead of fetching again, so N concurrent callers cause exactly one HTTP call.
 *
 * <p>A token is renewed {@code skew} before it expires, or halfway through its life when that
 * life is shorter than twice the skew: otherwise a token issued for less than the skew would be
 * stale on arrival and every call would fetch another.
 */
final class TokenCache {
  private final Clock clock;
  private final Duration skew;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile Cached current;
  // Fetches finished (either way) and the failure of the last one, if it failed; written under the
  // lock. A caller that queued behind a fetch which then failed gets that failure instead of
  // fetching again: one failed refresh must not become one slow retry loop per waiting thread.
  private volatile long fetchesDone;
  private RuntimeException lastFailure;

  TokenCache(Clock clock, Duration skew) {
    this.clock = clock;
    this.skew = skew;
  }

  /** A token fresh for at least the skew, fetching one (once for all waiting threads) if needed. */
  AccessToken get(Supplier<AccessToken> fetch) {
    Cached cached = current;
    if (isFresh(cached)) {
      return cached.token;
    }
    long before = fetchesDone;
    return underLock(() -> {
      Cached latest = current;
      return isFresh(latest) ? latest.token : fetchOnce(before, fetch);
    });
  }

  /**
   * A replacement for {@code rejected}: fetched once, however many callers report the same
   * rejected token; callers reporting a token that was already replaced get the replacement.
   */
  AccessToken replace(AccessToken rejected, Supplier<AccessToken> fetch) {
    Objects.requireNonNull(rejected, "rejected");
    long before = fetchesDone;
    return underLock(() -> {
      Cached latest = current;
      // Compared as values (token, expiry, scopes): IMS may hand out the same token string again
      // with a later expiry, and that still counts as a replacement.
      if (isFresh(latest) && !latest.token.equals(rejected)) {
        return latest.token;
      }
      return fetchOnce(before, fetch);
    });
  }

  /** Sets the current token without a fetch (after a login); null forgets it. */
  void set(AccessToken token) {
    current = token == null ? null : new Cached(token, renewalTime(token));
  }

  /** Runs {@code action} under the single-flight lock, so it never overlaps a fetch. */
  <T> T underLock(Supplier<T> action) {
    try {
      lock.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PostFlowException("Interrupted while waiting for a token refresh", e);
    }
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  /** Under the lock: the failure of a fetch that ended while this caller waited, or a fetch. */
  private AccessToken fetchOnce(long fetchesBeforeWaiting, Supplier<AccessToken> fetch) {
    if (fetchesDone != fetchesBeforeWaiting && lastFailure != null) {
      throw lastFailure;
    }
    try {
      AccessToken fetched = Objects.requireNonNull(fetch.get(), "fetched token");
      set(fetched);
      lastFailure = null;
      return fetched;
    } catch (RuntimeException e) {
      lastFailure = e;
      throw e;
    } finally {
      fetchesDone++;
    }
  }

  private Instant renewalTime(AccessToken token) {
    Instant now = clock.instant();
    Duration life = Duration.between(now, token.expiresAt());
    Duration margin = life.isNegative() ? Duration.ZERO
        : skew.compareTo(life.dividedBy(2)) <= 0 ? skew : life.dividedBy(2);
    return token.expiresAt().minus(margin);
  }

  private boolean isFresh(Cached cached) {
    return cached != null && clock.instant().isBefore(cached.renewAt);
  }

  /** A token and when to renew it, read and written together through one volatile field. */
  private static final class Cached {
    final AccessToken token;
    final Instant renewAt;

    Cached(AccessToken token, Instant renewAt) {
      this.token = token;
      this.renewAt = renewAt;
    }
  }
}
