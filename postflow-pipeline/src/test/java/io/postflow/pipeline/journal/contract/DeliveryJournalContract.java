package io.postflow.pipeline.journal.contract;

import static io.postflow.api.DeliveryState.DELIVERED;
import static io.postflow.api.DeliveryState.FAILED;
import static io.postflow.api.DeliveryState.IN_PROGRESS;
import static io.postflow.api.DeliveryState.PENDING;
import static io.postflow.api.DeliveryState.QUARANTINED;
import static io.postflow.api.DeliveryState.SUPERSEDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryFacts;
import io.postflow.api.DeliveryJournal;
import io.postflow.api.DeliveryState;
import io.postflow.api.FileIdentity;
import io.postflow.api.Lease;
import io.postflow.api.LeaseLostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DeliveryJournal} must do, whatever stores it. A journal implementation's test
 * extends this class and says how to open an empty journal on a given clock. Shipped in
 * {@code postflow-pipeline}'s test jar, so the PostgreSQL journal's module runs the same suite.
 */
public abstract class DeliveryJournalContract {
  protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  protected static final Duration LEASE = Duration.ofSeconds(30);

  protected TestClock clock;
  protected DeliveryJournal journal;

  /** An empty journal that reads {@code clock}; the contract closes it after each test. */
  protected abstract DeliveryJournal openEmpty(TestClock clock);

  @BeforeEach
  void openJournal() {
    clock = new TestClock(T0);
    journal = openEmpty(clock);
  }

  @AfterEach
  void closeJournal() {
    journal.close();
  }

  protected static FileIdentity file(String name) {
    return version(name, 1_000);
  }

  /** Another version of the same path: another size (and modification time). */
  protected static FileIdentity version(String name, long size) {
    return FileIdentity.of("renders", "SC03/" + name, size, T0.minusSeconds(size % 1000 + 60));
  }

  protected static DeliveryFacts shot(String shot, int version) {
    return DeliveryFacts.builder().shot(shot).version(version).build();
  }

  protected Delivery record(String name) {
    return journal.record(file(name), "/mnt/renders/SC03/" + name, DeliveryFacts.none()).orElseThrow();
  }

  protected Lease claim() {
    return journal.claim("worker-a", LEASE).orElseThrow();
  }

  protected DeliveryState stateOf(long id) {
    return journal.find(id).orElseThrow().state();
  }

  // ---- record ----

  @Test
  void record_returnsPendingDeliveryWithTheKnownFacts() {
    FileIdentity file = file("UNDLM_00042_v002.mov");

    Delivery recorded = journal.record(file, "/mnt/renders/SC03/UNDLM_00042_v002.mov",
        shot("UNDLM_00042", 2)).orElseThrow();

    assertThat(recorded.file()).isEqualTo(file);
    assertThat(recorded.localPath()).isEqualTo("/mnt/renders/SC03/UNDLM_00042_v002.mov");
    assertThat(recorded.state()).isEqualTo(PENDING);
    assertThat(recorded.attempts()).isZero();
    assertThat(recorded.notBefore()).isEmpty();
    assertThat(recorded.owner()).isEmpty();
    assertThat(recorded.leaseExpiresAt()).isEmpty();
    assertThat(recorded.recordedAt()).isEqualTo(T0);
    assertThat(recorded.updatedAt()).isEqualTo(T0);
    assertThat(recorded.facts()).isEqualTo(shot("UNDLM_00042", 2));
    assertThat(journal.find(recorded.id())).contains(recorded);
    assertThat(journal.find(file)).contains(recorded);
    assertThat(journal.isRecorded(file)).isTrue();
    assertThat(journal.isRecorded(version("UNDLM_00042_v002.mov", 2_000))).isFalse();
  }

  @Test
  void record_whenTheSameVersionAgain_returnsEmptyAndChangesNothing() {
    Delivery first = journal.record(file("a.mov"), "/x/a.mov", shot("A", 1)).orElseThrow();
    clock.advance(Duration.ofMinutes(1));

    Optional<Delivery> again = journal.record(file("a.mov"), "/elsewhere/a.mov", shot("B", 9));

    assertThat(again).isEmpty();
    assertThat(journal.find(first.id())).contains(first);
    assertThat(journal.counts()).isEqualTo(Map.of(PENDING, 1L));
  }

