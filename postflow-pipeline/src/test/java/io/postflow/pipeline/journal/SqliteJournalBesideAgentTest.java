package io.postflow.pipeline.journal;

import static io.postflow.api.DeliveryState.DELIVERED;
import static io.postflow.api.DeliveryState.FAILED;
import static io.postflow.api.DeliveryState.IN_PROGRESS;
import static io.postflow.api.DeliveryState.PENDING;
import static io.postflow.api.DeliveryState.QUARANTINED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryFacts;
import io.postflow.api.FileIdentity;
import io.postflow.api.JournalException;
import io.postflow.api.Lease;
import io.postflow.pipeline.journal.contract.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal opened beside the agent that holds it (the CLI's commands while {@code postflow run}
 * runs): reads see the agent's writes, the operator's requeue and forget never touch a delivery a
 * worker holds, and opening changes nothing.
 */
class SqliteJournalBesideAgentTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Duration LEASE = Duration.ofMinutes(2);

  @TempDir Path dir;
  private final TestClock clock = new TestClock(T0);
  private SqliteDeliveryJournal agent;
  private long delivered;
  private long failed;
  private long quarantined;
  private Lease inFlight;

  private Path file() {
    return dir.resolve("journal.db");
  }

  private Delivery record(String name) {
    return agent.record(FileIdentity.of("renders", name, 100, T0), "/r/" + name, DeliveryFacts.none()).orElseThrow();
  }

  private Lease claim() {
    return agent.claim("agent/worker-1", LEASE).orElseThrow();
  }

  @BeforeEach
  void agentHoldsTheJournal() {
    agent = SqliteDeliveryJournal.builder().file(file()).clock(clock).open();
    delivered = record("a.mov").id();
    agent.complete(claim());
    failed = record("b.mov").id();
    agent.finish(claim(), FAILED, "HTTP 500 after 8 attempts");
    quarantined = record("c.mov").id();
    agent.finish(claim(), QUARANTINED, "matches no pattern");
    record("d.mov");
    inFlight = claim();
  }

  @AfterEach
  void stopAgent() {
    agent.close();
  }

  @Test
  void readOnly_seesTheAgentsWritesAsTheyCommit_andRefusesToWriteOrClaim() {
    try (SqliteDeliveryJournal look = SqliteDeliveryJournal.builder().file(file()).readOnly().open()) {
      assertThat(look.isBesideAgent()).isTrue();
      assertThat(look.counts()).isEqualTo(Map.of(DELIVERED, 1L, FAILED, 1L, QUARANTINED, 1L, IN_PROGRESS, 1L));
      assertThat(look.find(inFlight.deliveryId()).orElseThrow().owner()).contains("agent/worker-1");

      agent.complete(inFlight);
      assertThat(look.find(inFlight.deliveryId()).orElseThrow().state()).isEqualTo(DELIVERED);

      assertThatThrownBy(() -> look.requeue(failed)).isInstanceOf(JournalException.class)
          .hasMessageContaining(file().toString());
      assertThatThrownBy(() -> look.claim("intruder", LEASE)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("only the agent claims");
    }
    assertThat(agent.find(failed).orElseThrow().state()).isEqualTo(FAILED);
  }

  @Test
  void opening_besideTheAgent_leavesItsLeasesAlone_andTheAgentWritesOnUnderItsLease() {
    try (SqliteDeliveryJournal beside = SqliteDeliveryJournal.builder().file(file()).besideAgent().open()) {
      assertThat(beside.find(inFlight.deliveryId()).orElseThrow().state()).isEqualTo(IN_PROGRESS);
      agent.recordFacts(inFlight, DeliveryFacts.builder().fileId("file-1").build());
      agent.complete(inFlight);
      assertThat(beside.find(inFlight.deliveryId()).orElseThrow().facts().fileId()).contains("file-1");
    }
  }

  @Test
  void requeue_besideTheAgent_givesTheAgentTheDeliveryAtItsNextClaim_withItsFacts() {
    agent.complete(inFlight);
    try (SqliteDeliveryJournal beside = SqliteDeliveryJournal.builder().file(file()).besideAgent().open()) {
      assertThat(beside.requeue(failed)).isTrue();
      assertThat(beside.requeue(delivered)).as("a delivered file is never sent again by a retry").isFalse();
    }

    Lease next = agent.claim("agent/worker-2", LEASE).orElseThrow();
    assertThat(next.deliveryId()).isEqualTo(failed);
    assertThat(next.delivery().attempts()).isZero();
    assertThat(agent.claim("agent/worker-3", LEASE)).isEmpty();
  }

  @Test
  void forgetAndRequeue_besideTheAgent_neverTouchADeliveryAWorkerHolds() {
    try (SqliteDeliveryJournal beside = SqliteDeliveryJournal.builder().file(file()).besideAgent().open()) {
      assertThat(beside.forget(inFlight.deliveryId())).isFalse();
      assertThat(beside.requeue(inFlight.deliveryId())).isFalse();
      assertThat(beside.forget(quarantined)).isTrue();
      assertThat(beside.find(quarantined)).isEmpty();
    }

    Delivery done = agent.complete(inFlight);
    assertThat(done.state()).isEqualTo(DELIVERED);
    assertThat(agent.list(Set.of(), 10)).hasSize(3);
  }

  @Test
  void besideAgent_opensOnlyAnExistingJournalOfThisSchema_andChangesNothing() throws Exception {
    Path missing = dir.resolve("none.db");
    assertThatThrownBy(() -> SqliteDeliveryJournal.builder().file(missing).readOnly().open())
        .isInstanceOf(JournalException.class).hasMessageContaining("does not exist");
    assertThat(missing).doesNotExist();

    byte[] before = Files.readAllBytes(file());
    assertThatThrownBy(() -> SqliteDeliveryJournal.builder().file(file()).besideAgent()
            .migrations(SqliteJournalMigrationTest.withV2("CREATE TABLE later (x INTEGER)")).open())
        .isInstanceOf(JournalException.class).hasMessageContaining("its agent migrates it at its start");
    assertThat(Files.readAllBytes(file())).isEqualTo(before);
    assertThat(agent.find(inFlight.deliveryId()).orElseThrow().state()).isEqualTo(IN_PROGRESS);
  }
}
