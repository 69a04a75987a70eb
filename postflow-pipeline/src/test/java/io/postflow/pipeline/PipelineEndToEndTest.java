package io.postflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryState;
import io.postflow.api.Shot;
import io.postflow.api.ShotStatus;
import io.postflow.frameio.auth.StaticTokenAuthenticator;
import io.postflow.testkit.FrameioSandbox;
import io.postflow.testkit.SandboxFile;
import io.postflow.testkit.SandboxNode;
import io.postflow.testkit.TestFiles;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline as a studio runs it: renders land in a watched folder over time (some written
 * slowly, some as 0-byte placeholders filled later, two badly named, several versions of most
 * shots) and every valid one ends up on the sandbox once, in its shot's folder, stacked in
 * version order, with the shot list updated and a complete event stream.
 */
class PipelineEndToEndTest {
  private static final String[] SCENES = {
      "PHARE - NUIT", "PHARE - NUIT", "PHARE - NUIT", "PHARE - NUIT",
      "PORT - AUBE", "PORT - AUBE", "PORT - AUBE",
      "BUS - FIN DE JOURNEE", "BUS - FIN DE JOURNEE", "BUS - FIN DE JOURNEE"};

  @TempDir
  Path work;

  @Test
  void rendersLandingOverTime_eachValidOneIsDeliveredOnceStackedInOrder_badNamesQuarantined() throws Exception {
    Path renders = Files.createDirectories(work.resolve("renders"));
    Path csv = ShotListFixture.write(work.resolve("shots.csv"), SCENES);
    EventRecorder events = new EventRecorder();
    Map<String, Path> written = new HashMap<>();
    try (FrameioSandbox sandbox = FrameioSandbox.builder().transcodeDelay(Duration.ZERO).start();
        PostFlow postflow = PostFlow.builder()
            .frameioBaseUri(sandbox.baseUri())
            .authenticator(StaticTokenAuthenticator.of(sandbox.issueAccessToken()))
            .accountId(sandbox.accountId())
            .projectId(sandbox.projectId())
            .shotList(csv)
            .journalFile(work.resolve("journal.db"))
            .watch("renders", renders)
            .settleTime(Duration.ofMillis(300))
            .scanInterval(Duration.ofMillis(100))
            .retry(5, Duration.ofMillis(50), Duration.ofMillis(500))
            .idlePoll(Duration.ofMillis(50))
            .stackWait(Duration.ofMillis(50))
            .listener(events)
            .build()) {
      postflow.start();
      writeRendersOverTime(renders, written);
      Deliveries deliveries = postflow.deliveries();
      awaitCounts(deliveries, 38, 2);

      // Every valid render is on Frame.io once, with the bytes of the local file.
      List<SandboxFile> files = sandbox.inspect().files();
      Map<String, Long> copies = files.stream().collect(Collectors.groupingBy(SandboxFile::name, Collectors.counting()));
      assertThat(copies).hasSize(38).allSatisfy((name, n) -> assertThat(n).as(name).isEqualTo(1L));
      for (SandboxFile file : files) {
        assertThat(file.status()).as(file.name()).isIn("uploaded", "transcoded");
        assertThat(file.sha256()).as(file.name()).isEqualTo(TestFiles.sha256(written.get(file.name())));
      }
      // In the shot's folder, stacked in version order.
      SandboxNode root = sandbox.inspect().tree(sandbox.projectId());
      SandboxNode wip = child(root, "WIP_BYSHOT");
      assertThat(wip.children()).extracting(SandboxNode::name)
          .containsExactlyInAnyOrder("SC01_PHARE_NUIT", "SC02_PORT_AUBE", "SC03_BUS_FIN_DE_JOURNEE");
      for (int shot = 1; shot <= 10; shot++) {
        String scene = shot <= 4 ? "SC01_PHARE_NUIT" : shot <= 7 ? "SC02_PORT_AUBE" : "SC03_BUS_FIN_DE_JOURNEE";
        SandboxNode folder = child(child(wip, scene), shotName(shot));
        assertThat(folder.children()).as(shotName(shot)).hasSize(1);
        SandboxNode stack = folder.children().get(0);
        assertThat(stack.type()).as(shotName(shot)).isEqualTo("version_stack");
        List<String> expected = new ArrayList<>();
        for (int v = 1; v <= versions(shot); v++) {
          expected.add(renderName(shot, v));
        }
        assertThat(stack.children()).extracting(SandboxNode::name).as(shotName(shot))
            .containsExactlyElementsOf(expected);
      }
      // The shot list says so.
      for (Shot shot : postflow.shots().shots()) {
        assertThat(shot.status()).as(shot.nomenclature().orElse("?")).isEqualTo(ShotStatus.REVIEW_UPLOADED);
      }
      // Bad names are set aside with the reason.
      List<Delivery> quarantined = deliveries.list(Set.of(DeliveryState.QUARANTINED), 10);
      assertThat(quarantined).extracting(d -> d.file().fileName() + ": " + d.reason().orElse(""))
          .anySatisfy(r -> assertThat(r).startsWith("KRAK_00003_final.mov: matches no pattern"))
          .anySatisfy(r -> assertThat(r).isEqualTo("KRAK_00099_v001.mov: shot KRAK_00099 is not in the shot list"));
      // The event stream is complete, in order.
      for (String name : written.keySet()) {
        List<String> seen = events.milestones(name);
        if (name.equals("KRAK_00003_final.mov") || name.equals("KRAK_00099_v001.mov")) {
          assertThat(seen).as(name).hasSize(2).first().isEqualTo("seen");
          assertThat(seen.get(1)).as(name).startsWith("quarantined: ");
          continue;
        }
        assertThat(seen).as(name).startsWith("seen", "matched").endsWith("delivered")
            .contains("upload started", "upload finished", "confirmed")
            .filteredOn(e -> e.startsWith("folder ")).hasSize(1);
        assertThat(seen.indexOf("upload started")).as(name).isLessThan(seen.indexOf("upload finished"));
        assertThat(seen.indexOf("confirmed")).as(name).isLessThan(seen.indexOf("delivered"));
        assertThat(seen.contains("stacked")).as(name).isEqualTo(!name.endsWith("_v001.mov"));
      }
      assertThat(events.stackings()).hasSize(38 - 10);
      assertThat(sandbox.inspect().requests(r -> r.status() == 429)).as("429s").isEmpty();
    }
  }

