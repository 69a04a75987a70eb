package io.postflow.pipeline.edl;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.pipeline.edl.EdlWarning.Kind;
import io.postflow.pipeline.timecode.FrameRate;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Shapes of real CMX3600 files (Avid, Resolve, Premiere) that the fixtures do not cover. */
class EdlRealFilesTest {
  private static Edl read(FrameRate rate, String... lines) {
    return EdlReader.builder().rate(rate).build()
        .read(String.join("\r\n", lines).getBytes(StandardCharsets.UTF_8), "real.edl");
  }

  @Test
  void read_fcmChangesFromNonDropToDropMidFile_countsTheGapInRealFramesInsteadOfCrashing() {
    Edl edl = read(FrameRate.FPS_29_97,
        "TITLE: MIXED",
        "FCM: NON-DROP FRAME",
        "001  A001  V  C  00:00:00:00 00:00:10:00 01:00:00:00 01:00:10:00",
        "* FROM CLIP NAME: a.mov",
        "FCM: DROP FRAME",
        "002  A002  V  C  00:00:00:00 00:00:10:00 01:00:10;00 01:00:20;00",
        "* FROM CLIP NAME: b.mov");
    assertThat(edl.events()).hasSize(2);
    // 01:00:10:00 NDF is frame 108300; 01:00:10;00 DF is frame 108192: the second event starts
    // 108 real frames before the first ends.
    assertThat(edl.overlaps()).singleElement().satisfies(o -> assertThat(o.frames()).isEqualTo(108));
    assertThat(edl.events().get(1).durationFrames()).isEqualTo(300);
  }

  @Test
  void read_eventWithDropFrameInAndNonDropOut_hasADurationInsteadOfCrashing() {
    Edl edl = read(FrameRate.FPS_29_97,
        "001  A001  V  C  00:00:00:00 00:00:10:00 00:00:00;00 00:00:10:00",
        "* FROM CLIP NAME: a.mov");
    assertThat(edl.events().get(0).durationFrames()).isEqualTo(300);
    assertThat(edl.warnings()).extracting(EdlWarning::kind).doesNotContain(Kind.NEGATIVE_DURATION);
  }
}
