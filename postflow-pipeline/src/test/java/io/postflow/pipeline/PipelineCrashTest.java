package io.postflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryState;
import io.postflow.pipeline.journal.SqliteDeliveryJournal;
import io.postflow.testkit.ChildJvm;
import io.postflow.testkit.FrameioSandbox;
import io.postflow.testkit.SandboxFile;
import io.postflow.testkit.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random moments: a child JVM runs the pipeline while renders arrive and uploads run
 * (5% of part PUTs failing), and is killed {@value #KILLS} times. After a final clean run every
 * render is on the sandbox exactly once with the SHA-256 of the local file, and the journal holds
 * every delivery as delivered. The Maven profile {@code crash-long} runs the long version
 * ({@code -Dpostflow.crash.kills=200 -Dpostflow.crash.mib=1024}).
 */
class PipelineCrashTest {
  private static final int KILLS = Integer.getInteger("postflow.crash.kills", 20);
  private static final int LARGEST_MIB = Integer.getInteger("postflow.crash.mib", 6);
  private static final int RENDERS = 24;

  @TempDir
  Path work;

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES) // 20 kills take about a minute on a busy 2-core machine
  void killedAtRandomMoments_everyRenderEndsUpOnceWithItsBytes() throws Exception {
    long seed = Long.getLong("postflow.crash.seed", System.nanoTime());
    System.out.println("PipelineCrashTest seed " + seed + " (rerun with -Dpostflow.crash.seed=" + seed + ")");
    Random random = new Random(seed);
    Path renders = Files.createDirectories(work.resolve("renders"));
    ShotListFixture.write(work.resolve("shots.csv"), "PHARE - NUIT", "PHARE - NUIT", "PORT - AUBE",
        "PORT - AUBE", "BUS", "BUS");
    Map<String, Path> written = new HashMap<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < RENDERS; i++) {
      names.add(String.format(Locale.ROOT, "KRAK_%05d_v%03d.mov", i % 6 + 1, i / 6 + 1));
    }
    int killsMidUpload = 0;
    try (FrameioSandbox sandbox = FrameioSandbox.builder().transcodeDelay(Duration.ZERO)
        .maxPartBytes(1 << 20).randomSeed(seed).start()) {
      sandbox.faults().failPartPutShare(0.05, 500);
      String token = sandbox.issueAccessToken(Duration.ofHours(2));
      int nextRender = 0;
      for (int kill = 0; kill < KILLS; kill++) {
        // Renders keep arriving between and during runs.
        while (nextRender < RENDERS && random.nextInt(3) == 0) {
          nextRender = writeRender(renders, names, nextRender, random, written);
        }
        Child child = Child.start(sandbox, token, work, null);
        child.awaitLine("running", Duration.ofSeconds(30));
        if (nextRender < RENDERS && random.nextBoolean()) {
          nextRender = writeRender(renders, names, nextRender, random, written);
        }
        Thread.sleep(random.nextInt(600));
        if (child.killReportingMidUpload()) {
          killsMidUpload++;
        }
      }
      while (nextRender < RENDERS) {
        nextRender = writeRender(renders, names, nextRender, random, written);
      }
      sandbox.faults().clear();
      Child last = Child.start(sandbox, token, work, RENDERS);
      Duration finalRun = Duration.ofSeconds(120 + (long) RENDERS * LARGEST_MIB / 20);
      assertThat(last.awaitExit(finalRun)).as("the final clean run finished").isZero();
      System.out.println("PipelineCrashTest: " + KILLS + " kills, " + killsMidUpload + " mid-upload, "
          + Child.ADOPTIONS.get() + " finished uploads adopted after a kill, " + Child.RESUMES.get()
          + " interrupted uploads resumed from their checkpoint");

      List<SandboxFile> files = sandbox.inspect().files();
      Map<String, List<SandboxFile>> byName = files.stream().collect(Collectors.groupingBy(SandboxFile::name));
      assertThat(byName.keySet()).containsExactlyInAnyOrderElementsOf(names);
      for (String name : names) {
        assertThat(byName.get(name)).as(name + " exactly once").hasSize(1);
        SandboxFile file = byName.get(name).get(0);
        assertThat(file.status()).as(name).isIn("uploaded", "transcoded");
        assertThat(file.sha256()).as(name).isEqualTo(TestFiles.sha256(written.get(name)));
      }
    }
    try (SqliteDeliveryJournal journal = SqliteDeliveryJournal.open(work.resolve("journal.db"))) {
      List<Delivery> all = journal.list(Set.of(), 1000);
      assertThat(all).hasSize(RENDERS).allSatisfy(d -> assertThat(d.state()).as(d.file().fileName())
          .isEqualTo(DeliveryState.DELIVERED));
      Set<String> fileIds = new HashSet<>();
      all.forEach(d -> assertThat(fileIds.add(d.facts().fileId().orElseThrow())).as("one file per delivery").isTrue());
    }
  }

  private static int writeRender(Path renders, List<String> names, int index, Random random, Map<String, Path> written)
      throws IOException {
    String name = names.get(index);
    long size = (1L << 20) + (long) (random.nextDouble() * ((long) LARGEST_MIB << 20));
    Path file = TestFiles.landed(renders.resolve(name), size, random.nextLong());
    written.put(name, file);
    return index + 1;
  }

  /** A child JVM running {@link CrashChild}, tracking which uploads it has running. */
  private static final class Child {
    static final java.util.concurrent.atomic.AtomicInteger ADOPTIONS = new java.util.concurrent.atomic.AtomicInteger();
    static final java.util.concurrent.atomic.AtomicInteger RESUMES = new java.util.concurrent.atomic.AtomicInteger();

    private final Set<String> uploading = ConcurrentHashMap.newKeySet();
    private ChildJvm jvm;

    static Child start(FrameioSandbox sandbox, String token, Path work, Integer untilDone) throws IOException {
      List<String> args = new ArrayList<>(List.of(
          sandbox.baseUri().toString(), token, sandbox.accountId(), sandbox.projectId(), work.toString()));
      if (untilDone != null) {
        args.add("--until-done");
        args.add(untilDone.toString());
      }
      Child child = new Child();
      child.jvm = ChildJvm.start(CrashChild.class, args, child::read);
      return child;
    }

    private void read(String line) {
      if (line.startsWith("started ") || line.startsWith("resumed ")) {
        uploading.add(line.substring(8));
        if (line.startsWith("resumed ")) {
          RESUMES.incrementAndGet();
        }
      } else if (line.startsWith("confirmed ") || line.startsWith("adopted ")) {
        uploading.remove(line.substring(line.indexOf(' ') + 1));
        if (line.startsWith("adopted ")) {
          ADOPTIONS.incrementAndGet();
        }
      } else if (line.contains(" WARN ") || line.contains(" ERROR ")) {
        System.out.println("child: " + line);
      }
    }

    void awaitLine(String expected, Duration timeout) throws InterruptedException {
      jvm.awaitLine(expected::equals, timeout);
    }

    /** Kills the process; true when an upload was running at that moment. */
    boolean killReportingMidUpload() throws InterruptedException {
      boolean midUpload = !uploading.isEmpty();
      jvm.kill();
      return midUpload;
    }

    int awaitExit(Duration timeout) throws InterruptedException {
      int code = jvm.awaitExit(timeout);
      if (code != 0) {
        System.out.println(String.join("\n", jvm.lines()));
      }
      return code;
    }
  }
}
