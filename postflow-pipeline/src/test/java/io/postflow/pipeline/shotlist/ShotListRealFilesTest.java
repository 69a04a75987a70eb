package io.postflow.pipeline.shotlist;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.pipeline.timecode.FrameRate;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Shapes of real spreadsheet exports that the fixture does not cover. */
class ShotListRealFilesTest {
  private static final String HEADER =
      "PLAN,SEQUENCE,TC IN,TC OUT,SOURCE NAME,NOMENCLATURE PLAN";

  private static ShotList read(FrameRate rate, String csv) {
    return ShotListReader.builder().rate(rate).build()
        .read(csv.getBytes(StandardCharsets.UTF_8), "t.csv");
  }

  @Test
  void read_dropFrameInAndNonDropOutOnOneRow_givesTheDurationInRealFrames() {
    ShotList list = read(FrameRate.FPS_29_97, HEADER + "\r\n"
        + "001,PHARE,01:00:00;00,01:00:10:00,a.mov,KRAK_00010\r\n");
    // 01:00:00;00 is frame 107892, 01:00:10:00 (non-drop) is frame 108300.
    assertThat(list.shots().get(0).durationFrames()).contains(408L);
  }
}
