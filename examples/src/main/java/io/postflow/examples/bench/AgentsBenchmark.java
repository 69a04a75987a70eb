package io.postflow.examples.bench;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryState;
import io.postflow.api.PipelineListener;
import io.postflow.frameio.auth.StaticTokenAuthenticator;
import io.postflow.journal.postgres.PostgresDeliveryJournal;
import io.postflow.pipeline.PostFlow;
import io.postflow.testkit.FrameioSandbox;
import io.postflow.testkit.ShotListFiles;
import io.postflow.testkit.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * 1, 2 and 3 PostFlow agents sharing one PostgreSQL journal and one watched folder deliver the
 * same renders to a {@link FrameioSandbox} that enforces Frame.io's documented rate limits (its
 * default, per user: every agent uses the same login, as a studio's agents do). For each count it
 * prints the wall time from the first render written to the last delivered, renders and MiB per
 * second, each agent's share, and the 429 answers. The agents run in this one JVM (each with its
 * own journal connections, workers and uploader), so they share its CPUs: on a machine with few
 * cores the figures show the rate limits and the CPU, not the network. A program, not a test: see
 * docs/scaling.md for the command and figures.
 *
 * <p>Needs a PostgreSQL server: {@code POSTFLOW_JOURNAL_URL}, {@code POSTFLOW_JOURNAL_USER} and
 * {@code POSTFLOW_JOURNAL_PASSWORD_FILE} in the environment ({@code scripts/postgres-for-tests start}
 * makes a throw-away one). Each round uses a schema of its own, dropped afterwards.
 *
 * <p>Arguments (all optional): {@code renders MiB uploadsPerAgent}; default 60 renders of 4 MiB,
 * 3 uploads at once per agent.
 */
public final class AgentsBenchmark {
  private static final Duration ROUND_TIMEOUT = Duration.ofMinutes(20);

  private AgentsBenchmark() {}

  public static void main(String[] args) throws Exception {
    int renders = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    long bytes = (args.length > 1 ? Long.parseLong(args[1]) : 4) << 20;
    int uploads = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    String url = required("POSTFLOW_JOURNAL_URL");
    String user = required("POSTFLOW_JOURNAL_USER");
    String password = Files.readString(Path.of(required("POSTFLOW_JOURNAL_PASSWORD_FILE")), StandardCharsets.UTF_8)
        .strip();
    print("machine: %d CPUs, max heap %,d MiB; %d renders of %d MiB, %d uploads at once per agent",
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, renders,
        bytes >> 20, uploads);
    List<Round> rounds = new ArrayList<>();
    for (int agents = 1; agents <= 3; agents++) {
      rounds.add(round(agents, renders, bytes, uploads, url, user, password));
    }
    BenchReport report = BenchReport.of("Agents sharing a PostgreSQL journal", AgentsBenchmark.class, args)
        .explainedIn("scaling.md");
    Round one = rounds.get(0);
    for (Round round : rounds) {
      if (round.agents() > 1) {
        report.compare(round.agents() + " agents: renders/s", round.rendersPerSecond(), "1 agent, same renders",
            one.rendersPerSecond(), "%.2f");
      } else {
        report.value("1 agent: renders/s", String.format(Locale.ROOT, "%.2f", round.rendersPerSecond()));
      }
      report.value(round.agents() + (round.agents() == 1 ? " agent" : " agents") + ": 429 answers",
          Long.toString(round.refused()));
    }
    report.note(String.format(Locale.ROOT, "One run per agent count: %d renders of %d MiB written into one watched"
        + " folder, %d uploads at once per agent, the sandbox enforcing Frame.io's limits per user (all agents use"
        + " one login); the agents share this JVM's CPUs.", renders, bytes >> 20, uploads))
        .appendIfRequested();
  }

  /** What one agent count measured. */
  private record Round(int agents, double rendersPerSecond, long refused) {}

  private static Round round(int agentCount, int renders, long bytes, int uploads, String url, String user,
      String password) throws Exception {
    Path work = Files.createTempDirectory("postflow-agents-bench");
    String schema = "bench_" + agentCount + "_" + ProcessHandle.current().pid();
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    List<String> scenes = new ArrayList<>(Collections.nCopies(renders, "BENCH - JOUR"));
    ShotListFiles.write(work.resolve("shots.csv"), "BENCH", scenes);
    Path watched = Files.createDirectories(work.resolve("renders"));
    List<PostFlow> agents = new ArrayList<>();
    List<AtomicInteger> shares = new ArrayList<>();
    try (FrameioSandbox sandbox = FrameioSandbox.builder()
        .tempDirectory(Files.createDirectories(work.resolve("sandbox"))).start()) {
      String token = sandbox.issueAccessToken(Duration.ofHours(2));
      for (int i = 1; i <= agentCount; i++) {
        AtomicInteger share = new AtomicInteger();
        shares.add(share);
        PostFlow agent = PostFlow.builder()
            .fromEnvironment(Map.of("POSTFLOW_JOURNAL_USER", user,
                "POSTFLOW_JOURNAL_PASSWORD_FILE", required("POSTFLOW_JOURNAL_PASSWORD_FILE")))
            .journalUrl(schemaUrl)
            .agentId("agent-" + i)
            .frameioBaseUri(sandbox.baseUri())
            .authenticator(StaticTokenAuthenticator.of(token))
            .accountId(sandbox.accountId())
            .projectId(sandbox.projectId())
            .shotList(work.resolve("shots.csv"))
            .watch("renders", watched)
            .settleTime(Duration.ofMillis(200))
            .scanInterval(Duration.ofSeconds(2))
            .maxConcurrentUploads(uploads)
            .notifier(n -> {})
            .listener(new PipelineListener() {
              @Override
              public void onDelivered(Delivery delivery) {
                share.incrementAndGet();
              }
            })
            .build();
        agents.add(agent);
        agent.start();
      }
      long began = System.nanoTime();
      for (int i = 1; i <= renders; i++) {
        TestFiles.random(watched.resolve(String.format(Locale.ROOT, "BENCH_%05d_v001.mov", i)), bytes, i);
      }
      try (PostgresDeliveryJournal journal = PostgresDeliveryJournal.builder().url(schemaUrl).user(user)
          .password(password).open()) {
        long deadline = began + ROUND_TIMEOUT.toNanos();
        while (journal.counts().getOrDefault(DeliveryState.DELIVERED, 0L) < renders) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(agentCount + " agent(s) did not deliver " + renders + " renders in "
                + ROUND_TIMEOUT + ": " + journal.counts());
          }
          Thread.sleep(20);
        }
      }
      double seconds = (System.nanoTime() - began) / 1e9;
      long refused = sandbox.inspect().requests(r -> r.status() == 429).size();
      print("%d agent(s): %6.1f s, %5.2f renders/s, %6.1f MiB/s; shares %s; 429 answers %,d", agentCount,
          seconds, renders / seconds, renders * (bytes / (double) (1 << 20)) / seconds, shares, refused);
      return new Round(agentCount, renders / seconds, refused);
    } finally {
      for (PostFlow agent : agents) {
        agent.close();
      }
      try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
      try (var all = Files.walk(work)) {
        for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static String required(String key) {
    String value = System.getenv(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(key + " is not set: start a server with `eval \"$(scripts/postgres-for-tests"
          + " start)\"` and set POSTFLOW_JOURNAL_URL, _USER and _PASSWORD_FILE from what it prints"
          + " (see docs/scaling.md)");
    }
    return value;
  }

  private static void print(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }
}
