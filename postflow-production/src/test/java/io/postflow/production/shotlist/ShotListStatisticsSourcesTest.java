package io.postflow.production.shotlist;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.production.timecode.FrameRate;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The source counts of the statistics, as written and normalised, placed or not. */
class ShotListStatisticsSourcesTest {
  private static final String HEADER = "PLAN,SEQUENCE,TC IN,TC OUT,SOURCE NAME,NOMENCLATURE PLAN\n";

  private static ShotListStatistics statistics(String rows) {
    return ShotListReader.builder().rate(FrameRate.FPS_25).build()
        .read((HEADER + rows).getBytes(StandardCharsets.UTF_8), "t.csv").statistics();
  }

  @Test
  void sourcesWrittenAsTheirNormalisedFormAndOtherwise_areEachCountedOnce() {
    ShotListStatistics s = statistics(""
        + "1,A,01:00:00:00,01:00:01:00,a.mov,K_1\n"
        + "2,A,01:00:01:00,01:00:02:00,a.movCOPIE,K_2\n" // glued text: as written differs
        + "3,A,,,b.mov,K_3\n" // removed from the cut
        + "4,A,01:00:02:00,01:00:03:00,\u3000b.mov,K_4\n" // a space only String.strip() removes
        + "5,A,01:00:03:00,01:00:04:00,c.mov,K_5\n");
    assertThat(s.uniqueSourcesAsWritten()).isEqualTo(4); // a.mov, a.movCOPIE, b.mov, c.mov
    assertThat(s.uniqueSources()).isEqualTo(4); // a.mov, b.mov, "\u3000b.mov", c.mov
    assertThat(s.uniqueSourcesPlacedAsWritten()).isEqualTo(4); // b.mov is placed as row 4 wrote it
    assertThat(s.uniqueSourcesPlaced()).isEqualTo(3);
    assertThat(s.shotsWithReusedSource()).isEqualTo(2);
    assertThat(s.firstRecordIn()).hasValueSatisfying(t -> assertThat(t).hasToString("01:00:00:00"));
    assertThat(s.lastRecordOut()).hasValueSatisfying(t -> assertThat(t).hasToString("01:00:04:00"));
    assertThat(s.totalFrames()).isEqualTo(100);
  }

  @Test
  void statisticsCountedWhileReading_equalTheListCountedAgain() {
    // Scenes in runs and back again, removed and half-placed shots, an invalid timecode, a cut
    // across midnight, sources written otherwise and repeated, a shot without nomenclature.
    ShotList list = ShotListReader.builder().rate(FrameRate.FPS_25).build().read((HEADER + ""
        + "1,A,23:59:59:00,00:00:00:10,a.mov,K_1\n"
        + "2,A - ,00:00:00:10,00:00:01:00,a.movCOPIE,K_2\n"
        + "3,B,,,b.mov,K_3\n"
        + "4,B,00:00:01:00,,b.mov,\n"
        + "5,A,00:00:01:00,00:00:99:00,\u3000c.mov,K_5\n"
        + "6,C,00:00:02:00,00:00:03:00,c.mov,K_6\n"
        + "7,B,00:00:03:00,00:00:02:00,,K_7\n").getBytes(StandardCharsets.UTF_8), "t.csv");
    ShotListStatistics whileReading = list.statistics();

    ShotListStatistics again = list.withShots(list.shots()).statistics();

    assertThat(whileReading).isEqualTo(again);
    assertThat(whileReading.scenesAsWritten()).isEqualTo(4);
    assertThat(whileReading.removedShots()).containsExactly("3");
    assertThat(whileReading.missingNomenclature()).containsExactly("4");
    assertThat(whileReading.firstRecordIn()).hasValueSatisfying(t -> assertThat(t).hasToString("23:59:59:00"));
    assertThat(whileReading.lastRecordOut()).hasValueSatisfying(t -> assertThat(t).hasToString("00:00:03:00"));
    assertThat(whileReading.perScene()).extracting(SceneDuration::shots).containsExactly(3, 3, 1);
  }
}
