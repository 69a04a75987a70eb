package io.postflow.frameio.auth;

import io.postflow.api.AccessToken;
import io.postflow.api.PostFlowException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The single-flight heart of every refreshing {@link io.postflow.api.Authenticator}: a current
 * token read without locking while it is fresh, and one lock under which at most one fetch runs.
 * Threads that queued behind a fetch re-check the token when they get the lock and return the
 * fetched one instead of fetching again, so N concurrent callers cause exactly one HTTP call.
 */
final class TokenCache {
  private final Clock clock;
  private final Duration skew;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile AccessToken current;

  TokenCache(Clock clock, Duration skew) {
    this.clock = clock;
    this.skew = skew;
  }

  /** A token fresh for at least the skew, fetching one (once for all waiting threads) if needed. */
  AccessToken get(Supplier<AccessToken> fetch) {
    AccessToken token = current;
    if (isFresh(token)) {
      return token;
    }
    return underLock(() -> {
      AccessToken latest = current;
      return isFresh(latest) ? latest : install(fetch.get());
    });
  }

  /**
   * A replacement for {@code rejected}: fetched once, however many callers report the same
   * rejected token; callers reporting a token that was already replaced get the replacement.
   */
  AccessToken replace(AccessToken rejected, Supplier<AccessToken> fetch) {
    Objects.requireNonNull(rejected, "rejected");
    return underLock(() -> {
      AccessToken latest = current;
      // Compared as values (token, expiry, scopes): IMS may hand out the same token string again
      // with a later expiry, and that still counts as a replacement.
      if (latest != null && !latest.equals(rejected) && isFresh(latest)) {
        return latest;
      }
      return install(fetch.get());
    });
  }

  /** Sets the current token without a fetch (after a login, or from a store at start-up). */
  void set(AccessToken token) {
    current = token;
  }

  AccessToken peek() {
    return current;
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

  private AccessToken install(AccessToken fetched) {
    current = Objects.requireNonNull(fetched, "fetched token");
    return fetched;
  }

  private boolean isFresh(AccessToken token) {
    return token != null && !token.expiresWithin(skew, clock.instant());
  }
}
