package io.postflow.pipeline;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryState;
import io.postflow.frameio.auth.StaticTokenAuthenticator;
import io.postflow.testkit.FrameioSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A sandbox and a pipeline builder with test-speed settings (short settle, quick retries), for
 * tests that drive the pipeline through one situation each.
 */
final class SandboxPipeline implements AutoCloseable {
  final FrameioSandbox sandbox;
  final Path work;
  final Path renders;
  final Path shotList;
  final EventRecorder events = new EventRecorder();

  SandboxPipeline(Path work) throws Exception {
    this(work, FrameioSandbox.builder().transcodeDelay(Duration.ZERO));
  }

  /** With a sandbox configured by the test (its webhook retry sleeper, say). */
  SandboxPipeline(Path work, FrameioSandbox.Builder sandbox) throws Exception {
    this.sandbox = sandbox.start();
    this.work = work;
    this.renders = Files.createDirectories(work.resolve("renders"));
    this.shotList = ShotListFixture.write(work.resolve("shots.csv"), "PHARE - NUIT", "PHARE - NUIT", "PORT - AUBE");
  }

  /** Everything set for the sandbox, watching {@link #renders}; add or override before {@code build()}. */
  PostFlowBuilder builder() {
    return PostFlow.builder()
        .frameioBaseUri(sandbox.baseUri())
        .authenticator(StaticTokenAuthenticator.of(sandbox.issueAccessToken()))
        .accountId(sandbox.accountId())
        .projectId(sandbox.projectId())
        .shotList(shotList)
        .journalFile(work.resolve("journal.db"))
        .watch("renders", renders)
        .settleTime(Duration.ofMillis(200))
        .scanInterval(Duration.ofMillis(50))
        .retry(4, Duration.ofMillis(20), Duration.ofMillis(100))
        .idlePoll(Duration.ofMillis(20))
        .stackWait(Duration.ofMillis(20))
        .notifyWindow(Duration.ZERO)
        .noAlerts() // tests that want alerts set their own rules
        .listener(events);
  }

  /** Waits (bounded) until {@code condition} holds for the journal's counts. */
  static Map<DeliveryState, Long> await(PostFlow postflow, Predicate<Map<DeliveryState, Long>> condition)
      throws InterruptedException {
    return await(postflow, condition, Duration.ofSeconds(30));
  }

  /** Waits at most {@code limit} until {@code condition} holds for the journal's counts. */
  static Map<DeliveryState, Long> await(PostFlow postflow, Predicate<Map<DeliveryState, Long>> condition,
      Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    Map<DeliveryState, Long> counts = postflow.deliveries().counts();
    while (!condition.test(counts)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out; the journal holds " + counts + ": "
            + postflow.deliveries().list(java.util.Set.of(), 20));
      }
      Thread.sleep(10);
      counts = postflow.deliveries().counts();
    }
    return counts;
  }

  static Predicate<Map<DeliveryState, Long>> exactly(DeliveryState state, long n) {
    return counts -> counts.getOrDefault(state, 0L) == n && counts.getOrDefault(DeliveryState.PENDING, 0L) == 0
        && counts.getOrDefault(DeliveryState.IN_PROGRESS, 0L) == 0;
  }

  static Delivery only(PostFlow postflow) {
    var all = postflow.deliveries().list(java.util.Set.of(), 10);
    if (all.size() != 1) {
      throw new AssertionError("expected one delivery, found " + all);
    }
    return all.get(0);
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
