package io.postflow.journal.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryState;
import io.postflow.testkit.ChildJvm;
import io.postflow.testkit.FrameioSandbox;
import io.postflow.testkit.SandboxFile;
import io.postflow.testkit.SandboxNode;
import io.postflow.testkit.ShotListFiles;
import io.postflow.testkit.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several PostFlow agents, each a JVM of its own, on one watched folder (the filespace), one
 * sandbox and one PostgreSQL journal: every render is delivered once, the work of an agent that is
 * killed or paused is taken over, a paused agent that wakes cannot overwrite its successor, and a
 * database restart only slows things down. {@code -Dpostflow.agent.kills=20} (the Maven profile
 * {@code agents-long}) kills 20 times instead of 3.
 */
// Two or three JVMs deliver 200 renders, are killed, paused and see their server restarted: minutes
// on a busy 2-core machine, more than the suite's 2-minute default deadline.
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class SharedJournalAgentsTest {
  private static final int KILLS = Integer.getInteger("postflow.agent.kills", 3);
  // A live agent renews its lease every third of it (3.3 s), so a loaded CI machine would have to
  // stall it for over 6 s to let it lapse (and then fencing, which this test checks, keeps every
  // render once); a dead or paused agent's work is taken over that long after its last renewal.
  private static final Duration LEASE = Duration.ofSeconds(10);
  // Frame.io's per-minute limits (10 version stacks a minute, shared by both agents) would make 200
  // renders a rate-limit exercise of minutes; these tests are about agents sharing a journal, so the
  // sandbox advertises 100 a second instead and the agents' pacers adopt that from its headers.
  // Pacing has tests of its own.
  private static final List<String> PER_MINUTE_OPERATIONS = List.of("version_stacks.create",
      "version_stacks.index", "version_stacks.show", "files.move", "files.update", "folders.index",
      "folders.show", "folders.update");
  // The per-second limits every render meets too (5 uploads, 5 status polls a second): lifted only
  // for the 200 renders, where nothing needs the run to last long enough to be killed, paused or
  // restarted in.
  private static final List<String> PER_SECOND_OPERATIONS = List.of("version_stacks.list",
      "files.create_local_upload", "files.show_file_upload_status", "files.list", "folders.list");
  private static final Duration FINISH = Duration.ofMinutes(5);

  @TempDir Path work;
  private PostgresForTests.Server server;
  private String url;
  private Path passwordFile;
  private FrameioSandbox sandbox;
  private String token;
  private final Map<String, Path> written = new HashMap<>();
  private final List<ChildJvm> agents = new ArrayList<>();

  @BeforeEach
  void production() throws IOException {
    server = PostgresForTests.server();
    url = server.freshSchemaUrl();
    passwordFile = Files.writeString(Files.createFile(work.resolve("password"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))), server.password());
    List<String> scenes = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      scenes.add(List.of("BUS - FIN DE JOURNEE", "PORT - AUBE", "PHARE - NUIT").get(i / 17));
    }
    ShotListFiles.write(work.resolve("shots.csv"), "PF", scenes);
    Files.createDirectories(work.resolve("renders"));
  }

  @AfterEach
  void stopAll() throws Exception {
    for (ChildJvm agent : agents) {
      agent.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  private void startSandbox(long maxPartBytes) {
    startSandbox(maxPartBytes, PER_MINUTE_OPERATIONS);
  }

  private void startSandbox(long maxPartBytes, List<String> fastOperations) {
    FrameioSandbox.Builder builder = FrameioSandbox.builder().transcodeDelay(Duration.ZERO).rateLimits(false)
        .maxPartBytes(maxPartBytes);
    fastOperations.forEach(operation -> builder.rateLimit(operation, 100, Duration.ofSeconds(1)));
    sandbox = builder.start();
    token = sandbox.issueAccessToken(Duration.ofHours(2));
  }

  /** Tells the agents how many renders there are: once they are delivered, the agents exit. */
  private void allWritten() throws IOException {
    Files.writeString(work.resolve("expected"), Integer.toString(written.size()));
  }

  private ChildJvm agent(String id, Map<String, Set<String>> uploading) throws IOException {
    Set<String> mine = uploading.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet());
    ChildJvm agent = ChildJvm.start(SharedJournalAgent.class, List.of(
        sandbox.baseUri().toString(), token, sandbox.accountId(), sandbox.projectId(), work.toString(),
        url, server.user(), passwordFile.toString(), id, Long.toString(LEASE.toMillis())), line -> {
          if (line.startsWith("started ") || line.startsWith("resumed ")) {
            mine.add(line.substring(8));
          } else if (line.startsWith("confirmed ") || line.startsWith("adopted ")) {
            mine.remove(line.substring(line.indexOf(' ') + 1));
          } else if (line.contains("WARN") || line.contains("ERROR")) {
            System.out.println(id + ": " + line);
          }
        });
    agents.add(agent);
    return agent;
  }

  /** Render {@code i} (0-based): shot {@code i % 50 + 1}, version {@code i / 50 + 1}. */
  private void render(int i, long size, long seed) throws IOException {
    String name = String.format(Locale.ROOT, "PF_%05d_v%03d.mov", i % 50 + 1, i / 50 + 1);
    written.put(name, TestFiles.landed(work.resolve("renders").resolve(name), size, seed));
  }

  private PostgresDeliveryJournal journal() {
    return PostgresDeliveryJournal.builder().url(url).user(server.user()).password(server.password()).open();
  }

  @Test
  void twoAgents_deliver200Renders_eachOnceInTheSandbox_andBothDidAShare() throws Exception {
    startSandbox(1 << 20, allFast());
    Random random = new Random(200);
    for (int i = 0; i < 100; i++) {
      render(i, 16_384 + random.nextInt(65_536), random.nextLong());
    }
    Map<String, Set<String>> uploading = new ConcurrentHashMap<>();
    ChildJvm a = agent("agent-a", uploading);
    ChildJvm b = agent("agent-b", uploading);
    a.awaitLine("running"::equals, Duration.ofSeconds(60));
    b.awaitLine("running"::equals, Duration.ofSeconds(60));
    for (int i = 100; i < 200; i++) { // the render farm keeps writing while the agents work
      render(i, 16_384 + random.nextInt(65_536), random.nextLong());
    }
    allWritten();

    assertThat(exit(a)).as("agent a finished").isZero();
    assertThat(exit(b)).as("agent b finished").isZero();

    assertEveryRenderOnceWithItsBytes();
    long byA = a.lines().stream().filter(l -> l.startsWith("delivered ")).count();
    long byB = b.lines().stream().filter(l -> l.startsWith("delivered ")).count();
    System.out.println("SharedJournalAgentsTest: agent a delivered " + byA + ", agent b " + byB);
    assertThat(byA).as("agent a's share").isPositive();
    assertThat(byB).as("agent b's share").isPositive();
    assertThat(byA + byB).as("each render delivered by one agent").isEqualTo(200);
    assertNoFolderTwice(sandbox.inspect().tree());
  }

  @Test
  void oneOfTwoAgentsKilledMidUpload_theOtherTakesOver_andEveryRenderArrivesOnce() throws Exception {
    startSandbox(256 << 10);
    sandbox.faults().latency(Duration.ofMillis(15)); // uploads last long enough to be killed in
    Random random = new Random(Long.getLong("postflow.agent.seed", System.nanoTime()));
    int next = 0;
    for (; next < 12; next++) {
      render(next, (1 << 20) + random.nextInt(2 << 20), random.nextLong());
    }
    Map<String, Set<String>> uploading = new ConcurrentHashMap<>();
    ChildJvm survivor = agent("survivor", uploading);
    survivor.awaitLine("running"::equals, Duration.ofSeconds(60));
    int midUpload = 0;
    List<String> cutOff = new ArrayList<>();
    for (int kill = 0; kill < KILLS; kill++) {
      String id = "victim-" + kill;
      ChildJvm victim = agent(id, uploading);
      victim.awaitLine("running"::equals, Duration.ofSeconds(60));
      // More renders than the survivor's workers can take at once, until the victim has an
      // upload of its own.
      Instant deadline = Instant.now().plusSeconds(120);
      do {
        assertThat(Instant.now()).as(id + " got work").isBefore(deadline);
        for (int burst = 0; burst < 6 && next < 200; burst++, next++) {
          render(next, (1 << 20) + random.nextInt(2 << 20), random.nextLong());
        }
      } while (!startedAny(victim, Duration.ofSeconds(10)));
      Thread.sleep(random.nextInt(400));
      List<String> held = List.copyOf(uploading.get(id));
      victim.kill();
      if (!held.isEmpty()) {
        midUpload++;
        cutOff.addAll(held);
      }
    }
    allWritten();

    assertThat(exit(survivor)).as("the survivor finished").isZero();
    System.out.println("SharedJournalAgentsTest: " + KILLS + " kills, " + midUpload + " mid-upload, cut off: " + cutOff);
    assertThat(midUpload).as("kills that struck mid-upload").isPositive();
    assertEveryRenderOnceWithItsBytes();
    assertNoFolderTwice(sandbox.inspect().tree());
  }

  @Test
  void pausedAgentPastItsLease_wakesUpAndCannotOverwriteItsSuccessor() throws Exception {
    startSandbox(256 << 10);
    sandbox.faults().latency(Duration.ofMillis(20));
    Random random = new Random(7);
    for (int i = 0; i < 8; i++) {
      render(i, (2 << 20) + random.nextInt(1 << 20), random.nextLong());
    }
    allWritten();
    Map<String, Set<String>> uploading = new ConcurrentHashMap<>();
    ChildJvm sleeper = agent("sleeper", uploading);
    String line = sleeper.awaitLine(l -> l.startsWith("started "), Duration.ofSeconds(60));
    String name = line.substring("started ".length());
    sleeper.pause();
    ChildJvm successor = agent("successor", uploading);
    try (PostgresDeliveryJournal journal = journal()) {
      long id = journal.list(Set.of(), 100).stream().filter(d -> d.file().fileName().equals(name))
          .findFirst().orElseThrow().id();
      awaitDelivered(journal, id, FINISH);
      sleeper.resume();
      assertThat(exit(successor)).as("the successor finished").isZero();
      assertThat(exit(sleeper)).as("the woken agent finished").isZero();

      assertThat(sleeper.lines()).as("the woken agent was refused").anyMatch(l -> l.contains("is lost"));
      Delivery delivered = journal.find(id).orElseThrow();
      SandboxFile inSandbox = sandbox.inspect().files().stream().filter(f -> f.name().equals(name))
          .collect(Collectors.toList()).get(0);
      assertThat(delivered.facts().fileId()).contains(inSandbox.id());
    }
    assertEveryRenderOnceWithItsBytes();
  }

  @Test
  void postgresRestartedMidRun_agentsReconnectAndFinish() throws Exception {
    startSandbox(1 << 20); // paced uploads: the restart comes while most renders are still to go
    Random random = new Random(40);
    for (int i = 0; i < 40; i++) {
      render(i, 65_536 + random.nextInt(262_144), random.nextLong());
    }
    allWritten();
    Map<String, Set<String>> uploading = new ConcurrentHashMap<>();
    ChildJvm a = agent("agent-a", uploading);
    ChildJvm b = agent("agent-b", uploading);
    a.awaitLine(l -> l.startsWith("delivered "), Duration.ofSeconds(60));

    PostgresForTests.restart(true);

    assertThat(exit(a)).as("agent a finished").isZero();
    assertThat(exit(b)).as("agent b finished").isZero();
    assertEveryRenderOnceWithItsBytes();
  }

  private static List<String> allFast() {
    List<String> all = new ArrayList<>(PER_MINUTE_OPERATIONS);
    all.addAll(PER_SECOND_OPERATIONS);
    return all;
  }

  private static boolean startedAny(ChildJvm agent, Duration timeout) throws InterruptedException {
    try {
      agent.awaitLine(l -> l.startsWith("started ") || l.startsWith("resumed "), timeout);
      return true;
    } catch (AssertionError e) {
      return false;
    }
  }

  /** Waits for the agent to end by itself; its exit status, its output shown when not 0. */
  private static int exit(ChildJvm agent) throws InterruptedException {
    int status = agent.awaitExit(FINISH);
    if (status != 0) {
      System.out.println("agent " + agent.pid() + " ended with " + status + ":\n" + String.join("\n", agent.lines()));
    }
    return status;
  }

  private void awaitDelivered(PostgresDeliveryJournal journal, long id, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (journal.find(id).orElseThrow().state() != DeliveryState.DELIVERED) {
      assertThat(Instant.now()).as("delivery " + id + " delivered by the successor in time").isBefore(deadline);
      Thread.sleep(100);
    }
  }

  private void assertEveryRenderOnceWithItsBytes() {
    Map<String, List<SandboxFile>> byName = sandbox.inspect().files().stream()
        .collect(Collectors.groupingBy(SandboxFile::name));
    assertThat(byName.keySet()).containsExactlyInAnyOrderElementsOf(written.keySet());
    written.forEach((name, file) -> {
      assertThat(byName.get(name)).as(name + " exactly once").hasSize(1);
      assertThat(byName.get(name).get(0).sha256()).as(name).isEqualTo(TestFiles.sha256(file));
    });
    try (PostgresDeliveryJournal journal = journal()) {
      assertThat(journal.counts()).isEqualTo(Map.of(DeliveryState.DELIVERED, (long) written.size()));
      assertThat(journal.held()).as("nothing stuck claimed").isEmpty();
    }
  }

  private static void assertNoFolderTwice(SandboxNode node) {
    Map<String, Long> names = node.children().stream().filter(c -> c.type().equals("folder"))
        .collect(Collectors.groupingBy(SandboxNode::name, Collectors.counting()));
    assertThat(names).as("folders in " + node.name()).allSatisfy((name, count) -> assertThat(count).isOne());
    node.children().forEach(SharedJournalAgentsTest::assertNoFolderTwice);
  }
}
