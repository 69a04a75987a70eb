package io.postflow.production.timecode;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.InvalidInputException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property tests of the timecode parser: any text gives a timecode or an
 * {@link InvalidInputException} quoting it, and every frame count survives
 * format -> parse at every rate, drop-frame included. {@code -Pfuzz} runs 100,000 cases each.
 */
class TimecodeFuzzTest {
  private static final FrameRate[] RATES = {FrameRate.FPS_23_976, FrameRate.FPS_24, FrameRate.FPS_25,
      FrameRate.FPS_29_97, FrameRate.FPS_30, FrameRate.FPS_48, FrameRate.FPS_50, FrameRate.FPS_59_94,
      FrameRate.FPS_60};

  @Property
  void anyText_parsesOrIsRefusedNamingIt(@ForAll("timecodeLike") String text, @ForAll("rates") FrameRate rate) {
    try {
      Timecode timecode = Timecode.parse(text, rate);
      assertThat(timecode.frames()).isBetween(0L, rate.framesPerDay(timecode.isDropFrame()) - 1);
      assertThat(Timecode.looksLikeTimecode(text)).as("a parsed text looks like a timecode").isTrue();
    } catch (InvalidInputException refused) {
      assertThat(refused.getMessage()).contains("timecode '" + text + "'");
    }
  }

  @Property
  void everyFrameOfTheDay_roundTripsThroughItsText(@ForAll("rates") FrameRate rate,
      @ForAll boolean dropFrame, @ForAll long anyFrames) {
    boolean drop = dropFrame && rate.supportsDropFrame();
    long frames = Math.floorMod(anyFrames, rate.framesPerDay(drop));
    Timecode timecode = Timecode.ofFrames(frames, rate, drop);

    Timecode again = Timecode.parse(timecode.toString(), rate);

    assertThat(again.frames()).isEqualTo(frames);
    assertThat(again.isDropFrame()).isEqualTo(drop);
    assertThat(again).isEqualTo(timecode);
  }

  @Provide
  Arbitrary<FrameRate> rates() {
    return Arbitraries.of(RATES);
  }

  @Provide
  Arbitrary<String> timecodeLike() {
    Arbitrary<String> field = Arbitraries.oneOf(Arbitraries.integers().between(0, 99)
        .map(n -> String.format("%02d", n)), Arbitraries.of("", "0", "000", "-1", "1a", " 1", "\u0661\u0662"));
    Arbitrary<String> separator = Arbitraries.of(":", ":", ":", ";", ".", ",", "", " ");
    return Arbitraries.oneOf(
        Combinators.combine(field, separator, field, separator, field, separator, field)
            .as((h, a, m, b, s, c, f) -> h + a + m + b + s + c + f),
        Arbitraries.strings().ofMaxLength(16));
  }
}
