package io.postflow.frameio;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.PostFlowException;
import io.postflow.api.ServiceException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CancellationTest extends WireMockSupport {
  private static final String SLOW = "/v4/accounts/acc-1/files/slow";

  private void slowFile() {
    wire.stubFor(get(urlEqualTo(SLOW)).willReturn(okJson(data(fileJson("slow", "p", "created")))
        .withFixedDelay(20_000)));
  }

  @Test
  void asyncCancel_abortsTheHttpCallAndFreesTheThread() throws Exception {
    slowFile();
    ExecutorService executor = Executors.newSingleThreadExecutor();
    client = clientBuilder().executor(executor).attemptTimeout(Duration.ofSeconds(30)).build();
    CompletableFuture<FileAsset> future = account().fileAsync("slow");
    awaitRequestAtServer();

    assertThat(future.cancel(true)).isTrue();

    // the single worker is free again long before the 20 s answer would have come
    CompletableFuture<String> next = CompletableFuture.supplyAsync(() -> "free", executor);
    assertThat(next.get(5, TimeUnit.SECONDS)).isEqualTo("free");
    client.close();
    assertThat(executor.isShutdown()).as("a caller's executor is never closed by the client").isFalse();
    executor.shutdownNow();
  }

  @Test
  void interruptedCaller_getsAPostFlowExceptionWithTheFlagRestored() throws Exception {
    slowFile();
    client = clientBuilder().attemptTimeout(Duration.ofSeconds(30)).build();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> flag = new AtomicReference<>();
    CountDownLatch finished = new CountDownLatch(1);
    Thread caller = new Thread(() -> {
      try {
        account().file("slow");
      } catch (Throwable e) {
        thrown.set(e);
        flag.set(Thread.currentThread().isInterrupted());
      }
      finished.countDown();
    });
    caller.start();
    awaitRequestAtServer();

    caller.interrupt();

    assertThat(finished.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(thrown.get()).isInstanceOf(PostFlowException.class).hasCauseInstanceOf(InterruptedException.class);
    assertThat(flag.get()).isTrue();
  }

  @Test
  void attemptTimeout_endsASlowAttemptAndRetriesIt() {
    slowFile();
    client = clientBuilder().attemptTimeout(Duration.ofMillis(300))
        .retryPolicy(RetryPolicy.builder().maxAttempts(2).build()).build();

    assertThatThrownBy(() -> account().file("slow"))
        .isInstanceOfSatisfying(ServiceException.class, e -> {
          assertThat(e.httpStatus()).isZero();
          assertThat(e.attempts()).isEqualTo(2);
          assertThat(e.isRetryable()).isTrue();
        })
        .hasMessageContaining("no answer");
    wire.verify(2, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlEqualTo(SLOW)));
  }

  @Test
  void singleFlight_whenTheLeaderIsInterrupted_aFollowerTakesOver() throws Exception {
    SingleFlight<String, String> flights = new SingleFlight<>();
    CountDownLatch leaderRunning = new CountDownLatch(1);
    CompletableFuture<String> follower = new CompletableFuture<>();
    Thread leader = new Thread(() -> {
      try {
        flights.run("k", () -> {
          leaderRunning.countDown();
          try {
            Thread.sleep(10_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PostFlowException("interrupted", e);
          }
          return "leader";
        });
      } catch (PostFlowException expected) {
        // the leader's own caller sees its interruption
      }
    });
    leader.start();
    leaderRunning.await();
    Thread followerThread = new Thread(() -> follower.complete(flights.run("k", () -> "follower")));
    followerThread.start();
    awaitBlocked(followerThread); // the follower waits on the leader's flight
    assertThat(follower).as("the follower has no answer while the leader runs").isNotDone();

    leader.interrupt();

    assertThat(follower.get(5, TimeUnit.SECONDS)).isEqualTo("follower");
    assertThat(flights.running()).isZero();
  }

  /** Waits until the slow request has reached the server, so the cancellation hits a live call. */
  private void awaitRequestAtServer() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (wire.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
        urlEqualTo(SLOW))).isEmpty()) {
      assertThat(System.nanoTime()).as("the request reached the server").isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  /** Waits until {@code thread} parks (it is blocked waiting on something). */
  private static void awaitBlocked(Thread thread) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
      assertThat(thread.isAlive()).as("the follower is still running").isTrue();
      assertThat(System.nanoTime()).as("the follower blocked").isLessThan(deadline);
      Thread.sleep(1);
    }
  }
}