  /**
   * 38 renders of 10 shots (four versions of shots 1-8, three of shots 9 and 10) and two bad
   * names, in a shuffled order in which a shot's versions still come in order, with a few slow
   * writers and 0-byte placeholders filled once they would have settled.
   */
  private static void writeRendersOverTime(Path renders, Map<String, Path> written) throws Exception {
    Random random = new Random(42);
    List<String> order = new ArrayList<>();
    int[] next = new int[11];
    java.util.Arrays.fill(next, 1);
    List<Integer> shotsLeft = new ArrayList<>();
    for (int shot = 1; shot <= 10; shot++) {
      for (int v = 1; v <= versions(shot); v++) {
        shotsLeft.add(shot);
      }
    }
    java.util.Collections.shuffle(shotsLeft, random);
    for (int shot : shotsLeft) {
      order.add(renderName(shot, next[shot]++));
    }
    order.add(7, "KRAK_00003_final.mov");
    order.add(20, "KRAK_00099_v001.mov");
    List<Thread> slow = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      String name = order.get(i);
      Path scene = Files.createDirectories(renders.resolve("SC" + (i % 3 + 1)));
      Path file = scene.resolve(name);
      long size = 20_000 + random.nextInt(200_000);
      written.put(name, file);
      if (i % 9 == 4) {
        // A 0-byte placeholder, filled after it has stayed empty longer than the settle time.
        Files.createFile(file);
        Thread fill = new Thread(() -> fillLater(file, size, 700));
        fill.start();
        slow.add(fill);
      } else if (i % 9 == 7) {
        Thread writer = new Thread(() -> writeSlowly(file, size));
        writer.start();
        slow.add(writer);
      } else {
        TestFiles.random(file, size, i);
      }
      Thread.sleep(random.nextInt(30));
    }
    for (Thread thread : slow) {
      thread.join();
    }
  }

  private static void fillLater(Path file, long size, long afterMillis) {
    try {
      Thread.sleep(afterMillis);
      TestFiles.random(file, size, file.getFileName().hashCode());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Five chunks 150 ms apart: the file keeps changing for longer than the settle time. */
  private static void writeSlowly(Path file, long size) {
    byte[] bytes = new byte[(int) size];
    new Random(size).nextBytes(bytes);
    try (OutputStream out = Files.newOutputStream(file)) {
      int chunk = bytes.length / 5;
      for (int i = 0; i < 5; i++) {
        int end = i == 4 ? bytes.length : (i + 1) * chunk;
        out.write(bytes, i * chunk, end - i * chunk);
        out.flush();
        Thread.sleep(150);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void awaitCounts(Deliveries deliveries, long delivered, long quarantined) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    Map<DeliveryState, Long> counts = deliveries.counts();
    while (System.nanoTime() < deadline) {
      counts = deliveries.counts();
      if (counts.getOrDefault(DeliveryState.DELIVERED, 0L) == delivered
          && counts.getOrDefault(DeliveryState.QUARANTINED, 0L) == quarantined
          && counts.getOrDefault(DeliveryState.PENDING, 0L) == 0
          && counts.getOrDefault(DeliveryState.IN_PROGRESS, 0L) == 0) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("deliveries did not end as expected in time: " + counts + "; failed: "
        + deliveries.list(Set.of(DeliveryState.FAILED), 5));
  }

  private static SandboxNode child(SandboxNode parent, String name) {
    return parent.children().stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError(parent.name() + " has no " + name + ": " + parent.print()));
  }

  private static int versions(int shot) {
    return shot <= 8 ? 4 : 3;
  }

  private static String shotName(int shot) {
    return String.format(Locale.ROOT, "KRAK_%05d", shot);
  }

  private static String renderName(int shot, int version) {
    return String.format(Locale.ROOT, "KRAK_%05d_v%03d.mov", shot, version);
  }
}
