package io.postflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postflow.api.Delivery;
import io.postflow.api.DeliveryFacts;
import io.postflow.api.DeliveryState;
import io.postflow.api.FileIdentity;
import io.postflow.pipeline.journal.SqliteDeliveryJournal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** status, deliveries, retry and forget on a journal the test fills. */
class JournalCommandsTest {
  @TempDir Path dir;
  private Path journalFile;
  private long delivered;
  private long failed;
  private long quarantined;

  @BeforeEach
  void fillJournal() {
    journalFile = dir.resolve("journal.db");
    try (SqliteDeliveryJournal journal = SqliteDeliveryJournal.open(journalFile)) {
      delivered = record(journal, "SC01/KRAK_00001_v001.mov", "KRAK_00001");
      journal.complete(journal.claim("test", Duration.ofMinutes(1)).orElseThrow());
      failed = record(journal, "SC01/KRAK_00002_v001.mov", "KRAK_00002");
      journal.finish(journal.claim("test", Duration.ofMinutes(1)).orElseThrow(), DeliveryState.FAILED, "HTTP 500 after 8 attempts");
      quarantined = record(journal, "SC01/final_FINAL.mov", null);
      journal.finish(journal.claim("test", Duration.ofMinutes(1)).orElseThrow(), DeliveryState.QUARANTINED,
          "the name matches no pattern");
    }
  }

  private static long record(SqliteDeliveryJournal journal, String path, String shot) {
    DeliveryFacts facts = shot == null ? DeliveryFacts.none() : DeliveryFacts.builder().shot(shot).version(1).build();
    Delivery d = journal.record(FileIdentity.of("renders", path, 1000, Instant.parse("2026-01-05T10:00:00Z")),
        "/mnt/" + path, facts).orElseThrow();
    return d.id();
  }

  private CliRun cli() {
    return new CliRun(dir, null).env("POSTFLOW_JOURNAL", journalFile.toString());
  }

  @Test
  void status_countsEachStateAndListsWhatWasSetAside() throws Exception {
    CliRun cli = cli();
    assertThat(cli.run("status")).as(cli.err()).isZero();
    assertThat(cli.out()).contains("delivered    1").contains("failed       1").contains("quarantined  1")
        .contains("HTTP 500 after 8 attempts").contains("the name matches no pattern");

    CliRun json = cli();
    assertThat(json.run("status", "--json")).isZero();
    JsonNode node = new ObjectMapper().readTree(json.out());
    assertThat(node.get("counts").get("failed").asInt()).isEqualTo(1);
    assertThat(node.get("set_aside")).hasSize(2);
  }

  @Test
  void status_withoutAJournal_saysTheAgentHasNotRun_andCreatesNone() {
    CliRun cli = new CliRun(dir, null).env("POSTFLOW_JOURNAL", dir.resolve("none.db").toString());

    assertThat(cli.run("status")).isZero();
    assertThat(cli.out()).contains("none yet");
    assertThat(dir.resolve("none.db")).doesNotExist();
  }

  @Test
  void deliveries_filtersByStateAndShot_andPrintsJson() throws Exception {
    CliRun cli = cli();
    assertThat(cli.run("deliveries", "--state", "failed,quarantined")).isZero();
    assertThat(cli.out()).contains("KRAK_00002_v001.mov").contains("final_FINAL.mov").doesNotContain("KRAK_00001");

    CliRun json = cli();
    assertThat(json.run("deliveries", "--shot", "KRAK_00001", "--json")).isZero();
    JsonNode array = new ObjectMapper().readTree(json.out());
    assertThat(array).hasSize(1);
    assertThat(array.get(0).get("state").asText()).isEqualTo("delivered");

    CliRun bad = cli();
    assertThat(bad.run("deliveries", "--state", "lost")).isEqualTo(2);
    assertThat(bad.err()).contains("lost").contains("PENDING");
  }

  @Test
  void retry_makesAFailedDeliveryPending_andRefusesOthers() {
    CliRun cli = cli();
    assertThat(cli.run("retry", String.valueOf(failed))).as(cli.err()).isZero();
    assertThat(cli.out()).contains("pending again");
    try (SqliteDeliveryJournal journal = SqliteDeliveryJournal.open(journalFile)) {
      assertThat(journal.find(failed).orElseThrow().state()).isEqualTo(DeliveryState.PENDING);
    }

    CliRun refused = cli();
    assertThat(refused.run("retry", String.valueOf(delivered))).isEqualTo(1);
    assertThat(refused.err()).contains("is delivered: only failed or quarantined");
    CliRun missing = cli();
    assertThat(missing.run("retry", "999")).isEqualTo(1);
    assertThat(missing.err()).contains("no delivery 999");
    assertThat(cli().run("retry", "abc")).isEqualTo(2);
  }

  @Test
  void forget_removesTheDelivery() {
    CliRun cli = cli();
    assertThat(cli.run("forget", String.valueOf(quarantined))).as(cli.err()).isZero();
    try (SqliteDeliveryJournal journal = SqliteDeliveryJournal.open(journalFile)) {
      assertThat(journal.find(quarantined)).isEmpty();
      assertThat(journal.find(failed)).isPresent();
    }
  }

  @Test
  void whileAnAgentHoldsTheJournal_theCommandsWorkBesideIt_andOpeningChangesNothing() {
    try (SqliteDeliveryJournal held = SqliteDeliveryJournal.open(journalFile)) {
      long inFlight = record(held, "SC01/KRAK_00003_v001.mov", "KRAK_00003");
      held.claim("agent/worker-1", Duration.ofMinutes(5)).orElseThrow();

      CliRun list = cli();
      assertThat(list.run("deliveries")).as(list.err()).isZero();
      assertThat(list.out()).contains("KRAK_00003_v001.mov").contains("in_progress");
      CliRun forget = cli();
      assertThat(forget.run("forget", String.valueOf(inFlight))).isEqualTo(1);
      assertThat(forget.err()).contains("worker agent/worker-1 holds it", "lease until");
      CliRun retry = cli();
      assertThat(retry.run("retry", String.valueOf(failed))).as(retry.err()).isZero();

      assertThat(held.find(inFlight).orElseThrow().state()).isEqualTo(DeliveryState.IN_PROGRESS);
      assertThat(held.find(failed).orElseThrow().state()).isEqualTo(DeliveryState.PENDING);
    }
  }

  @Test
  void forget_ofADeliveryWhoseAgentStopped_saysTheLeaseRanOut_andWhatToDo() {
    long stale;
    try (SqliteDeliveryJournal crashed = SqliteDeliveryJournal.builder().file(journalFile)
        .clock(java.time.Clock.fixed(Instant.parse("2026-01-05T10:00:00Z"), java.time.ZoneOffset.UTC)).open()) {
      stale = record(crashed, "SC01/KRAK_00004_v001.mov", "KRAK_00004");
      crashed.claim("gone-agent/worker-1", Duration.ofMinutes(1)).orElseThrow();
    }

    CliRun forget = cli();
    assertThat(forget.run("forget", String.valueOf(stale))).isEqualTo(1);
    assertThat(forget.err()).contains("lease ran out at 2026-01-05T10:01:00Z").contains("next start");
  }
}
