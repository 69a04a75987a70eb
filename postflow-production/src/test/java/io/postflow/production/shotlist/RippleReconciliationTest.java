package io.postflow.production.shotlist;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.Shot;
import io.postflow.production.Fixtures;
import io.postflow.production.edl.Edl;
import io.postflow.production.edl.EdlEvent;
import io.postflow.production.edl.EdlReader;
import io.postflow.production.shotlist.ShotMatch.Category;
import io.postflow.production.timecode.FrameRate;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A re-edited cut: ripples reported once, residual changes per shot, removed shots never matched. */
class RippleReconciliationTest {
  private static final EdlReader EDL = EdlReader.builder().rate(FrameRate.FPS_25).build();
  private static final ShotListReader CSV = ShotListReader.builder().rate(FrameRate.FPS_25).build();

  private static Reconciliation fixture() {
    ShotList list = CSV.read(Fixtures.bytes("shots_quirks.csv"), "shots_quirks.csv");
    Edl edl = EDL.read(Fixtures.bytes("edit_rippled.edl"), "edit_rippled.edl");
    return Reconciliation.of(list, edl);
  }

  @Test
  void fixture_edlAnswers() {
    Edl edl = EDL.read(Fixtures.bytes("edit_rippled.edl"), "edit_rippled.edl");
    assertThat(edl.events()).hasSize(12);
    assertThat(edl.recordEnd()).hasValueSatisfying(t -> assertThat(t).hasToString("01:00:45:01"));
    assertThat(edl.gaps()).isEmpty();
    assertThat(edl.warnings()).isEmpty();
  }

  @Test
  void fixture_categoriesMatchTheAnswers() {
    Reconciliation r = fixture();
    assertThat(r.unchanged()).extracting(m -> m.shot().number()).containsExactly("001", "002");
    assertThat(r.changed()).singleElement().satisfies(m -> {
      assertThat(m.shot().number()).isEqualTo("003");
      assertThat(m.recordInDelta()).isZero();
      assertThat(m.recordOutDelta()).isEqualTo(-5);
      assertThat(m.sourceInDelta()).isEqualTo(OptionalLong.of(0));
      assertThat(m.sourceOutDelta()).isEqualTo(OptionalLong.of(-5));
      assertThat(m.rippleOffset()).isZero();
    });
    assertThat(r.movedByRipple()).extracting(m -> m.shot().number())
        .containsExactly("004", "005", "007", "008", "009", "010", "011", "012");
    assertThat(r.ripples()).extracting(Ripple::describe)
        .containsExactly("shots 004 to 007: -5 frames", "shots 008 to 012: +30 frames");
    assertThat(r.ripples().get(0).shots()).extracting(m -> m.shot().number())
        .containsExactly("004", "005", "007");
    assertThat(r.matches()).hasSize(11);
    assertThat(r.removedFromCut()).extracting(Shot::number).containsExactly("006");
    assertThat(r.missingFromCut()).isEmpty();
    assertThat(r.notInShotList()).singleElement().satisfies(e -> {
      assertThat(e.number()).isEqualTo("007");
      assertThat(e.clipName()).contains("archive_quai_1958.mov");
      assertThat(e.durationFrames()).isEqualTo(35);
    });
  }

  @Test
  void shotTrimmedInsideARipple_isChangedWithTheResidualBeyondTheRipple() {
    ShotList list = CSV.read(("PLAN,SEQUENCE,TC IN,TC OUT,SOURCE NAME,NOMENCLATURE PLAN\n"
        + "1,A,01:00:00:00,01:00:02:00,a.mov,K_1\n"
        + "2,A,01:00:02:00,01:00:04:00,b.mov,K_2\n"
        + "3,A,01:00:04:00,01:00:06:00,c.mov,K_3\n"
        + "4,A,01:00:06:00,01:00:08:00,d.mov,K_4\n").getBytes(StandardCharsets.UTF_8), "t.csv");
    // 12 frames inserted before shot 2; shot 3 loses 3 frames at its tail, so 4 moves by +9.
    Edl edl = EDL.read(String.join("\n",
        "001  A  V  C  00:00:00:00 00:00:02:00 01:00:00:00 01:00:02:00", "* FROM CLIP NAME: a.mov",
        "002  X  V  C  00:00:00:00 00:00:00:12 01:00:02:00 01:00:02:12", "* FROM CLIP NAME: new.mov",
        "003  B  V  C  00:00:00:00 00:00:02:00 01:00:02:12 01:00:04:12", "* FROM CLIP NAME: b.mov",
        "004  C  V  C  00:00:00:00 00:00:01:22 01:00:04:12 01:00:06:09", "* FROM CLIP NAME: c.mov",
        "005  D  V  C  00:00:00:00 00:00:02:00 01:00:06:09 01:00:08:09", "* FROM CLIP NAME: d.mov")
        .getBytes(StandardCharsets.UTF_8), "t.edl");
    Reconciliation r = Reconciliation.of(list, edl);
    assertThat(r.ripples()).extracting(Ripple::describe).containsExactly("shots 2 to 3: +12 frames");
    assertThat(r.changed()).extracting(m -> m.shot().number(), ShotMatch::residualInDelta,
            ShotMatch::residualOutDelta)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("3", 0L, -3L),
            // Moved alone: one shot is not a ripple.
            org.assertj.core.groups.Tuple.tuple("4", 9L, 9L));
    assertThat(r.movedByRipple()).extracting(m -> m.shot().number()).containsExactly("2");
    assertThat(r.notInShotList()).extracting(EdlEvent::number).containsExactly("002");
  }

  @Test
  void shotWhoseClipWasRenamedButStillSitsThere_countsAsPresentAndChanged() {
    ShotList list = CSV.read(("PLAN,SEQUENCE,TC IN,TC OUT,SOURCE NAME,NOMENCLATURE PLAN\n"
        + "1,A,01:00:00:00,01:00:02:00,a.mov,K_1\n").getBytes(StandardCharsets.UTF_8), "t.csv");
    Edl edl = EDL.read(("001  A  V  C  00:00:00:00 00:00:02:00 01:00:00:10 01:00:02:10\n"
        + "* FROM CLIP NAME: a_regraded.mov\n").getBytes(StandardCharsets.UTF_8), "t.edl");
    Reconciliation r = Reconciliation.of(list, edl);
    assertThat(r.missingFromCut()).isEmpty();
    assertThat(r.changed()).singleElement().satisfies(m -> {
      assertThat(m.basis()).isEqualTo(ShotMatch.Basis.RECORD_OVERLAP);
      assertThat(m.sourceChanged()).isTrue();
      assertThat(m.category()).isEqualTo(Category.CHANGED);
    });
  }
}
