package io.postflow.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ThreadsAndExecutorsTest {

  @Test
  void factory_makesNumberedDaemonThreads_thatLogWhatNobodyCaught() throws Exception {
    ThreadFactory factory = DaemonThreads.factory("postflow-test");
    Thread first = factory.newThread(() -> { });
    Thread second = factory.newThread(() -> {
      throw new IllegalStateException("boom");
    });

    assertThat(first.getName()).isEqualTo("postflow-test-1");
    assertThat(second.getName()).isEqualTo("postflow-test-2");
    assertThat(first.isDaemon()).isTrue();
    assertThat(second.getUncaughtExceptionHandler()).isNotSameAs(second.getThreadGroup());
    second.start();
    second.join(5000);
    assertThat(second.isAlive()).isFalse();
  }

  @Test
  void givenExecutor_isUsed_andNeverShutDown() {
    ExecutorService mine = Executors.newSingleThreadExecutor();
    try {
      OwnedExecutor executor = OwnedExecutor.givenOrCachedPool(mine, "postflow-test");
      assertThat(executor.executor()).isSameAs(mine);
      assertThat(executor.isOwned()).isFalse();
      executor.close();
      assertThat(executor.close(Duration.ofMillis(10))).isTrue();
      assertThat(mine.isShutdown()).isFalse();
    } finally {
      mine.shutdownNow();
    }
  }

  @Test
  void createdExecutor_runsOnDaemonThreads_andIsShutDownByClose() throws Exception {
    OwnedExecutor executor = OwnedExecutor.givenOrCachedPool(null, "postflow-owned");
    AtomicReference<Thread> ran = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    executor.executor().execute(() -> {
      ran.set(Thread.currentThread());
      done.countDown();
    });
    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(ran.get().getName()).startsWith("postflow-owned-");
    assertThat(ran.get().isDaemon()).isTrue();

    executor.close();
    executor.close();
    assertThat(((ExecutorService) executor.executor()).isShutdown()).isTrue();
  }

  @Test
  void closeWithGrace_interruptsWorkThatOutlivesIt() throws Exception {
    OwnedExecutor executor = OwnedExecutor.givenOrCachedPool(null, "postflow-slow");
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    executor.executor().execute(() -> {
      started.countDown();
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        interrupted.countDown();
      }
    });
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    assertThat(executor.close(Duration.ofMillis(20))).isFalse();
    assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
  }
}
