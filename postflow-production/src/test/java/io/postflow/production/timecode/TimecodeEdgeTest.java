package io.postflow.production.timecode;

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

  @Test
  void dropFrame5994_dropsFourLabelsPerMinuteExceptTenths() {
    FrameRate r = FrameRate.FPS_59_94;
    assertThat(Timecode.ofFrames(3600, r, true)).hasToString("00:01:00;04");
    assertThat(Timecode.parse("00:01:00;04", r).frames()).isEqualTo(3600);
    assertThat(Timecode.parse("00:10:00;00", r).frames()).isEqualTo(35_964);
    assertThat(Timecode.parse("01:00:00;00", r).frames()).isEqualTo(215_784);
    assertThatThrownBy(() -> Timecode.parse("00:01:00;03", r)).hasMessageContaining("00:01:00;03");
    assertThat(Timecode.parse("00:09:59;59", r).plus(1)).hasToString("00:10:00;00");
  }

  @Test
  void dropFrame2997_wrapsAtMidnightBothWays() {
    Timecode last = Timecode.parse("23:59:59;29", FrameRate.FPS_29_97);
    assertThat(last.plus(1)).hasToString("00:00:00;00");
    assertThat(Timecode.parse("00:00:00;00", FrameRate.FPS_29_97).minus(1)).isEqualTo(last);
    assertThat(Timecode.parse("00:00:00.00", FrameRate.FPS_29_97).isDropFrame()).isTrue();
    assertThat(Timecode.parse("00:10:00;00", FrameRate.FPS_29_97).minus(1)).hasToString("00:09:59;29");
    assertThat(Timecode.parse("00:02:00;02", FrameRate.FPS_29_97).minus(1)).hasToString("00:01:59;29");
  }

  @Test
  void parse_oddInputs_areRejectedNamingTheValue() {
    for (String odd : new String[] {"01:00:00:100", "01:00:00", "01:00:00:0", "01 00 00 00",
        "-1:00:00:00", "", "01:60:00:00"}) {
      assertThatThrownBy(() -> Timecode.parse(odd, FrameRate.FPS_25))
          .as(odd).hasMessageContaining("'" + odd + "'");
    }
    assertThat(Timecode.parse(" 01:00:00:00\t", FrameRate.FPS_25).frames()).isEqualTo(90_000);
    assertThatThrownBy(() -> Timecode.parse("01:00:00;00", FrameRate.FPS_23_976))
        .hasMessageContaining("23.976");
  }

  @Test
  void toSeconds_isExactForWholeFramesAtFractionalRates() {
    assertThat(Timecode.ofFrames(30_000, FrameRate.FPS_29_97, false).toSeconds())
        .isEqualByComparingTo("1001");
    assertThat(Timecode.ofFrames(24_000, FrameRate.FPS_23_976, false).toSeconds())
        .isEqualByComparingTo("1001");
  }

  @Test
  void frameRateParse_acceptsTheSpellingsToolsWrite() {
    assertThat(FrameRate.parse("25.00")).isSameAs(FrameRate.FPS_25);
    assertThat(FrameRate.parse("29.970")).isSameAs(FrameRate.FPS_29_97);
    assertThat(FrameRate.parse("23.976fps")).isSameAs(FrameRate.FPS_23_976);
    assertThat(FrameRate.parse("59,94")).isSameAs(FrameRate.FPS_59_94);
    assertThat(FrameRate.parse("24000/1001")).isSameAs(FrameRate.FPS_23_976);
    assertThatThrownBy(() -> FrameRate.parse("29.98")).hasMessageContaining("'29.98'");
    assertThatThrownBy(() -> FrameRate.parse("25/0")).hasMessageContaining("'25/0'");
  }
}
