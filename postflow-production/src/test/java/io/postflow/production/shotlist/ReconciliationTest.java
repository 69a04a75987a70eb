package io.postflow.production.shotlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.Shot;
import io.postflow.production.edl.Edl;
import io.postflow.production.edl.EdlEvent;
import io.postflow.production.edl.EdlReader;
import io.postflow.production.shotlist.ShotMatch.Basis;
import io.postflow.production.timecode.FrameRate;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReconciliationTest {
  private static final EdlReader EDL_25 = EdlReader.builder().rate(FrameRate.FPS_25).build();

  private static Edl fixtureEdl() {
    return EDL_25.read(io.postflow.production.Fixtures.bytes("edit_25fps.edl"), "edit_25fps.edl");
  }

  @Test
  void fixture_samePositionOtherClip_isSourceChange() {
    Reconciliation r = Reconciliation.of(ShotListReaderTest.sample(), fixtureEdl());
    assertThat(r.changed()).extracting(m -> m.shot().number(), m -> m.event().number(), ShotMatch::basis)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("001", "001", Basis.POSITION),
            org.assertj.core.groups.Tuple.tuple("002", "002", Basis.POSITION),
            // Another clip where the list has 003, 005 and 006: present, changed.
            org.assertj.core.groups.Tuple.tuple("003", "004", Basis.RECORD_OVERLAP),
            org.assertj.core.groups.Tuple.tuple("004", "005", Basis.CLIP_OVERLAP),
            org.assertj.core.groups.Tuple.tuple("005", "006", Basis.RECORD_OVERLAP),
            org.assertj.core.groups.Tuple.tuple("006", "008", Basis.RECORD_OVERLAP));
    ShotMatch first = r.changed().get(0);
    assertThat(first.sourceChanged()).isTrue();
    assertThat(first.timingChanged()).isFalse();
    ShotMatch trimmed = r.changed().get(3);
    assertThat(trimmed.sourceChanged()).isFalse();
    assertThat(trimmed.timingChanged()).isTrue();
    assertThat(trimmed.recordInDelta()).isEqualTo(46);
    assertThat(trimmed.recordOutDelta()).isEqualTo(48);
    assertThat(r.unchanged()).isEmpty();
  }

  @Test
  void fixture_eventsNotInListAndShotsMissingFromCut() {
    Reconciliation r = Reconciliation.of(ShotListReaderTest.sample(), fixtureEdl());
    // 007 is black: never compared. 004, 006 and 008 overlap shots of the list in record time, so
    // those shots count as present (changed); 003 overlaps shots already paired.
    assertThat(r.notInShotList()).extracting(EdlEvent::number).containsExactly("003");
    assertThat(r.missingFromCut()).hasSize(24).extracting(Shot::number).startsWith("007", "008");
  }

  @Test
  void unchangedTrimmedAndMovedShots_arePairedByPositionOverlapAndUniqueClip() {
    ShotList list = ShotListReaderTest.READER.read((
        "PLAN,SEQUENCE,TC IN,TC OUT,SOURCE NAME,NOMENCLATURE PLAN\n"
            + "1,A,01:00:00:00,01:00:02:00,a.mov,K_1\n"
            + "2,A,01:00:02:00,01:00:04:00,b.mov,K_2\n"
            + "3,A,01:00:04:00,01:00:06:00,c.mov,K_3\n"
            + "4,A,01:00:06:00,01:00:08:00,d.mov,K_4\n").getBytes(StandardCharsets.UTF_8), "t.csv");
    Edl edl = EDL_25.read(String.join("\n",
        "001  A  V  C  00:00:00:00 00:00:02:00 01:00:00:00 01:00:02:00",
        "* FROM CLIP NAME: A.MXF",
        "002  B  V  C  00:00:00:00 00:00:02:10 01:00:02:00 01:00:04:10",
        "* FROM CLIP NAME: b.crm",
        "003  C  V  C  00:00:00:00 00:00:02:00 01:00:10:00 01:00:12:00",
        "* FROM CLIP NAME: c.mov",
        "004  E  V  C  00:00:00:00 00:00:02:00 01:00:12:00 01:00:14:00",
        "* FROM CLIP NAME: e.mov").getBytes(StandardCharsets.UTF_8), "t.edl");
    Reconciliation r = Reconciliation.of(list, edl);
    assertThat(r.unchanged()).singleElement().satisfies(m -> assertThat(m.shot().number()).isEqualTo("1"));
    assertThat(r.changed()).extracting(m -> m.shot().number(), ShotMatch::basis, ShotMatch::recordInDelta)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("2", Basis.CLIP_OVERLAP, 0L),
            org.assertj.core.groups.Tuple.tuple("3", Basis.CLIP_UNIQUE, 150L));
    assertThat(r.missingFromCut()).extracting(Shot::number).containsExactly("4");
    assertThat(r.notInShotList()).extracting(EdlEvent::number).containsExactly("004");
  }

  @Test
  void of_differentRates_isRejected() {
    Edl at24 = EdlReader.builder().rate(FrameRate.FPS_24).build().read("TITLE: EMPTY\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), "x");
    assertThatThrownBy(() -> Reconciliation.of(ShotListReaderTest.sample(), at24))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("25").hasMessageContaining("24");
  }

  @Test
  void of_dropFrameCutAgainstColonWrittenList_comparesRealFrames() {
    ShotList list = ShotListReader.builder().rate(FrameRate.FPS_29_97).build().read((
        "PLAN,SEQUENCE,TC IN,TC OUT,SOURCE NAME,NOMENCLATURE PLAN\n"
            + "1,A,00:10:00:00,00:10:01:00,a.mov,K_1\n").getBytes(StandardCharsets.UTF_8), "t.csv");
    Edl edl = EdlReader.builder().rate(FrameRate.FPS_29_97).build().read(String.join("\n",
        "FCM: DROP FRAME",
        "001  A  V  C  00:00:00;00 00:00:01;00 00:10:00;00 00:10:01;00",
        "* FROM CLIP NAME: a.mxf").getBytes(StandardCharsets.UTF_8), "t.edl");
    // 00:10:00:00 non-drop is frame 18000; 00:10:00;00 drop-frame is frame 17982.
    assertThat(Reconciliation.of(list, edl).changed()).singleElement().satisfies(m -> {
      assertThat(m.basis()).isEqualTo(Basis.CLIP_OVERLAP);
      assertThat(m.recordInDelta()).isEqualTo(-18);
    });
  }
}
