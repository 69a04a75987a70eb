package io.postflow.lucidlink;

import io.postflow.testkit.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.ConfigurationException;
import io.postflow.lucidlink.SettleGate.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SettleGateTest {
  private static final Instant T = Instant.parse("2026-01-01T10:00:00Z");
  private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));

  private SettleGate gate(SyncEvidence evidence) {
    return SettleGate.builder().settleTime(Duration.ofSeconds(5)).clock(clock)
        .syncEvidence(evidence).maxSyncWait(Duration.ofMinutes(10)).build();
  }

  private static FileVersion v(String name, long size, long mtimeOffset) {
    return FileVersion.of(Path.of("/fs", name), size, T.plusSeconds(mtimeOffset));
  }

  @Test
  void check_whenStableForSettleTime_isReadyOnceThenForgets() {
    SettleGate g = gate(SyncEvidence.NONE);
    assertThat(g.check(v("a.mov", 10, 0))).isEqualTo(Verdict.SETTLING);
    clock.advance(Duration.ofSeconds(4));
    assertThat(g.check(v("a.mov", 10, 0))).isEqualTo(Verdict.SETTLING);
    clock.advance(Duration.ofSeconds(1));
    assertThat(g.check(v("a.mov", 10, 0))).isEqualTo(Verdict.READY);
    assertThat(g.pendingCount()).isZero();
  }

  @Test
  void check_whenMtimeOrSizeChanges_restartsTheWait() {
    SettleGate g = gate(SyncEvidence.NONE);
    g.check(v("a.mov", 10, 0));
    clock.advance(Duration.ofSeconds(4));
    assertThat(g.check(v("a.mov", 10, 1))).isEqualTo(Verdict.SETTLING);
    clock.advance(Duration.ofSeconds(4));
    assertThat(g.check(v("a.mov", 11, 1))).isEqualTo(Verdict.SETTLING);
    clock.advance(Duration.ofSeconds(4));
    assertThat(g.check(v("a.mov", 11, 1))).isEqualTo(Verdict.SETTLING);
    clock.advance(Duration.ofSeconds(1));
    assertThat(g.check(v("a.mov", 11, 1))).isEqualTo(Verdict.READY);
  }

  @Test
  void check_zeroBytesAndTemporaryNames_areNeverReady() {
    SettleGate g = gate(SyncEvidence.NONE);
    assertThat(g.check(v("placeholder.mov", 0, 0))).isEqualTo(Verdict.EMPTY);
    clock.advance(Duration.ofSeconds(3600));
    assertThat(g.check(v("placeholder.mov", 0, 0))).isEqualTo(Verdict.EMPTY);
    assertThat(g.check(v("x.mov.part", 10, 0))).isEqualTo(Verdict.TEMPORARY);
    clock.advance(Duration.ofSeconds(3600));
    assertThat(g.check(v("x.mov.part", 10, 0))).isEqualTo(Verdict.TEMPORARY);
  }

  @Test
  void check_whenEvidenceSaysSyncing_waitsButNotForever() {
    AtomicInteger asked = new AtomicInteger();
    SettleGate g = gate(f -> {
      asked.incrementAndGet();
      return SyncEvidence.State.SYNCING;
    });
    g.check(v("r.mov", 10, 0));
    assertThat(asked).hasValue(0); // no evidence call until size and mtime are stable
    clock.advance(Duration.ofSeconds(5));
    assertThat(g.check(v("r.mov", 10, 0))).isEqualTo(Verdict.SYNCING);
    clock.advance(Duration.ofSeconds(599));
    assertThat(g.check(v("r.mov", 10, 0))).isEqualTo(Verdict.SYNCING);
    clock.advance(Duration.ofSeconds(1));
    assertThat(g.check(v("r.mov", 10, 0))).as("stuck flag released after maxSyncWait")
        .isEqualTo(Verdict.READY);
  }

  @Test
  void check_whenEvidenceUnknownOrSynced_doesNotBlock() {
    for (SyncEvidence.State s : new SyncEvidence.State[] {SyncEvidence.State.UNKNOWN, SyncEvidence.State.SYNCED}) {
      SettleGate g = gate(f -> s);
      g.check(v("a.mov", 1, 0));
      clock.advance(Duration.ofSeconds(5));
      assertThat(g.check(v("a.mov", 1, 0))).as("%s", s).isEqualTo(Verdict.READY);
    }
  }

  @Test
  void check_withZeroSettleTime_stillNeedsTwoChecks() {
    SettleGate g = SettleGate.builder().settleTime(Duration.ZERO).clock(clock).build();
    assertThat(g.check(v("a.mov", 1, 0))).isEqualTo(Verdict.SETTLING);
    assertThat(g.check(v("a.mov", 1, 0))).isEqualTo(Verdict.READY);
  }

  @Test
  void duePaths_areThoseWhoseWaitRanOutOrNotCheckedForHalfOfIt() {
    SettleGate g = gate(SyncEvidence.NONE);
    g.check(v("a.mov", 1, 0));
    clock.advance(Duration.ofSeconds(1));
    g.check(v("b.mov", 1, 0));
    assertThat(g.duePaths()).isEmpty();
    clock.advance(Duration.ofSeconds(2)); // a: not checked for 3 s > 2.5 s; b: 2 s
    assertThat(g.duePaths()).containsExactly(Path.of("/fs/a.mov"));
    g.check(v("a.mov", 1, 0));
    assertThat(g.duePaths()).isEmpty();
    clock.advance(Duration.ofSeconds(2)); // a: 5 s since first seen, due to become ready; b: 4 s unchecked
    assertThat(g.duePaths()).containsExactlyInAnyOrder(Path.of("/fs/a.mov"), Path.of("/fs/b.mov"));
    assertThat(g.check(v("a.mov", 1, 0))).isEqualTo(Verdict.READY);
    assertThat(g.duePaths()).containsExactly(Path.of("/fs/b.mov"));
  }

  @Test
  void forget_dropsTheWait() {
    SettleGate g = gate(SyncEvidence.NONE);
    g.check(v("a.mov", 1, 0));
    g.forget(Path.of("/fs/a.mov"));
    clock.advance(Duration.ofSeconds(10));
    assertThat(g.check(v("a.mov", 1, 0))).isEqualTo(Verdict.SETTLING);
  }

  @Test
  void build_rejectsNegativeDurationsAndNulls() {
    assertThatThrownBy(() -> SettleGate.builder().settleTime(Duration.ofMillis(-1)).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'settleTime'");
    assertThatThrownBy(() -> SettleGate.builder().maxSyncWait(null).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'maxSyncWait'");
    assertThatThrownBy(() -> SettleGate.builder().clock(null).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'clock'");
  }
}
