package io.postflow.pipeline.timecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Boundaries of SMPTE 12M counting that real files reach. */
class TimecodeEdgeTest {
  @Test
  void framesUntil_dropAndNonDropAtTheSameRate_countRealFrames() {
    Timecode ndf = Timecode.parse("01:00:00:00", FrameRate.FPS_29_97);
    Timecode df = Timecode.parse("01:00:00;00", FrameRate.FPS_29_97);
    assertThat(df.framesUntil(ndf)).isEqualTo(108_000 - 107_892);
    assertThat(ndf.framesUntil(df)).isEqualTo(-108);
  }

  @Test
  void framesUntil_differentRates_isRejectedNamingBoth() {
    Timecode a = Timecode.parse("01:00:00:00", FrameRate.FPS_25);
    Timecode b = Timecode.parse("01:00:00:00", FrameRate.FPS_24);
    assertThatThrownBy(() -> a.framesUntil(b)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("25").hasMessageContaining("24");
  }
}