  @Test
  void isRecorded_staysTrueWhateverBecameOfTheDelivery() {
    Delivery a = record("a.mov");
    journal.complete(claim());

    assertThat(stateOf(a.id())).isEqualTo(DELIVERED);
    assertThat(journal.isRecorded(file("a.mov"))).isTrue();
    assertThat(journal.record(file("a.mov"), "/x", DeliveryFacts.none())).isEmpty();
  }

  @Test
  void record_whenANewerVersionOfThePath_supersedesItsPendingQuarantinedAndFailedVersionsOnly() {
    Delivery quarantined = journal.record(version("q.mov", 1), "/x", DeliveryFacts.none()).orElseThrow();
    journal.finish(claim(), QUARANTINED, "no pattern");
    Delivery failed = journal.record(version("f.mov", 1), "/x", DeliveryFacts.none()).orElseThrow();
    journal.finish(claim(), FAILED, "rejected");
    Delivery delivered = journal.record(version("d.mov", 1), "/x", DeliveryFacts.none()).orElseThrow();
    journal.complete(claim());
    Delivery inProgress = journal.record(version("i.mov", 1), "/x", DeliveryFacts.none()).orElseThrow();
    Lease held = claim();
    Delivery pending = journal.record(version("p.mov", 1), "/x", DeliveryFacts.none()).orElseThrow();
    Delivery otherPath = record("other.mov");
    clock.advance(Duration.ofSeconds(1));

    Map<Delivery, Delivery> newer = new LinkedHashMap<>();
    for (Delivery older : List.of(quarantined, failed, delivered, inProgress, pending)) {
      FileIdentity next = version(older.file().fileName(), 2);
      newer.put(older, journal.record(next, "/x", DeliveryFacts.none()).orElseThrow());
    }

    for (Delivery older : List.of(quarantined, failed, pending)) {
      Delivery now = journal.find(older.id()).orElseThrow();
      assertThat(now.state()).as("%s", older.file()).isEqualTo(SUPERSEDED);
      assertThat(now.reason()).hasValueSatisfying(
          r -> assertThat(r).contains("delivery " + newer.get(older).id()));
      assertThat(now.updatedAt()).isEqualTo(T0.plusSeconds(1));
    }
    assertThat(stateOf(delivered.id())).isEqualTo(DELIVERED);
    assertThat(stateOf(inProgress.id())).isEqualTo(IN_PROGRESS);
    assertThat(stateOf(otherPath.id())).isEqualTo(PENDING);
    assertThat(newer.values()).extracting(Delivery::state).containsOnly(PENDING);
    assertThat(journal.complete(held).state()).isEqualTo(DELIVERED);
  }

  @Test
  void record_ofAnotherRoot_isAnotherPath() {
    Delivery renders = record("a.mov");
    FileIdentity sameNameElsewhere = FileIdentity.of("plates", "SC03/a.mov", 5, T0);

    journal.record(sameNameElsewhere, "/y", DeliveryFacts.none()).orElseThrow();

    assertThat(stateOf(renders.id())).isEqualTo(PENDING);
  }

  // ---- claim ----

  @Test
  void claim_takesTheOldestDueDeliveryFirst() {
    Delivery first = record("1.mov");
    Delivery second = record("2.mov");
    Delivery third = record("3.mov");

    Lease lease = journal.claim("worker-a", LEASE).orElseThrow();

    assertThat(lease.deliveryId()).isEqualTo(first.id());
    assertThat(lease.owner()).isEqualTo("worker-a");
    assertThat(lease.fence()).isEqualTo(1);
    assertThat(lease.expiresAt()).isEqualTo(T0.plus(LEASE));
    assertThat(lease.delivery().state()).isEqualTo(IN_PROGRESS);
    assertThat(lease.delivery().owner()).contains("worker-a");
    assertThat(lease.delivery().leaseExpiresAt()).contains(T0.plus(LEASE));
    assertThat(journal.find(first.id())).contains(lease.delivery());
    assertThat(claim().deliveryId()).isEqualTo(second.id());
    assertThat(claim().deliveryId()).isEqualTo(third.id());
    assertThat(journal.claim("worker-a", LEASE)).isEmpty();
  }

