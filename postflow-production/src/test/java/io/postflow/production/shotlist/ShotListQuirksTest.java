package io.postflow.production.shotlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.InvalidInputException;
import io.postflow.api.Shot;
import io.postflow.production.Fixtures;
import io.postflow.production.timecode.FrameRate;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What real production exports do that clean ones don't, and damage a user must hear about. */
class ShotListQuirksTest {
  private static final ShotListReader LENIENT = ShotListReader.builder().rate(FrameRate.FPS_25).build();
  private static final ShotListReader STRICT =
      ShotListReader.builder().rate(FrameRate.FPS_25).strict(true).build();
  private static final String HEADER = "PLAN,SEQUENCE,TC IN,TC OUT,DURÉE,SOURCE NAME,NOMENCLATURE PLAN,"
      + "LUT,GRAPHISTE,COMMENTAIRE\r\n";

  private static ShotList quirks() {
    return LENIENT.read(Fixtures.bytes("shots_quirks.csv"), "shots_quirks.csv");
  }

  private static ShotList read(ShotListReader reader, String csv) {
    return reader.read(csv.getBytes(StandardCharsets.UTF_8), "shots.csv");
  }

  @Test
  void fixture_statisticsMatchTheAnswers() {
    ShotList list = quirks();
    ShotListStatistics s = list.statistics();
    assertThat(s.shots()).isEqualTo(12);
    assertThat(s.placedShots()).isEqualTo(11);
    assertThat(s.removedShots()).containsExactly("006");
    assertThat(s.scenes()).isEqualTo(2);
    assertThat(s.uniqueSourcesAsWritten()).isEqualTo(10);
    assertThat(s.uniqueSources()).isEqualTo(9);
    assertThat(s.uniqueSourcesPlacedAsWritten()).isEqualTo(9);
    assertThat(s.uniqueSourcesPlaced()).isEqualTo(8);
    assertThat(s.duplicatesMarked()).isEqualTo(6);
    assertThat(s.firstRecordIn()).hasValueSatisfying(t -> assertThat(t).hasToString("01:00:00:00"));
    assertThat(s.lastRecordOut()).hasValueSatisfying(t -> assertThat(t).hasToString("01:00:43:21"));
    assertThat(s.totalFrames()).isEqualTo(1096);
    // A removed shot is not damage: no warning for it.
    assertThat(list.warnings()).isEmpty();
  }

  @Test
  void fixture_sourceCellWithPastedMotionEffect_firstLineIsTheSource_retimeIsANote() {
    ShotList list = quirks();
    Shot five = list.shots().get(4);
    assertThat(five.sourceName()).contains("A_0002C003X240916_1010AA_KRAK.mov");
    assertThat(five.sourceName()).isEqualTo(list.shots().get(1).sourceName());
    assertThat(list.notes(five)).containsExactly("SOURCE NAME: M2   20240916 025.0  10:10:03:12");
    assertThat(list.notes(list.shots().get(0))).isEmpty();
    assertThat(list.normalisations()).filteredOn(n -> n.header().equals("SOURCE NAME"))
        .singleElement().satisfies(n -> {
      assertThat(n.header()).isEqualTo("SOURCE NAME");
      assertThat(n.normalised()).isEqualTo("A_0002C003X240916_1010AA_KRAK.mov");
      assertThat(n.reason()).contains("first line", "EDL motion effect");
      assertThat(n.lines()).containsExactly(6);
    });
  }

  @Test
  void fixture_removedShot_isRemovedNotHalfPlaced() {
    ShotList list = quirks();
    assertThat(list.shots()).filteredOn(list::isRemoved).extracting(Shot::number).containsExactly("006");
    assertThat(list.shots().get(5).durationFrames()).isEmpty();
  }

  @Test
  void shortRow_isAWarningNamingLineAndTheFirstMissingColumn_andAnErrorWhenStrict() {
    String csv = HEADER + "001,A,01:00:00:00,01:00:01:00,00:00:01:00,a.mov,K_1,,,\r\n"
        + "002,A,01:00:01:00\r\n"
        + "003,A,01:00:02:00,01:00:03:00,00:00:01:00,c.mov,K_3,,,\r\n";
    ShotList list = read(LENIENT, csv);
    assertThat(list.shots()).hasSize(3);
    assertThat(list.warnings()).extracting(ShotListWarning::toString).containsExactly(
        "line 3 [TC OUT]: short row: 3 of 10 cells; 'TC OUT' and every column after it are missing"
            + " and read as empty",
        "line 3 [TC OUT]: empty while TC IN is 01:00:01:00: the shot has no duration and is left"
            + " out of the totals");
    assertThatThrownBy(() -> read(STRICT, csv)).isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("shots.csv:3 [TC OUT]: strict mode: 2 problem(s): line 3 [TC OUT]:"
            + " short row");
  }

