package io.postflow.frameio.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.AccessToken;
import io.postflow.api.PostFlowException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class TokenCacheTest {
  static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  static final AccessToken STALE = AccessToken.of("stale", NOW.minusSeconds(1));

  final TokenCache cache = new TokenCache(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));
  final AtomicInteger fetches = new AtomicInteger();
  final CountDownLatch inFetch = new CountDownLatch(1);
  final CountDownLatch release = new CountDownLatch(1);

  /** A fetch that blocks until released, then fails as IMS does after its retries. */
  final Supplier<AccessToken> failingFetch = () -> {
    fetches.incrementAndGet();
    inFetch.countDown();
    try {
      release.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new PostFlowException("IMS unreachable after 4 attempts");
  };

  @Test
  void get_whenTheFetchFails_callersQueuedBehindItGetThatFailureWithoutFetchingAgain()
      throws Exception {
    List<Throwable> failures = runConcurrently(c -> c.get(failingFetch));

    assertThat(fetches).hasValue(1);
    assertThat(failures).hasSize(4).allSatisfy(e ->
        assertThat(e).hasMessageContaining("IMS unreachable"));
    // A caller arriving after the failure tries again: failures are not cached.
    assertThat(cache.get(() -> AccessToken.of("fresh", NOW.plusSeconds(3600))).value())
        .isEqualTo("fresh");
  }

  @Test
  void replace_whenTheFetchFails_callersReportingTheSameTokenGetThatFailureWithoutFetchingAgain()
      throws Exception {
    cache.set(STALE);

    List<Throwable> failures = runConcurrently(c -> c.replace(STALE, failingFetch));

    assertThat(fetches).hasValue(1);
    assertThat(failures).hasSize(4);
  }

  /** One caller fetches; three more queue behind it on the lock before the fetch fails. */
  List<Throwable> runConcurrently(Function<TokenCache, AccessToken> call) throws Exception {
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    Runnable caller = () -> {
      try {
        call.apply(cache);
      } catch (RuntimeException e) {
        failures.add(e);
      }
    };
    List<Thread> threads = new ArrayList<>();
    threads.add(new Thread(caller, "fetcher"));
    threads.get(0).start();
    assertThat(inFetch.await(5, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < 3; i++) {
      Thread waiter = new Thread(caller, "waiter-" + i);
      threads.add(waiter);
      waiter.start();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (threads.subList(1, 4).stream().anyMatch(t -> t.getState() != Thread.State.WAITING)
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    release.countDown();
    for (Thread thread : threads) {
      thread.join(5_000);
    }
    return failures;
  }
}