  @Test
  void claim_whenTheJournalIsEmpty_returnsEmpty() {
    assertThat(journal.claim("worker-a", LEASE)).isEmpty();
  }

  @Test
  void claim_leavesAPendingDeliveryUntilItsNotBefore() {
    record("a.mov");
    Instant retryAt = T0.plusSeconds(60);
    journal.retryLater(claim(), retryAt, "HTTP 503");

    clock.set(retryAt.minusMillis(1));
    assertThat(journal.claim("worker-b", LEASE)).isEmpty();

    clock.set(retryAt);
    Lease lease = journal.claim("worker-b", LEASE).orElseThrow();
    assertThat(lease.fence()).isEqualTo(2);
    assertThat(lease.delivery().attempts()).isEqualTo(1);
    assertThat(lease.delivery().notBefore()).isEmpty();
  }

  @Test
  void claim_whenALeaseExpired_takesTheDeliveryOverWithTheNextFence() {
    Delivery a = record("a.mov");
    Lease first = journal.claim("worker-a", LEASE).orElseThrow();

    clock.set(first.expiresAt());
    assertThat(journal.claim("worker-b", LEASE)).as("at its expiry the lease still holds").isEmpty();

    clock.set(first.expiresAt().plusMillis(1));
    Lease takeover = journal.claim("worker-b", LEASE).orElseThrow();

    assertThat(takeover.deliveryId()).isEqualTo(a.id());
    assertThat(takeover.fence()).isEqualTo(first.fence() + 1);
    assertThat(takeover.owner()).isEqualTo("worker-b");
    assertThat(takeover.delivery().owner()).contains("worker-b");
    assertThat(takeover.expiresAt()).isEqualTo(first.expiresAt().plusMillis(1).plus(LEASE));
    assertThat(takeover.delivery().attempts()).isZero();
  }

  @Test
  void staleLease_afterATakeover_everyWriteIsRefusedAndChangesNothing() {
    Delivery a = record("a.mov");
    Lease stale = journal.claim("worker-a", LEASE).orElseThrow();
    clock.advance(LEASE.plusSeconds(1));
    Lease current = journal.claim("worker-b", LEASE).orElseThrow();
    Delivery progress = journal.recordFacts(current, DeliveryFacts.builder().folderId("f-1").build());

    List<Consumer<Lease>> writes = List.of(
        l -> journal.renew(l, LEASE),
        l -> journal.recordFacts(l, DeliveryFacts.builder().folderId("stale").fileId("x").build()),
        l -> journal.complete(l),
        l -> journal.retryLater(l, T0.plusSeconds(600), "stale"),
        l -> journal.postpone(l, T0.plusSeconds(600), "stale"),
        l -> journal.release(l),
        l -> journal.finish(l, FAILED, "stale"));
    for (Consumer<Lease> write : writes) {
      assertThatThrownBy(() -> write.accept(stale))
          .isInstanceOf(LeaseLostException.class)
          .hasMessageContaining("delivery " + a.id())
          .hasMessageContaining("fence " + stale.fence())
          .hasMessageContaining("fence " + current.fence())
          .satisfies(e -> assertThat(((LeaseLostException) e).deliveryId()).isEqualTo(a.id()));
    }

    assertThat(journal.find(a.id())).contains(progress);
    assertThat(journal.complete(current).facts().folderId()).contains("f-1");
  }

  @Test
  void leaseWrites_afterTheDeliveryEnded_areRefused() {
    record("a.mov");
    Lease lease = claim();
    journal.complete(lease);

    assertThatThrownBy(() -> journal.complete(lease))
        .isInstanceOf(LeaseLostException.class)
        .hasMessageContaining("DELIVERED");
    assertThatThrownBy(() -> journal.recordFacts(lease, DeliveryFacts.none()))
        .isInstanceOf(LeaseLostException.class);
  }

