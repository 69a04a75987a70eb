package io.postflow.production.edl;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.production.edl.EdlWarning.Kind;
import io.postflow.production.timecode.FrameRate;
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

  @Test
  void read_keyLinesWrittenWithASpace_areKeyEventsNotMalformedLines() {
    Edl edl = read(FrameRate.FPS_25,
        "TITLE: KEYS",
        "001  BL        V     C        00:00:00:00 00:00:00:00 01:00:00:00 01:00:00:00",
        "001  A001C003  V     K B      14:00:00:00 14:00:02:00 01:00:00:00 01:00:02:00",
        "* FROM CLIP NAME: fond.mov",
        "002  GFX01     V     K O  000 00:00:10:00 00:00:12:00 01:00:02:00 01:00:04:00",
        "* FROM CLIP NAME: titre.mov");
    assertThat(edl.warnings()).isEmpty();
    assertThat(edl.events()).hasSize(2);
    EdlEvent background = edl.events().get(0);
    assertThat(background.lines()).hasSize(2);
    assertThat(background.transition()).isEqualTo(Transition.KEY);
    assertThat(background.main().transitionCode()).isEqualTo("K B");
    assertThat(background.reel()).isEqualTo("A001C003");
    EdlEvent keyOut = edl.events().get(1);
    assertThat(keyOut.main().transitionCode()).isEqualTo("K O");
    assertThat(keyOut.main().sourceIn()).isEqualTo("00:00:10:00");
    assertThat(keyOut.reel()).isEqualTo("GFX01");
  }

  @Test
  void read_reelNamesWithSpacesAndLongerThanEightCharacters_keepTheWholeReel() {
    Edl edl = read(FrameRate.FPS_25,
        "TITLE: RESOLVE FILE128",
        "1001  A001_C003_0915XY Day 2  AA/V  C        14:00:00:00 14:00:02:00 01:00:00:00 01:00:02:00",
        "* FROM CLIP NAME: A001_C003_0915XY.mov",
        "M2   A001_C003_0915XY Day 2       -025.0    14:00:00:00",
        "1002  ARCHIVE INA 1962  V  D    012 10:00:00:00 10:00:02:00 01:00:02:00 01:00:04:00",
        "* FROM CLIP NAME: ina.mov");
    assertThat(edl.warnings()).isEmpty();
    assertThat(edl.events()).extracting(EdlEvent::number, EdlEvent::reel).containsExactly(
        org.assertj.core.groups.Tuple.tuple("1001", "A001_C003_0915XY Day 2"),
        org.assertj.core.groups.Tuple.tuple("1002", "ARCHIVE INA 1962"));
    assertThat(edl.events().get(0).main().channels()).isEqualTo("AA/V");
    assertThat(edl.events().get(0).motionEffects()).singleElement().satisfies(m -> {
      assertThat(m.reel()).isEqualTo("A001_C003_0915XY Day 2");
      assertThat(m.speed()).isEqualByComparingTo("-25");
      assertThat(m.sourceTimecode()).isEqualTo("14:00:00:00");
    });
    assertThat(edl.events().get(1).main().transitionFrames()).isEqualTo(12);
  }

  @Test
  void read_eventLineWithABadDuration_isStillAMalformedEvent() {
    Edl edl = read(FrameRate.FPS_25,
        "001  AX  V  D  01x 00:00:00:00 00:00:02:00 01:00:00:00 01:00:02:00",
        "002  AX  V  C  00:00:00:00 00:00:02:00",
        "003  AX  V  Q  00:00:00:00 00:00:02:00 01:00:00:00 01:00:02:00");
    assertThat(edl.events()).isEmpty();
    assertThat(edl.warnings()).extracting(EdlWarning::kind)
        .containsExactly(Kind.MALFORMED_EVENT, Kind.MALFORMED_EVENT, Kind.MALFORMED_EVENT,
            Kind.NO_EVENTS);
  }

  @Test
  void read_splitAudAndEffectsNameLines_areKnownCmxLinesKeptOnTheirEvent() {
    Edl edl = read(FrameRate.FPS_25,
        "TITLE: AVID",
        "FCM: NON-DROP FRAME",
        "001  A001  AA/V  C        14:00:00:00 14:00:02:00 01:00:00:00 01:00:02:00",
        "AUD  3    4",
        "* FROM CLIP NAME: a.mov",
        "SPLIT:   AUDIO DELAY=  00:00:00:05 ",
        "002  A002  AA/V  C        14:00:00:00 14:00:02:00 01:00:02:00 01:00:04:00",
        "EFFECTS NAME IS CROSS DISSOLVE",
        "* FROM CLIP NAME: b.mov");
    assertThat(edl.warnings()).isEmpty();
    assertThat(edl.events().get(0).comments()).containsExactly("AUD  3    4");
    assertThat(edl.events().get(1).comments())
        .containsExactly("SPLIT:   AUDIO DELAY=  00:00:00:05", "EFFECTS NAME IS CROSS DISSOLVE");
  }

  @Test
  void read_timelineStartingAt23hAndCrossingMidnight_hasNoNegativeDurationsGapsOrOverlaps() {
    Edl edl = read(FrameRate.FPS_25,
        "TITLE: FROM 23H",
        "001  A001  V  C  10:00:00:00 10:00:15:00 23:59:50:00 00:00:05:00",
        "* FROM CLIP NAME: a.mov",
        "002  A002  V  C  10:00:00:00 10:00:05:00 00:00:05:00 00:00:10:00",
        "* FROM CLIP NAME: b.mov",
        "003  A003  V  C  10:00:00:00 10:00:01:00 00:00:11:00 00:00:12:00",
        "* FROM CLIP NAME: c.mov");
    assertThat(edl.events()).extracting(EdlEvent::durationFrames).containsExactly(375L, 125L, 25L);
    assertThat(edl.warnings()).extracting(EdlWarning::kind).containsExactly(Kind.GAP);
    assertThat(edl.gaps()).singleElement().satisfies(g -> assertThat(g.frames()).isEqualTo(25));
    assertThat(edl.recordStart()).hasValueSatisfying(t -> assertThat(t).hasToString("23:59:50:00"));
    assertThat(edl.recordEnd()).hasValueSatisfying(t -> assertThat(t).hasToString("00:00:12:00"));
    assertThat(edl.recordFrames()).isEqualTo(525);
  }

  @Test
  void read_outBeforeInByLessThanHalfADay_isStillANegativeDuration() {
    Edl edl = read(FrameRate.FPS_25,
        "001  A001  V  C  10:00:00:00 10:00:15:00 01:00:10:00 01:00:05:00",
        "* FROM CLIP NAME: a.mov");
    assertThat(edl.events().get(0).durationFrames()).isEqualTo(-125);
    assertThat(read(FrameRate.FPS_25, "TITLE: EMPTY").recordStart()).isEmpty();
    assertThat(edl.warnings()).extracting(EdlWarning::kind).containsExactly(Kind.NEGATIVE_DURATION);
  }

  @Test
  void read_bomNoTitleBlankLinesTrailingSpacesAndNoFinalNewline_giveCleanEvents() {
    String text = "\uFEFF\r\n\r\n001  A001  V  C  00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00   \r\n"
        + "   \r\n*FROM CLIP NAME:  a.mov  \r\n\r\n"
        + "002  A002  V  C  00:00:00:00 00:00:01:00 01:00:01:00 01:00:02:00\t\r\n"
        + "* FROM CLIP NAME: b.mov";
    Edl edl = EdlReader.builder().rate(FrameRate.FPS_25).strict(true).build()
        .read(text.getBytes(StandardCharsets.UTF_8), "bom.edl");
    assertThat(edl.title()).isEmpty();
    assertThat(edl.events()).extracting(e -> e.clipName().orElse(""))
        .containsExactly("a.mov", "b.mov");
    assertThat(edl.recordFrames()).isEqualTo(50);
  }

  @Test
  void read_splitBeforeTheIncomingLineOfADissolve_staysOnThatEvent() {
    Edl edl = read(FrameRate.FPS_25,
        "001  A001  AA/V  C        14:00:00:00 14:00:00:00 01:00:00:00 01:00:00:00",
        "SPLIT:   VIDEO DELAY=  00:00:00:05",
        "001  A002  AA/V  D    010 15:00:00:00 15:00:02:00 01:00:00:00 01:00:02:00",
        "* FROM CLIP NAME: a.mov",
        "* TO CLIP NAME: b.mov",
        "002  A003  AA/V  C        16:00:00:00 16:00:01:00 01:00:02:00 01:00:03:00",
        "* FROM CLIP NAME: c.mov");
    assertThat(edl.events()).extracting(e -> e.comments())
        .containsExactly(java.util.List.of("SPLIT:   VIDEO DELAY=  00:00:00:05"), java.util.List.of());
  }
}