  @Test
  void rowsMissingOnlyTrailingColumnsNobodyReads_areNotWarned() {
    // Some exports drop the empty cells at the end of a row.
    ShotList list = read(LENIENT, HEADER + "001,A,01:00:00:00,01:00:01:00,00:00:01:00,a.mov,K_1\r\n");
    assertThat(list.warnings()).isEmpty();
  }

  @Test
  void emptiedTcOutOnAPlacedShot_isWarnedAndItsFramesAreNotSilentlyDropped() {
    String csv = HEADER + "001,A,01:00:00:00,01:00:06:09,00:00:06:09,a.mov,K_1,,,\r\n"
        + "002,A,01:00:06:09,,00:00:06:09,b.mov,K_2,,,\r\n"
        + "003,A,,01:00:12:18,00:00:06:09,c.mov,K_3,,,\r\n";
    ShotList list = read(LENIENT, csv);
    assertThat(list.statistics().totalFrames()).isEqualTo(159);
    assertThat(list.statistics().placedShots()).isEqualTo(3);
    assertThat(list.warnings()).extracting(ShotListWarning::toString).containsExactly(
        "line 3 [TC OUT]: empty while TC IN is 01:00:06:09: the shot has no duration and is left out"
            + " of the totals",
        "line 4 [TC IN]: empty while TC OUT is 01:00:12:18: the shot has no duration and is left out"
            + " of the totals");
    assertThatThrownBy(() -> read(STRICT, csv)).hasMessageContaining("shots.csv:3 [TC OUT]");
  }

  @Test
  void fileCutOffMidRow_saysSoOnItsLastLine() {
    String csv = HEADER + "001,A,01:00:00:00,01:00:01:00,00:00:01:00,a.mov,K_1,,,\r\n"
        + "002,A,01:00:01:00,01:00:0";
    ShotList list = read(LENIENT, csv);
    assertThat(list.warnings()).extracting(ShotListWarning::toString).anySatisfy(w -> assertThat(w)
        .startsWith("line 3 [DURÉE]: short row: 4 of 10 cells")
        .endsWith("the file ends here without a line break: was it cut off?"));
    assertThat(list.warnings()).extracting(ShotListWarning::toString)
        .anySatisfy(w -> assertThat(w).startsWith("line 3 [TC OUT]: timecode '01:00:0' is not a timecode"));
    assertThatThrownBy(() -> read(STRICT, csv)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void sourceCellWithAnyTextAfterALineBreak_keepsTheFirstLineAsTheSource() {
    ShotList list = read(LENIENT, HEADER
        + "001,A,01:00:00:00,01:00:01:00,00:00:01:00,\"b.mov\nvoir avec Paul\",K_1,,,\r\n");
    Shot shot = list.shots().get(0);
    assertThat(shot.sourceName()).contains("b.mov");
    assertThat(list.notes(shot)).containsExactly("SOURCE NAME: voir avec Paul");
    assertThat(list.normalisations()).singleElement()
        .satisfies(n -> assertThat(n.reason()).doesNotContain("motion effect"));
  }

  @Test
  void rowsRepeatingTheLastRowsCells_areCheckedAndGroupedLikeAnyOther() {
    // Runs of one scene spelling, one duration and contiguous record timecodes: the cells the
    // reader takes from the last row must still be checked and reported row by row.
    ShotList list = read(LENIENT, HEADER
        + "1,A - B,00:00:00:00,00:00:01:00,00:00:01:00,a.mov,K_1,,,\r\n"
        + "2,A - B,00:00:01:00,00:00:02:00,00:00:01:00,b.mov,K_2,,,\r\n"
        + "3,A - B,00:00:02:00,00:00:04:00,00:00:01:00,c.mov,K_3,,,\r\n" // 2 s, written 1 s
        + "4,,00:00:04:00,00:00:05:00,00:00:01:00,d.mov,K_4,,,\r\n"
        + "5,,00:00:05:00,00:00:06:00,00:00:01:00,e.mov,K_5,,,\r\n"
        + "6,A - B,00:00:06:00,00:00:07:00,00:00:01:00,f.mov,K_6,,,\r\n");

    assertThat(list.normalisations()).extracting(Normalisation::raw, Normalisation::lines).containsExactly(
        tuple("A - B", List.of(2, 3, 4, 7)), tuple("", List.of(5, 6)));
    assertThat(list.warnings()).extracting(ShotListWarning::line).containsExactly(4, 5, 6);
    assertThat(list.warnings().get(0).message()).contains("disagrees");
    assertThat(list.warnings().get(1).message()).contains("no scene");
    assertThat(list.shots()).extracting(s -> s.scene().name()).containsExactly("A B", "A B", "A B",
        "(NONE)", "(NONE)", "A B");
    assertThat(list.shots().get(1).columns().get("TC IN")).isEqualTo("00:00:01:00");
    assertThat(list.shots().get(1).recordIn()).hasValue("00:00:01:00");
  }
}