  @Test
  void recordNotified_afterDelivery_recordsItOnceAndKeepsTheDeliveryTime() {
    record("a.mov");
    Delivery delivered = journal.complete(claim());
    clock.advance(Duration.ofSeconds(90));

    assertThat(journal.recordNotified(delivered.id(), clock.instant())).isTrue();
    assertThat(journal.recordNotified(delivered.id(), clock.instant().plusSeconds(1)))
        .as("told once: a second teller learns it was done").isFalse();
    Delivery after = journal.find(delivered.id()).orElseThrow();
    assertThat(after.facts().notifiedAt()).contains(T0.plusSeconds(90));
    assertThat(after.updatedAt()).as("still the delivery time").isEqualTo(delivered.updatedAt());
    assertThat(after.state()).isEqualTo(DELIVERED);
  }

  @Test
  void recordNotified_beforeDeliveryOrForNoDelivery_recordsNothing() {
    Delivery pending = record("a.mov");
    assertThat(journal.recordNotified(pending.id(), T0)).isFalse();
    Lease lease = claim();
    assertThat(journal.recordNotified(lease.deliveryId(), T0)).isFalse();
    assertThat(journal.recordNotified(9_999L, T0)).isFalse();
    assertThat(journal.complete(lease).facts().notifiedAt()).isEmpty();
  }

  @Test
  void renew_extendsTheLeaseSoNoOneTakesItOver() {
    record("a.mov");
    Lease lease = claim();
    clock.advance(Duration.ofSeconds(20));

    Lease renewed = journal.renew(lease, LEASE);

    assertThat(renewed.fence()).isEqualTo(lease.fence());
    assertThat(renewed.owner()).isEqualTo("worker-a");
    assertThat(renewed.expiresAt()).isEqualTo(T0.plusSeconds(20).plus(LEASE));
    assertThat(renewed.delivery().leaseExpiresAt()).contains(renewed.expiresAt());
    clock.set(lease.expiresAt().plusSeconds(1));
    assertThat(journal.claim("worker-b", LEASE)).isEmpty();
    assertThat(journal.complete(renewed).state()).isEqualTo(DELIVERED);
  }

  @Test
  void lapsedLease_thatNoOneTookOver_canStillWrite() {
    record("a.mov");
    Lease lease = claim();
    clock.set(lease.expiresAt().plusSeconds(10));

    assertThat(journal.renew(lease, LEASE).expiresAt()).isEqualTo(clock.instant().plus(LEASE));
  }

  // ---- facts and endings ----

