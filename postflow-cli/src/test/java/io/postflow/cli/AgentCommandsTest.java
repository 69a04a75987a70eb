package io.postflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postflow.api.Delivery;
import io.postflow.api.DeliveryState;
import io.postflow.api.FolderPath;
import io.postflow.api.PipelineListener;
import io.postflow.pipeline.PostFlow;
import io.postflow.pipeline.journal.SqliteDeliveryJournal;
import io.postflow.testkit.FrameioSandbox;
import io.postflow.testkit.TestFiles;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run, doctor and sandbox: the long-running commands and the one that checks them. */
class AgentCommandsTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @TempDir Path dir;
  private FrameioSandbox sandbox;
  private Path renders;

  @BeforeEach
  void setUp() throws Exception {
    sandbox = FrameioSandbox.start();
    renders = Files.createDirectories(dir.resolve("filespace/renders"));
  }

  @AfterEach
  void tearDown() {
    sandbox.close();
  }

  private CliRun agentConfigured() {
    Path csv = dir.resolve("shots.csv");
    if (!Files.exists(csv)) {
      try (InputStream in = getClass().getResourceAsStream("/shots/shots_sample.csv")) {
        Files.copy(in, csv);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return new CliRun(dir.resolve("home"), sandbox).onSandbox()
        .env("POSTFLOW_SHOT_LIST", csv.toString())
        .env("LUCIDLINK_MOUNT_PATH", renders.toString())
        .env("POSTFLOW_JOURNAL", dir.resolve("journal.db").toString())
        .env("POSTFLOW_SETTLE_TIME", "200ms")
        .env("POSTFLOW_SCAN_INTERVAL", "200ms");
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not within " + DEADLINE + ": " + what);
      }
      Thread.sleep(50);
    }
  }

  @Test
  void run_deliversADroppedRender_andStopsGracefullyOnTheSignal() throws Exception {
    CliRun cli = agentConfigured();
    CompletableFuture<Integer> agent = CompletableFuture.supplyAsync(() -> cli.run("run", "--grace", "5",
        "--dashboard-port", "0"));
    await("the agent says it runs", () -> cli.out().contains("Ctrl-C") || agent.isDone());
    assertThat(agent.isDone()).as(cli.err()).isFalse();
    // The live dashboard is up beside the agent, on loopback.
    java.util.regex.Matcher url = java.util.regex.Pattern.compile("Dashboard: (http://127\\.0\\.0\\.1:\\d+/\\S*)")
        .matcher(cli.out());
    assertThat(url.find()).as(cli.out()).isTrue();
    java.net.http.HttpResponse<String> page = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url.group(1))).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);

    Path render = TestFiles.random(renders.resolve("KRAK_00003_v001.mov"), 300_000, 1);
    await("the render reaches the sandbox whole", () -> sandbox.inspect().fileNamed("KRAK_00003_v001.mov")
        .map(f -> f.sha256() != null).orElse(false));
    assertThat(sandbox.inspect().fileNamed("KRAK_00003_v001.mov").orElseThrow().sha256()).isEqualTo(TestFiles.sha256(render));
    cli.stop.trigger();

    assertThat(agent.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as(cli.err()).isZero();
    assertThat(cli.out()).contains("Agent stopped.");
    assertThatThrownBy(() -> java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url.group(1))).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString())).as("the dashboard stopped with the agent")
        .isInstanceOf(java.io.IOException.class);
    try (SqliteDeliveryJournal journal = SqliteDeliveryJournal.open(dir.resolve("journal.db"))) {
      assertThat(journal.list(java.util.Set.of(), 10)).hasSize(1)
          .allSatisfy(d -> assertThat(d.facts().sha256()).contains(TestFiles.sha256(render)));
    }
  }

  /**
   * A coordinator's commands while the agent runs: reads see the live journal, a retry is taken up
   * by the running agent, and a delivery a worker holds can be neither forgotten nor sent twice.
   * The agent is the one {@code postflow run} starts, with a listener that holds one upload at its
   * folder step, so that "in progress" lasts exactly as long as the test needs.
   */
  @Test
  void journalCommands_workBesideTheRunningAgent_andNeverTouchWhatAWorkerHolds() throws Exception {
    CliRun config = agentConfigured();
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger quarantines = new AtomicInteger();
    PipelineListener gate = new PipelineListener() {
      @Override
      public void onFolderReady(Delivery d, FolderPath path, String folderId) {
        if (d.file().fileName().equals("KRAK_00004_v001.mov")) {
          try {
            release.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }

      @Override
      public void onQuarantined(Delivery d, String reason) {
        quarantines.incrementAndGet();
      }
    };
    // The held worker is let go before the agent stops, also when an assertion fails.
    try (Agent agent = Agent.start(PostFlow.builder().fromEnvironment(config.env).build())) {
      try {
        agent.postflow().addListener(gate);
        Path held = TestFiles.random(renders.resolve("KRAK_00004_v001.mov"), 300_000, 4);
        TestFiles.random(renders.resolve("KRAK_00003_final.mov"), 1_000, 5);
        await("one delivery held in flight, one quarantined, seen by 'postflow status'", () -> {
          JsonNode counts = json(agentConfigured(), "status", "--json").get("counts");
          return counts.get("in_progress").asInt() == 1 && counts.get("quarantined").asInt() == 1;
        });
        JsonNode listed = json(agentConfigured(), "deliveries", "--json");
        assertThat(listed).hasSize(2);
        long inFlight = idOf(listed, "KRAK_00004_v001.mov");
        long badName = idOf(listed, "KRAK_00003_final.mov");

        CliRun forgetInFlight = agentConfigured();
        assertThat(forgetInFlight.run("forget", String.valueOf(inFlight))).isEqualTo(1);
        assertThat(forgetInFlight.err()).contains("is in progress", "could upload it twice", "what to do:");

        CliRun retry = agentConfigured();
        assertThat(retry.run("retry", String.valueOf(badName))).as(retry.err()).isZero();
        assertThat(retry.out()).contains("pending again");
        await("the running agent takes the retried delivery up again", () -> quarantines.get() == 2);
        await("'postflow status' sees it set aside again", () ->
            json(agentConfigured(), "status", "--json").get("counts").get("quarantined").asInt() == 1);
        CliRun forget = agentConfigured();
        assertThat(forget.run("forget", String.valueOf(badName))).as(forget.err()).isZero();

        release.countDown();
        await("the held render reaches the sandbox whole", () -> sandbox.inspect().fileNamed("KRAK_00004_v001.mov")
            .map(f -> f.sha256() != null).orElse(false));
        await("'postflow status' sees it delivered", () ->
            json(agentConfigured(), "status", "--json").get("counts").get("delivered").asInt() == 1);
        assertThat(sandbox.inspect().files()).filteredOn(f -> f.name().equals("KRAK_00004_v001.mov"))
            .singleElement().satisfies(f -> assertThat(f.sha256()).isEqualTo(TestFiles.sha256(held)));
        JsonNode after = json(agentConfigured(), "deliveries", "--json");
        assertThat(after).hasSize(1);
        assertThat(after.get(0).get("state").asText()).isEqualTo("delivered");
      } finally {
        release.countDown();
      }
    }
  }

  @Test
  void run_whileAnotherAgentHoldsTheJournal_exitsFourSayingWhatToDo() throws Exception {
    try (SqliteDeliveryJournal other = SqliteDeliveryJournal.open(dir.resolve("journal.db"))) {
      CliRun cli = agentConfigured();
      assertThat(cli.run("run", "--no-dashboard")).isEqualTo(4);
      assertThat(cli.err()).contains("in use").contains("another agent").doesNotContain("\tat ");
      CliRun status = agentConfigured();
      assertThat(status.run("status")).as(status.err()).isZero();
    }
  }

  private static JsonNode json(CliRun cli, String... args) {
    int exit = cli.run(args);
    assertThat(exit).as(String.join(" ", args) + ": " + cli.err()).isZero();
    try {
      return new ObjectMapper().readTree(cli.out());
    } catch (java.io.IOException e) {
      throw new AssertionError(cli.out(), e);
    }
  }

  private static long idOf(JsonNode deliveries, String fileName) {
    for (JsonNode d : deliveries) {
      if (d.get("path").asText().endsWith(fileName)) {
        return d.get("id").asLong();
      }
    }
    throw new AssertionError("no delivery of " + fileName + " in " + deliveries);
  }

  @Test
  void run_withoutAProject_exitsThreeNamingTheSetting() {
    CliRun cli = new CliRun(dir.resolve("home"), sandbox).env("FRAMEIO_TOKEN", "x");

    assertThat(cli.run("run")).isEqualTo(3);
    assertThat(cli.err()).contains("FRAMEIO_PROJECT_ID").doesNotContain("\tat ");
  }

  @Test
  void doctor_onAHealthyConfiguration_findsNothingToFix() throws Exception {
    CliRun cli = agentConfigured();

    int exit = cli.run("doctor");

    assertThat(exit).as(cli.out()).isZero();
    assertThat(cli.out()).contains("[OK  ] agent").contains("[OK  ] network").contains("[OK  ] clock")
        .contains("logged in as sandbox.user@example.com").contains("[WARN] credentials")
        .doesNotContain(cli.env.get("FRAMEIO_TOKEN"));
  }

  @Test
  void doctor_whenFrameioRefuses_namesTheCauseAndWhatToDo_andExitsOne() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    CliRun cli = agentConfigured().env("FRAMEIO_BASE_URL", "http://127.0.0.1:" + closed)
        .env("LUCIDLINK_MOUNT_PATH", dir.resolve("not-mounted").toString());

    assertThat(cli.run("doctor", "--json")).isEqualTo(1);

    JsonNode findings = new ObjectMapper().readTree(cli.out());
    assertThat(findings).anySatisfy(f -> {
      assertThat(f.get("topic").asText()).isEqualTo("network");
      assertThat(f.get("level").asText()).isEqualTo("fail");
      assertThat(f.get("finding").asText()).contains("connection refused");
      assertThat(f.get("what_to_do").asText()).contains("nothing listens");
    });
    assertThat(findings).anySatisfy(f -> assertThat(f.get("finding").asText()).contains("would refuse to start"));
  }

  /** Records a render and claims it, as an agent starting its upload. */
  private static io.postflow.api.Lease recordAndClaim(SqliteDeliveryJournal journal) {
    journal.record(io.postflow.api.FileIdentity.of("r", "a.mov", 1, Instant.EPOCH), "/a.mov",
        io.postflow.api.DeliveryFacts.none());
    return journal.claim("t", Duration.ofMinutes(1)).orElseThrow();
  }

  @Test
  void doctor_onAJournalWithFailures_warns() throws Exception {
    CliRun cli = agentConfigured();
    try (SqliteDeliveryJournal journal = SqliteDeliveryJournal.open(dir.resolve("journal.db"))) {
      journal.finish(recordAndClaim(journal), DeliveryState.FAILED, "broken");
    }

    cli.run("doctor", "--offline");

    assertThat(cli.out()).contains("1 failed and 0 quarantined");
  }

  @Test
  void doctor_besideARunningAgent_readsItsJournal() throws Exception {
    CliRun cli = agentConfigured();
    // An open journal holds its lock, as the running agent's does.
    try (SqliteDeliveryJournal agents = SqliteDeliveryJournal.open(dir.resolve("journal.db"))) {
      agents.finish(recordAndClaim(agents), DeliveryState.FAILED, "broken");

      cli.run("doctor", "--offline");

      assertThat(cli.out()).contains("opens; 1 deliveries").contains("1 failed and 0 quarantined");
    }
  }

  @Test
  void doctor_changesNothingInTheJournal() throws Exception {
    CliRun cli = agentConfigured();
    Path file = dir.resolve("journal.db");
    long id;
    try (SqliteDeliveryJournal stopped = SqliteDeliveryJournal.open(file)) {
      id = recordAndClaim(stopped).delivery().id(); // an agent stopped mid-upload
    }

    cli.run("doctor", "--offline");

    // A normal open would have made it pending again; only the agent's next start may.
    try (SqliteDeliveryJournal after = SqliteDeliveryJournal.builder().file(file).readOnly().open()) {
      assertThat(after.find(id).orElseThrow().state()).isEqualTo(DeliveryState.IN_PROGRESS);
    }
  }

  @Test
  void sandbox_servesUntilStopped_andPrintsHowToPointPostflowAtIt() throws Exception {
    CliRun cli = new CliRun(dir.resolve("home"), sandbox);
    CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> cli.run("sandbox"));
    await("the sandbox prints its address", () -> cli.out().contains("Ctrl-C") || running.isDone());

    Matcher url = Pattern.compile("export FRAMEIO_BASE_URL=(\\S+)").matcher(cli.out());
    assertThat(url.find()).as(cli.out() + cli.err()).isTrue();
    assertThat(cli.out()).contains("FRAMEIO_CLIENT_SECRET=").contains("FRAMEIO_PROJECT_ID=");
    HttpResponse<Void> answer = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url.group(1) + "/v4/me")).build(), HttpResponse.BodyHandlers.discarding());
    assertThat(answer.statusCode()).as("it answers, and wants a token").isEqualTo(401);

    cli.stop.trigger();
    assertThat(running.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isZero();
  }

  @Test
  void sandbox_onAPortInUse_exitsFour() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CliRun cli = new CliRun(dir.resolve("home"), sandbox);
      assertThat(cli.run("sandbox", "--port", String.valueOf(taken.getLocalPort()))).isEqualTo(4);
      assertThat(cli.err()).contains("choose another --port");
    }
  }
}
