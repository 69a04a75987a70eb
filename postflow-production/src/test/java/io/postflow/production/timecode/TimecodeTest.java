package io.postflow.production.timecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.ConfigurationException;
import io.postflow.api.InvalidInputException;
import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimecodeTest {

  @Test
  void roundTrip_overTheWholeDay_atEveryRateAndCounting() {
    for (FrameRate rate : FrameRate.supported()) {
      for (boolean df : rate.supportsDropFrame() ? new boolean[] {false, true} : new boolean[] {false}) {
        long perDay = rate.framesPerDay(df);
        long elevenMinutes = rate.timebase() * 660L;
        // Every frame of the first and last eleven minutes (a full drop-frame cycle and the wrap),
        // and every 97th frame of the day between: a prime stride visits every frame-of-second and
        // second-of-minute position, and keeps the 38 million frames of a full sweep to seconds.
        for (long f = 0; f < perDay; f = f < elevenMinutes || f >= perDay - elevenMinutes ? f + 1 : f + 97) {
          roundTrip(f, rate, df);
        }
        roundTrip(perDay - 1, rate, df);
      }
    }
  }

  private static void roundTrip(long f, FrameRate rate, boolean df) {
    Timecode tc = Timecode.ofFrames(f, rate, df);
    String text = tc.toString();
    Timecode back = Timecode.parse(text, rate);
    if (back.frames() != f || back.isDropFrame() != df) {
      throw new AssertionError(rate + " df=" + df + " frame " + f + " -> " + text + " -> "
          + back.frames());
    }
  }

  @Test
  void framesPerDay_matchesSmpteCounts() {
    assertThat(FrameRate.FPS_25.framesPerDay(false)).isEqualTo(25L * 86400);
    assertThat(FrameRate.FPS_29_97.framesPerDay(true)).isEqualTo(107892L * 24);
    assertThat(FrameRate.FPS_59_94.framesPerDay(true)).isEqualTo(215784L * 24);
  }

  @ParameterizedTest
  @CsvSource({
      "1800, 00:01:00;02",
      "17982, 00:10:00;00",
      "107892, 01:00:00;00",
      "1799, 00:00:59;29",
      "0, 00:00:00;00"})
  void dropFrame2997_knownValues(long frames, String text) {
    assertThat(Timecode.ofFrames(frames, FrameRate.FPS_29_97, true)).hasToString(text);
    assertThat(Timecode.parse(text, FrameRate.FPS_29_97).frames()).isEqualTo(frames);
  }

  @Test
  void dropFrame5994_dropsFourFramesPerMinute() {
    assertThat(Timecode.parse("00:01:00;04", FrameRate.FPS_59_94).frames()).isEqualTo(3600);
    assertThatThrownBy(() -> Timecode.parse("00:01:00;03", FrameRate.FPS_59_94))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("00:01:00;03");
  }

  @ParameterizedTest
  @CsvSource({"00:01:00;00", "00:01:00;01", "10:59:00;01"})
  void parse_whenFrameIsSkippedByDropFrame_rejectsNamingTheValue(String text) {
    assertThatThrownBy(() -> Timecode.parse(text, FrameRate.FPS_29_97))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'" + text + "'")
        .hasMessageContaining("does not exist");
  }

  @Test
  void parse_atTenthMinute_keepsFramesZeroAndOne() {
    assertThat(Timecode.parse("00:10:00;00", FrameRate.FPS_29_97).frames()).isEqualTo(17982);
    assertThat(Timecode.parse("00:10:00;01", FrameRate.FPS_29_97).frames()).isEqualTo(17983);
  }

  @ParameterizedTest
  @CsvSource({"00:00:00:25, 25", "00:00:00:24, 23.976", "00:00:00:30, 29.97", "00:00:00:60, 60"})
  void parse_whenFramesReachTheRate_rejectsNamingTheValue(String text, String rate) {
    assertThatThrownBy(() -> Timecode.parse(text, FrameRate.parse(rate)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'" + text + "'")
        .hasMessageContaining("out of range");
  }

  @ParameterizedTest
  @CsvSource({"00:00:10;00, 25", "00:00:10;00, 23.976", "00:00:10;00, 30"})
  void parse_whenDropFrameAtRateWithout_rejects(String text, String rate) {
    assertThatThrownBy(() -> Timecode.parse(text, FrameRate.parse(rate)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("drop-frame");
  }

  @ParameterizedTest
  @CsvSource({"'1:2:3:4'", "'24:00:00:00'", "'00:60:00:00'", "'garbage'", "''"})
  void parse_whenMalformedOrOutOfRange_rejects(String text) {
    assertThatThrownBy(() -> Timecode.parse(text, FrameRate.FPS_25))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("'" + text + "'");
  }

  @Test
  void fields_eachReadInItsPlace_andTheSeparatorBeforeFramesSaysDropFrame() {
    // Each field distinct, so that one read from another's place shows.
    assertThat(Timecode.parse(" 7:08:09:10 ", FrameRate.FPS_25).frames())
        .isEqualTo(((7 * 3600L) + 8 * 60 + 9) * 25 + 10);
    assertThat(Timecode.parse("23:59:58:24", FrameRate.FPS_25)).hasToString("23:59:58:24");
    assertThat(Timecode.parse("01:00:00.02", FrameRate.FPS_29_97).isDropFrame()).isTrue();
    assertThat(Timecode.parse("01:00:00;02", FrameRate.FPS_29_97).isDropFrame()).isTrue();
    assertThat(Timecode.parse("01:00:00:02", FrameRate.FPS_29_97).isDropFrame()).isFalse();
    assertThat(Timecode.impossibility("24:60:61:99")).hasValue(
        "hours 24 > 23, minutes 60 > 59, seconds 61 > 59");
    assertThat(Timecode.impossibility("99:00:00:00")).hasValue("hours 99 > 23");
    assertThat(Timecode.impossibility("00:00:00:99")).isEmpty(); // a camera at up to 120 fps
    assertThat(Timecode.looksLikeTimecode("00:00:00-00")).isFalse();
  }

  @Test
  void plus_wrapsAtTwentyFourHours_inBothDirections() {
    Timecode last = Timecode.parse("23:59:59:24", FrameRate.FPS_25);
    assertThat(last.plus(1)).hasToString("00:00:00:00");
    assertThat(Timecode.parse("00:00:00:00", FrameRate.FPS_25).minus(1)).isEqualTo(last);
    assertThat(Timecode.parse("23:59:59;29", FrameRate.FPS_29_97).plus(2)).hasToString("00:00:00;01");
  }

  @Test
  void framesUntil_crossesDroppedMinute() {
    FrameRate r = FrameRate.FPS_29_97;
    assertThat(Timecode.parse("01:00:56;20", r).framesUntil(Timecode.parse("01:01:00;02", r)))
        .isEqualTo(100);
    assertThatThrownBy(() -> Timecode.parse("01:00:00:00", FrameRate.FPS_25)
        .framesUntil(Timecode.parse("01:00:00:00", FrameRate.FPS_24)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void addAndSubtract_randomPairs_agreeWithFrameCounts() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      FrameRate rate = FrameRate.supported().get(random.nextInt(FrameRate.supported().size()));
      boolean df = rate.supportsDropFrame() && random.nextBoolean();
      long perDay = rate.framesPerDay(df);
      long a = Math.floorMod(random.nextLong(), perDay);
      long n = random.nextInt(1_000_000) - 500_000;
      Timecode tc = Timecode.ofFrames(a, rate, df);
      assertThat(tc.plus(n).frames()).isEqualTo(Math.floorMod(a + n, perDay));
      assertThat(tc.plus(n).minus(n)).isEqualTo(tc);
    }
  }

  @Test
  void toSeconds_isExact() {
    assertThat(Timecode.parse("01:00:00;00", FrameRate.FPS_29_97).toSeconds())
        .isEqualByComparingTo(new BigDecimal("3599.996400000"));
    assertThat(Timecode.parse("00:00:01:00", FrameRate.FPS_25).toSeconds())
        .isEqualByComparingTo(BigDecimal.ONE);
  }

  @Test
  void compareTo_ordersAcrossRatesByRealTime() {
    Timecode a = Timecode.parse("00:00:01:00", FrameRate.FPS_25);
    Timecode b = Timecode.parse("00:00:00:49", FrameRate.FPS_50);
    assertThat(a).isGreaterThan(b);
    assertThat(Timecode.parse("00:00:02:00", FrameRate.FPS_50)).isEqualByComparingTo(
        Timecode.parse("00:00:02:00", FrameRate.FPS_25));
  }

  @Test
  void frameRate_parse_acceptsLabelsAndFractions_rejectsOthers() {
    assertThat(FrameRate.parse("29.97")).isSameAs(FrameRate.FPS_29_97);
    assertThat(FrameRate.parse("30000/1001")).isSameAs(FrameRate.FPS_29_97);
    assertThat(FrameRate.parse("23.98 fps")).isSameAs(FrameRate.FPS_23_976);
    assertThat(FrameRate.FPS_23_976.supportsDropFrame()).isFalse();
    assertThat(FrameRate.FPS_59_94.supportsDropFrame()).isTrue();
    assertThatThrownBy(() -> FrameRate.parse("12")).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'12'");
  }
}
