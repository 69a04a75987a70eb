package io.postflow.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.DeliveryFacts;
import io.postflow.api.DeliveryJournal;
import io.postflow.api.DeliveryState;
import io.postflow.api.FileIdentity;
import io.postflow.api.Lease;
import io.postflow.api.LocalFileException;
import io.postflow.api.Notification;
import io.postflow.api.Notifier;
import io.postflow.api.PostFlowException;
import io.postflow.pipeline.journal.SqliteDeliveryJournal;
import io.postflow.pipeline.journal.contract.TestClock;
import io.postflow.testkit.ManualTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFailuresTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final TestClock clock = new TestClock(T0);
  private DeliveryJournal journal;
  private Notifications notifications;
  private RunFailures failures;

  @BeforeEach
  void setUp() throws IOException {
    Path renders = Files.createDirectories(dir.resolve("renders"));
    journal = SqliteDeliveryJournal.builder().file(dir.resolve("journal.db")).clock(clock).open();
    // The channel's thread is never started: what the run queued stays countable in depths().
    Notifier ignored = n -> { };
    NotifySettings settings = new NotifySettings(List.of(new NotificationChannel("team", ignored, Set.of())),
        Duration.ZERO, 100, Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofSeconds(5),
        ManualTime.startingAt(T0).sleeper(), Optional.empty());
    notifications = new Notifications(journal, null, settings, clock);
    WorkSettings work = new WorkSettings("agent-a", 1, LEASE, 3, Duration.ofSeconds(1), Duration.ofMinutes(1),
        Duration.ofSeconds(1), Duration.ofSeconds(1), clock);
    EngineConfig config = new EngineConfig(journal, null, null, null, null, null, "root", Map.of("renders", renders),
        settings, List.of(), Optional.empty(), work, null);
    failures = new RunFailures(config, new Listeners(List.of()), notifications, new LocalFiles(config.roots()));
  }

  @AfterEach
  void tearDown() {
    notifications.close();
    journal.close();
  }

  private LeaseKeeper claimedByAgentA() throws IOException {
    // The render is still there as recorded: a failure, not a file that changed under the upload.
    Path render = Files.write(dir.resolve("renders").resolve("KRAK_00001_v001.mov"), new byte[1_000]);
    Files.setLastModifiedTime(render, FileTime.from(T0));
    journal.record(FileIdentity.of("renders", "KRAK_00001_v001.mov", 1_000, T0), "KRAK_00001_v001.mov",
        DeliveryFacts.builder().build());
    Lease lease = journal.claim("agent-a", LEASE).orElseThrow();
    return new LeaseKeeper(journal, lease, LEASE, clock);
  }

  @Test
  void aFailureForGood_isJournaledThenToldToTheTeam() throws IOException {
    LeaseKeeper lease = claimedByAgentA();

    assertThat(failures.ended(lease, new PostFlowException("the folder was deleted"), false))
        .hasValueSatisfying(d -> assertThat(d.state()).isEqualTo(DeliveryState.FAILED));
    assertThat(notifications.depths()).containsEntry("team", 1);
  }

  @Test
  void anAgentThatLostItsLease_beforeEndingAFailedRun_tellsNobody_theNewOwnerDecides() throws IOException {
    LeaseKeeper lease = claimedByAgentA();
    clock.advance(LEASE.plusSeconds(1));
    Lease taken = journal.claim("agent-b", LEASE).orElseThrow();

    assertThat(failures.ended(lease, new PostFlowException("the folder was deleted"), false)).isEmpty();
    assertThat(notifications.depths()).containsEntry("team", 0);
    assertThat(journal.find(taken.deliveryId()).orElseThrow().owner()).contains("agent-b");
  }

  @Test
  void isRetryable_aLocalFileThatCannotBeWritten_mayPass() {
    // The shot list's status file on a full disk: once space is freed, the next attempt writes it.
    LocalFileException full = new LocalFileException("cannot write the shot list status file",
        Path.of("/prod/shots.csv.postflow-status.json"), new IOException("No space left on device"));

    assertThat(RunFailures.isRetryable(full)).isTrue();
  }

  @Test
  void isRetryable_otherPostFlowExceptions_askTheException() {
    assertThat(RunFailures.isRetryable(new PostFlowException("a bug"))).isFalse();
  }
}