  @Test
  void recordFacts_mergesOnlyThePresentFacts() {
    Delivery a = journal.record(file("a.mov"), "/x", shot("UNDLM_00042", 2)).orElseThrow();
    Lease lease = claim();
    Instant started = T0.plusMillis(1_234);
    journal.recordFacts(lease, DeliveryFacts.builder()
        .folderPath("WIP_BYSHOT/SC03/UNDLM_00042").folderId("folder-1")
        .uploadStartedAt(started).placeholderFileId("placeholder-1").build());
    clock.advance(Duration.ofSeconds(5));

    Delivery merged = journal.recordFacts(lease, DeliveryFacts.builder()
        .fileId("file-1").sha256("ab".repeat(32)).folderId("folder-2").build());

    DeliveryFacts expected = DeliveryFacts.builder()
        .shot("UNDLM_00042").version(2)
        .folderPath("WIP_BYSHOT/SC03/UNDLM_00042").folderId("folder-2")
        .uploadStartedAt(started).placeholderFileId("placeholder-1")
        .fileId("file-1").sha256("ab".repeat(32)).build();
    assertThat(merged.facts()).isEqualTo(expected);
    assertThat(merged.updatedAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(merged.state()).isEqualTo(IN_PROGRESS);
    assertThat(journal.find(a.id()).orElseThrow().facts()).isEqualTo(expected);
  }

  @Test
  void recordFacts_keepsEveryKindOfFact() {
    record("a.mov");
    DeliveryFacts all = DeliveryFacts.builder()
        .shot("S").version(3).folderPath("P").folderId("F").uploadStartedAt(T0.plusMillis(1))
        .placeholderFileId("PH").fileId("FI").sha256("00").stackedAt(T0.plusMillis(2))
        .versionStackId("VS").statusWrittenAt(T0.plusMillis(3)).notifiedAt(T0.plusMillis(4))
        .build();

    assertThat(journal.recordFacts(claim(), all).facts()).isEqualTo(all);
  }

  @Test
  void checkpoint_isKeptWhileInFlight_replacedByTheNewerOne_andForgottenWhenTheDeliveryEnds() {
    Delivery a = record("a.mov");
    io.postflow.api.UploadCheckpoint first = io.postflow.api.UploadCheckpoint.builder()
        .fileId("PH").mediaType("video/quicktime").addPartSizes(5L, 3L)
        .addPartUrls("https://s3.example/p1?X-Amz-Signature=s1", "https://s3.example/p2?X-Amz-Signature=s2")
        .build();
    Lease lease = claim();
    journal.recordFacts(lease, DeliveryFacts.builder().checkpoint(first).build());
    Delivery later = journal.recordFacts(lease, DeliveryFacts.builder().checkpoint(first.withPartDone(1)).build());

    assertThat(later.facts().checkpoint()).contains(first.withPartDone(1));
    assertThat(journal.find(a.id()).orElseThrow().facts().checkpoint().orElseThrow().partsDone()).containsExactly(1);
    assertThat(journal.find(a.id()).orElseThrow().toString()).doesNotContain("X-Amz-Signature");
    assertThat(journal.complete(lease).facts().checkpoint()).as("secrets kept no longer than needed").isEmpty();
  }

  @Test
  void complete_endsTheLeaseAsDelivered() {
    Delivery a = record("a.mov");
    Lease lease = claim();
    clock.advance(Duration.ofSeconds(7));

    Delivery done = journal.complete(lease);

    assertThat(done.id()).isEqualTo(a.id());
    assertThat(done.state()).isEqualTo(DELIVERED);
    assertThat(done.owner()).isEmpty();
    assertThat(done.leaseExpiresAt()).isEmpty();
    assertThat(done.updatedAt()).isEqualTo(T0.plusSeconds(7));
    clock.advance(Duration.ofHours(1));
    assertThat(journal.claim("worker-b", LEASE)).isEmpty();
  }

  @Test
  void retryLater_countsAnAttemptAndKeepsTheReason() {
    record("a.mov");
    Instant notBefore = T0.plusSeconds(30);

    Delivery waiting = journal.retryLater(claim(), notBefore, "HTTP 503 from Frame.io");
    clock.set(notBefore);
    Delivery again = journal.retryLater(claim(), notBefore.plusSeconds(60), "timeout");

    assertThat(waiting.state()).isEqualTo(PENDING);
    assertThat(waiting.attempts()).isEqualTo(1);
    assertThat(waiting.notBefore()).contains(notBefore);
    assertThat(waiting.reason()).contains("HTTP 503 from Frame.io");
    assertThat(waiting.owner()).isEmpty();
    assertThat(waiting.leaseExpiresAt()).isEmpty();
    assertThat(again.attempts()).isEqualTo(2);
    assertThat(again.reason()).contains("timeout");
  }

  @Test
  void postpone_waitsUntilNotBeforeWithoutCountingAnAttempt() {
    record("a.mov");
    Instant notBefore = T0.plusSeconds(2);

    Delivery waiting = journal.postpone(claim(), notBefore, "waiting for v002");

    assertThat(waiting.state()).isEqualTo(PENDING);
    assertThat(waiting.attempts()).isZero();
    assertThat(waiting.notBefore()).contains(notBefore);
    assertThat(waiting.reason()).contains("waiting for v002");
    assertThat(journal.claim("worker-a", LEASE)).isEmpty();
    assertThat(journal.nextDue()).contains(notBefore);
    clock.set(notBefore);
    assertThat(journal.claim("worker-a", LEASE)).isPresent();
  }

  @Test
  void retryLater_withSubMillisecondNotBefore_isNotDueEarly() {
    record("a.mov");
    Instant notBefore = T0.plusSeconds(30).plusNanos(400_000);

    Delivery waiting = journal.retryLater(claim(), notBefore, "later");

    assertThat(waiting.notBefore()).contains(T0.plusSeconds(30).plusMillis(1));
    clock.set(T0.plusSeconds(30));
    assertThat(journal.claim("worker-a", LEASE)).isEmpty();
  }

  @Test
  void release_givesTheDeliveryBackDueAtOnceWithoutCountingAnAttempt() {
    Delivery a = record("a.mov");

    Delivery released = journal.release(claim());

    assertThat(released.state()).isEqualTo(PENDING);
    assertThat(released.attempts()).isZero();
    assertThat(released.notBefore()).isEmpty();
    assertThat(released.owner()).isEmpty();
    Lease again = journal.claim("worker-b", LEASE).orElseThrow();
    assertThat(again.deliveryId()).isEqualTo(a.id());
    assertThat(again.fence()).isEqualTo(2);
  }

  @Test
  void finish_endsTheDeliveryInTheGivenFinalState() {
    for (DeliveryState state : List.of(QUARANTINED, FAILED, SUPERSEDED)) {
      Delivery d = record(state + ".mov");

      Delivery finished = journal.finish(claim(), state, "because " + state);

      assertThat(finished.id()).isEqualTo(d.id());
      assertThat(finished.state()).isEqualTo(state);
      assertThat(finished.reason()).contains("because " + state);
      assertThat(finished.owner()).isEmpty();
      assertThat(finished.leaseExpiresAt()).isEmpty();
    }
    assertThat(journal.claim("worker-a", LEASE)).isEmpty();
  }

  @Test
  void finish_withAStateThatDoesNotEndADelivery_isRefusedAndTheLeaseStays() {
    Delivery a = record("a.mov");
    Lease lease = claim();

    for (DeliveryState state : List.of(PENDING, IN_PROGRESS, DELIVERED)) {
      assertThatThrownBy(() -> journal.finish(lease, state, "no"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(state.name());
    }
    assertThat(stateOf(a.id())).isEqualTo(IN_PROGRESS);
  }

  @Test
  void requeue_makesQuarantinedDeliveriesPendingWithAttemptsResetAndFactsKept() {
    Delivery q1 = journal.record(file("q1.mov"), "/x", shot("S1", 1)).orElseThrow();
    Delivery q2 = record("q2.mov");
    Delivery f = record("f.mov");
    Lease first = claim();
    journal.retryLater(first, T0, "flaky");
    clock.advance(Duration.ofSeconds(1));
    journal.finish(claim(), QUARANTINED, "no shot");
    journal.finish(claim(), QUARANTINED, "no shot");
    journal.finish(claim(), FAILED, "too big");

    int requeued = journal.requeue(QUARANTINED);

    assertThat(requeued).isEqualTo(2);
    Delivery again = journal.find(q1.id()).orElseThrow();
    assertThat(again.state()).isEqualTo(PENDING);
    assertThat(again.attempts()).isZero();
    assertThat(again.notBefore()).isEmpty();
    assertThat(again.facts()).isEqualTo(shot("S1", 1));
    assertThat(stateOf(q2.id())).isEqualTo(PENDING);
    assertThat(stateOf(f.id())).isEqualTo(FAILED);
    assertThat(journal.requeue(FAILED)).isEqualTo(1);
    assertThat(journal.requeue(FAILED)).isZero();
    assertThat(journal.counts()).isEqualTo(Map.of(PENDING, 3L));
  }

  @Test
  void requeue_fromAStateOtherThanQuarantinedOrFailed_isRefused() {
    for (DeliveryState state : List.of(PENDING, IN_PROGRESS, DELIVERED, SUPERSEDED)) {
      assertThatThrownBy(() -> journal.requeue(state)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void requeueOne_takesBackOnlyThatQuarantinedOrFailedDelivery() {
    Delivery q = journal.record(file("q.mov"), "/x", shot("S1", 1)).orElseThrow();
    Delivery other = record("other.mov");
    journal.finish(claim(), QUARANTINED, "no shot");
    journal.finish(claim(), QUARANTINED, "no shot");
    Delivery pending = record("pending.mov");

    assertThat(journal.requeue(q.id())).isTrue();

    Delivery again = journal.find(q.id()).orElseThrow();
    assertThat(again.state()).isEqualTo(PENDING);
    assertThat(again.attempts()).isZero();
    assertThat(again.reason()).isEmpty();
    assertThat(again.facts()).isEqualTo(shot("S1", 1));
    assertThat(stateOf(other.id())).as("only the one asked for").isEqualTo(QUARANTINED);
    assertThat(journal.requeue(pending.id())).as("not set aside").isFalse();
    assertThat(journal.requeue(9999)).as("no such delivery").isFalse();
  }

  @Test
  void forget_removesADeliveryNotInProgress_soTheSameVersionIsNewAgain() {
    Delivery done = record("done.mov");
    journal.complete(claim());
    Delivery busy = record("busy.mov");
    claim();

    assertThat(journal.forget(done.id())).isTrue();
    assertThat(journal.find(done.id())).isEmpty();
    assertThat(journal.isRecorded(file("done.mov"))).isFalse();
    assertThat(journal.record(file("done.mov"), "/x", DeliveryFacts.none())).as("recorded again as new").isPresent();
    assertThat(journal.forget(busy.id())).as("a worker holds it").isFalse();
    assertThat(stateOf(busy.id())).isEqualTo(IN_PROGRESS);
    assertThat(journal.forget(9999)).isFalse();
  }

  // ---- queries ----

  @Test
  void byShot_listsTheShotsDeliveriesOldestFirstInTheGivenStates() {
    Delivery v1 = journal.record(file("S_v001.mov"), "/x", shot("S", 1)).orElseThrow();
    Delivery v2 = journal.record(file("S_v002.mov"), "/x", shot("S", 2)).orElseThrow();
    journal.record(file("T_v001.mov"), "/x", shot("T", 1)).orElseThrow();
    Delivery v3 = journal.record(file("S_v003.mov"), "/x", shot("S", 3)).orElseThrow();
    Delivery unnamed = record("unnamed.mov");
    journal.complete(claim());

    assertThat(journal.byShot("S", Set.of(PENDING))).extracting(Delivery::id)
        .containsExactly(v2.id(), v3.id());
    assertThat(journal.byShot("S", Set.of(PENDING, DELIVERED))).extracting(Delivery::id)
        .containsExactly(v1.id(), v2.id(), v3.id());
    assertThat(journal.byShot("S", Set.of())).extracting(Delivery::id)
        .as("all states when none are given").containsExactly(v1.id(), v2.id(), v3.id());
    assertThat(journal.byShot("S", Set.of(FAILED))).isEmpty();
    assertThat(journal.byShot("NOPE", Set.of())).isEmpty();
    assertThat(journal.find(unnamed.id()).orElseThrow().facts().shot()).isEmpty();
  }

  @Test
  void latestDelivered_isTheShotsMostRecentlyDeliveredVersion() {
    assertThat(journal.latestDelivered("S")).isEmpty();
    Delivery v2 = journal.record(file("S_v002.mov"), "/x", shot("S", 2)).orElseThrow();
    Delivery v1 = journal.record(file("S_v001.mov"), "/x", shot("S", 1)).orElseThrow();
    journal.record(file("S_v003.mov"), "/x", shot("S", 3)).orElseThrow();
    journal.record(file("T_v009.mov"), "/x", shot("T", 9)).orElseThrow();
    Lease leaseV2 = claim();
    Lease leaseV1 = claim();

    clock.advance(Duration.ofSeconds(1));
    journal.complete(leaseV1);
    assertThat(journal.latestDelivered("S")).map(Delivery::id).contains(v1.id());

    clock.advance(Duration.ofSeconds(1));
    journal.complete(leaseV2);
    assertThat(journal.latestDelivered("S")).map(Delivery::id).contains(v2.id());
    assertThat(journal.latestDelivered("T")).isEmpty();
  }

  @Test
  void list_givesTheNewestFirstInTheGivenStatesUpToTheLimit() {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(record(i + ".mov").id());
    }
    journal.complete(claim());

    assertThat(journal.list(Set.of(), 10)).extracting(Delivery::id)
        .containsExactly(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0));
    assertThat(journal.list(Set.of(), 2)).extracting(Delivery::id)
        .containsExactly(ids.get(4), ids.get(3));
    assertThat(journal.list(Set.of(DELIVERED), 10)).extracting(Delivery::id)
        .containsExactly(ids.get(0));
    assertThat(journal.list(Set.of(FAILED, QUARANTINED), 10)).isEmpty();
    assertThatThrownBy(() -> journal.list(Set.of(), 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void counts_leaveOutStatesWithNoDeliveries() {
    assertThat(journal.counts()).isEmpty();
    record("a.mov");
    record("b.mov");
    record("c.mov");
    journal.complete(claim());
    claim();

    assertThat(journal.counts()).isEqualTo(Map.of(DELIVERED, 1L, IN_PROGRESS, 1L, PENDING, 1L));
  }

  @Test
  void nextDue_isTheEarliestRetryOrLeaseExpiryThatClaimCannotTakeYet() {
    assertThat(journal.nextDue()).isEmpty();
    record("due-now.mov");
    assertThat(journal.nextDue()).as("due work is claimable now, not waiting").isEmpty();

    Lease lease = claim();
    assertThat(journal.nextDue()).contains(lease.expiresAt().plusMillis(1));

    record("retry.mov");
    journal.retryLater(claim(), T0.plusSeconds(10), "busy");
    assertThat(journal.nextDue()).contains(T0.plusSeconds(10));

    clock.set(T0.plusSeconds(10));
    assertThat(journal.nextDue()).contains(lease.expiresAt().plusMillis(1));
    clock.set(lease.expiresAt().plusMillis(1));
    assertThat(journal.nextDue()).isEmpty();
    journal.complete(lease);
    assertThat(journal.nextDue()).isEmpty();
  }

  @Test
  void claim_fromEightThreads_givesEachOf200DeliveriesToExactlyOneWorker() throws Exception {
    Set<Long> recorded = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      recorded.add(record("clip_" + i + ".mov").id());
    }
    ConcurrentLinkedQueue<Long> claimed = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService workers = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        String owner = "worker-" + w;
        done.add(workers.submit(() -> {
          start.await();
          for (Optional<Lease> lease = journal.claim(owner, LEASE); lease.isPresent();
              lease = journal.claim(owner, LEASE)) {
            claimed.add(lease.get().deliveryId());
            assertThat(lease.get().fence()).isEqualTo(1);
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(20, TimeUnit.SECONDS);
      }
    } finally {
      workers.shutdownNow();
    }

    assertThat(claimed).hasSize(200).doesNotHaveDuplicates();
    assertThat(new HashSet<>(claimed)).isEqualTo(recorded);
    assertThat(journal.counts()).isEqualTo(Map.of(IN_PROGRESS, 200L));
  }

  @Test
  void find_whenUnknown_isEmpty() {
    assertThat(journal.find(42)).isEmpty();
    assertThat(journal.find(file("nothing.mov"))).isEmpty();
  }

  @Test
  void close_isIdempotentAndLaterCallsAreRefused() {
    journal.close();
    journal.close();

    assertThatThrownBy(() -> journal.record(file("a.mov"), "/x", DeliveryFacts.none()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> journal.claim("w", LEASE)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> journal.counts()).isInstanceOf(IllegalStateException.class);
  }
}
