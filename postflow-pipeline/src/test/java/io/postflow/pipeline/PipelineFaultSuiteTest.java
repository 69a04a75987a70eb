package io.postflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryState;
import io.postflow.frameio.auth.ServerToServerAuthenticator;
import io.postflow.testkit.FrameioSandbox;
import io.postflow.testkit.SandboxFile;
import io.postflow.testkit.SmallDisk;
import io.postflow.testkit.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad day, end to end on the sandbox: each scenario delivers the same renders through one kind
 * of fault (part PUTs failing, a 429 storm, tokens expiring, the sandbox down for 30 s, the watched
 * folder away, the journal's disk full) and ends the same way: every valid render in Frame.io exactly once with the SHA-256 of
 * the local file, and a journal holding each as delivered with nothing left in progress. (Killing
 * the JVM at random points is {@link PipelineCrashTest}; a tunnel killed during a remote upload is
 * {@code RemoteUploadThroughTunnelTest}; secrets under faults are {@link SecretLeakTest}.)
 */
class PipelineFaultSuiteTest {
  /** Two versions of four shots, 0.5-3 MiB, so that uploads have several parts and overlap. */
  private static final List<String> RENDERS = List.of("KRAK_00001_v001.mov", "KRAK_00002_v001.mov",
      "KRAK_00003_v001.mov", "KRAK_00004_v001.mov", "KRAK_00001_v002.mov", "KRAK_00002_v002.mov",
      "KRAK_00003_v002.mov", "KRAK_00004_v002.mov");

  @TempDir Path work;
  private SandboxPipeline env;
  private final Map<String, Path> written = new LinkedHashMap<>();

  @BeforeEach
  void start() throws Exception {
    env = new SandboxPipeline(work);
    ShotListFixture.write(env.shotList, "PHARE - NUIT", "PHARE - NUIT", "PORT - AUBE", "BUS");
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void tenPercentOfPartPutsFailing_withResetsAndStalls() throws Exception {
    env.sandbox.faults().failPartPutShare(0.10, 503).resetPartPuts(3)
        .stallPartPuts(2, Duration.ofMillis(300));
    deliverAll(env.builder(), postflow -> { });
  }

  @Test
  void a429Storm_onASimulatedClock() throws Exception {
    // The waits the 429s ask for (1 s, doubling per further 429 of the same call) pass in no real
    // time; the clock shows the client really made them.
    JumpingClock sandboxTime = onASimulatedClock();
    deliverAll(env.builder().sleeper(sandboxTime::jump), postflow -> env.sandbox.faults().rateLimitStorm(12),
        postflow -> { });
    assertThat(env.sandbox.inspect().requests(r -> r.status() == 429)).hasSizeGreaterThanOrEqualTo(12);
    assertThat(sandboxTime.jumped()).as("the client waited at least 1 s after each 429")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(12));
  }

  @Test
  void theSandboxDownFor30Seconds_onASimulatedClock() throws Exception {
    JumpingClock sandboxTime = onASimulatedClock();
    deliverAll(env.builder().sleeper(sandboxTime::jump),
        postflow -> env.sandbox.faults().failApiCallsFor(Duration.ofSeconds(30), 503),
        postflow -> { });
    assertThat(env.sandbox.inspect().requests(r -> r.status() == 503)).as("the renders met the outage").isNotEmpty();
    assertThat(sandboxTime.jumped()).as("the client waited the outage out").isGreaterThanOrEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void everyTokenExpiringMidRun_isReplacedBySigningInAgain() throws Exception {
    ServerToServerAuthenticator signIn = ServerToServerAuthenticator.builder()
        .imsBaseUri(env.sandbox.imsBaseUri()).clientId(env.sandbox.serverToServerClientId())
        .clientSecret(env.sandbox.serverToServerClientSecret()).build();
    deliverAll(env.builder().authenticator(signIn), postflow -> {
      awaitDelivered(postflow, 2);
      env.sandbox.faults().expireTokensNow();
    });
    assertThat(env.sandbox.inspect().requests(r -> r.path().startsWith("/v4/") && r.status() == 401))
        .as("the expired tokens were really refused").isNotEmpty();
  }

  @Test
  void theWatchedFolderDisappearing_andComingBack() throws Exception {
    Path moved = work.resolve("renders-away");
    deliverAll(env.builder(), postflow -> {
      awaitDelivered(postflow, 2);
      try {
        // As when the filespace is unmounted: the folder is gone for a while, then back.
        Files.move(env.renders, moved);
        Thread.sleep(300); // a few scan intervals without the folder (the scans are 50 ms apart)
        Files.move(moved, env.renders);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void theJournalsDiskFilling_isReported_andNothingIsLostOnceThereIsRoom() throws Exception {
    SmallDisk.whyUnavailable().ifPresent(why ->
        assumeTrue("true".equals(System.getenv("CI")), why + " (skipped here; CI fails instead)"));
    java.io.PrintStream originalErr = System.err;
    java.io.ByteArrayOutputStream logged = new java.io.ByteArrayOutputStream();
    try (SmallDisk disk = SmallDisk.mount(work.resolve("journal-disk"), 2048)) {
      deliverAll(env.builder().journalFile(disk.dir().resolve("journal.db")), postflow -> {
        try {
          // Full before any render arrives: every render's first journal write meets the full disk.
          disk.fillLeaving(0);
          System.setErr(new java.io.PrintStream(logged, true, java.nio.charset.StandardCharsets.UTF_8));
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      }, postflow -> {
        try {
          long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
          // slf4j-simple writes to whatever System.err is: the warning that the journal refused.
          while (!logged.toString(java.nio.charset.StandardCharsets.UTF_8).contains("in the journal now")) {
            assertThat(System.nanoTime()).as("the full disk was reported").isLessThan(deadline);
            Thread.sleep(20);
          }
          assertThat(postflow.deliveries().counts()).doesNotContainKey(DeliveryState.DELIVERED);
          disk.empty();
        } catch (Exception e) {
          throw new AssertionError(e);
        } finally {
          System.setErr(originalErr);
        }
      });
    } finally {
      System.setErr(originalErr);
    }
    assertThat(logged.toString(java.nio.charset.StandardCharsets.UTF_8)).containsIgnoringCase("full");
  }

  /**
   * Starts the pipeline, writes the renders, runs {@code duringTheRun} (the fault), then waits until
   * the journal holds every render as delivered and checks Frame.io holds each exactly once.
   */
  private void deliverAll(PostFlowBuilder builder, Consumer<PostFlow> duringTheRun) throws Exception {
    deliverAll(builder, postflow -> { }, duringTheRun);
  }

  /** Like {@link #deliverAll(PostFlowBuilder, Consumer)}, with a fault set before any render arrives. */
  private void deliverAll(PostFlowBuilder builder, Consumer<PostFlow> beforeTheRenders,
      Consumer<PostFlow> duringTheRun) throws Exception {
    long seed = 7;
    try (PostFlow postflow = builder.build().start()) {
      beforeTheRenders.accept(postflow);
      for (String name : RENDERS) {
        long size = (512L << 10) + (seed * 331_117L) % (5L << 19);
        written.put(name, TestFiles.landed(env.renders.resolve(name), size, seed++));
      }
      duringTheRun.accept(postflow);
      // Generous, for a busy 2-core machine.
      Map<DeliveryState, Long> counts = SandboxPipeline.await(postflow,
          SandboxPipeline.exactly(DeliveryState.DELIVERED, RENDERS.size()), Duration.ofSeconds(100));

      assertThat(counts).as("nothing stuck, failed or set aside").containsOnlyKeys(DeliveryState.DELIVERED);
      List<SandboxFile> files = env.sandbox.inspect().files();
      Map<String, Long> copies = files.stream()
          .collect(Collectors.groupingBy(SandboxFile::name, Collectors.counting()));
      assertThat(copies).containsOnlyKeys(RENDERS)
          .allSatisfy((name, n) -> assertThat(n).as(name).isEqualTo(1L));
      for (SandboxFile file : files) {
        assertThat(file.uploadFailed()).as(file.name()).isFalse();
        assertThat(file.sha256()).as(file.name()).isEqualTo(TestFiles.sha256(written.get(file.name())));
      }
      for (Delivery delivery : postflow.deliveries().list(Set.of(), 100)) {
        assertThat(delivery.state()).as(delivery.file().fileName()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(delivery.owner()).as("no lease left behind").isEmpty();
      }
    }
  }

  /**
   * Replaces the sandbox with one whose time runs as the wall clock's plus every wait the client
   * made: given to the pipeline as its sleeper, the returned clock's {@code jump} moves the
   * sandbox's time instead of sleeping, so back-offs of seconds pass in no real time.
   */
  private JumpingClock onASimulatedClock() throws Exception {
    JumpingClock sandboxTime = new JumpingClock();
    env.close();
    env = new SandboxPipeline(work, FrameioSandbox.builder().transcodeDelay(Duration.ZERO).clock(sandboxTime));
    ShotListFixture.write(env.shotList, "PHARE - NUIT", "PHARE - NUIT", "PORT - AUBE", "BUS");
    return sandboxTime;
  }

  /** The wall clock's time plus every jump forward (a sleeper's waits, made instant). */
  private static final class JumpingClock extends Clock {
    private Duration jumped = Duration.ZERO;

    synchronized void jump(Duration by) {
      jumped = jumped.plus(by);
    }

    synchronized Duration jumped() {
      return jumped;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("UTC only");
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(jumped());
    }
  }

  private static void awaitDelivered(PostFlow postflow, long n) {
    try {
      SandboxPipeline.await(postflow, counts -> counts.getOrDefault(DeliveryState.DELIVERED, 0L) >= n);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
