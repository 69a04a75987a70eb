package io.postflow.production.edl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.InvalidInputException;
import io.postflow.production.Fixtures;
import io.postflow.production.edl.EdlWarning.Kind;
import io.postflow.production.timecode.FrameRate;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Garbage in gets a clear no; oddities in real EDLs get a warning naming line and field. */
class EdlBadInputTest {
  private static final EdlReader LENIENT = EdlReader.builder().rate(FrameRate.FPS_25).build();
  private static final EdlReader STRICT = EdlReader.builder().rate(FrameRate.FPS_25).strict(true).build();
  private static final String HEADER = "TITLE: T\nFCM: NON-DROP FRAME\n\n";

  private static Edl read(EdlReader reader, String text) {
    return reader.read(text.getBytes(StandardCharsets.UTF_8), "cut.edl");
  }

  @Test
  void binaryFile_isRejectedWithTheOffsetOfTheFirstNul() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    assertThatThrownBy(() -> LENIENT.read(png, "cut.edl")).isInstanceOf(InvalidInputException.class)
        .hasMessage("cut.edl: not an EDL: it holds binary data (byte 0x00 at offset 8)");
  }

  @Test
  void binaryWithoutNulBytes_isRejectedByItsControlBytes() {
    byte[] junk = new byte[4096];
    new Random(3).nextBytes(junk);
    for (int i = 0; i < junk.length; i++) {
      junk[i] = junk[i] == 0 ? 1 : junk[i];
    }
    assertThatThrownBy(() -> LENIENT.read(junk, "cut.edl")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not an EDL: it holds binary data (")
        .hasMessageContaining("control bytes in the first 4096 bytes");
  }

  @Test
  void shotListGivenAsEdl_isRejectedNamingItsHeaderRow() {
    assertThatThrownBy(() -> LENIENT.read(Fixtures.bytes("shots_quirks.csv"), "shots_quirks.csv"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("shots_quirks.csv:1: not an EDL: its first line is a spreadsheet's"
            + " header row (12 cells separated by ','): 'PLAN,VIGNETTE,SEQUENCE,")
        .hasMessageEndingWith("is it the shot list?");
  }

  @Test
  void textWithoutEventLine_isRejectedQuotingItsFirstLine() {
    String log = "2026-12-01 10:00:00 INFO started\n".repeat(3);
    assertThatThrownBy(() -> read(LENIENT, log)).isInstanceOf(InvalidInputException.class)
        .hasMessage("cut.edl: not an EDL: no event line (NNN REEL CHANNELS TRANSITION SRC_IN"
            + " SRC_OUT REC_IN REC_OUT) in its 3 line(s); first line: '2026-12-01 10:00:00 INFO started'");
  }

  @Test
  void eventLineFarIntoTheFile_isRejectedAsNoEventInTheWindow() {
    String text = "* comment line that keeps going\n".repeat(3000) + HEADER
        + "001  AX  V  C  00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\n";
    assertThatThrownBy(() -> read(LENIENT, text)).hasMessageContaining("no event line")
        .hasMessageContaining("in the first 64 KiB");
  }

  @Test
  void utf16File_isRejectedSayingSo() {
    byte[] utf16 = ("\uFEFF" + HEADER).getBytes(StandardCharsets.UTF_16LE);
    assertThatThrownBy(() -> LENIENT.read(utf16, "cut.edl")).hasMessageContaining("UTF-16");
  }

  @Test
  void headerWithoutEvents_isAnEmptyTimelineWarned_andAnErrorWhenStrict() {
    Edl empty = read(LENIENT, HEADER);
    assertThat(empty.events()).isEmpty();
    assertThat(empty.warnings()).extracting(EdlWarning::kind).containsExactly(Kind.NO_EVENTS);
    assertThatThrownBy(() -> read(STRICT, HEADER)).hasMessageContaining("has no events");
  }

  @Test
  void twoHundredMegabytesOfRandomBytes_areRejectedAfterReadingOnlyTheFirstWindow() {
    byte[] random = new byte[1 << 20];
    new Random(7).nextBytes(random);
    GeneratedStream stream = new GeneratedStream().then(random, 200L << 20);
    assertThatThrownBy(() -> LENIENT.read(stream, "random.bin"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("binary data");
    assertThat(stream.served).isLessThanOrEqualTo(EdlSniffer.WINDOW_BYTES);
  }

  @Test
  void validStartThenFiftyMegabytesOfGarbage_keepsAHundredWarningsAndCountsTheRest() {
    // Two events, then text lines and one line of 10 MiB without a break: the stream is generated,
    // so an implementation that held the file, the lines or every warning would need gigabytes.
    byte[] start = (HEADER + "001  AX  V  C  00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\n"
        + "* FROM CLIP NAME: a.mov\n"
        + "002  AX  V  C  00:00:00:00 00:00:01:00 01:00:01:00 01:00:02:00\n"
        + "* FROM CLIP NAME: b.mov\n").getBytes(StandardCharsets.US_ASCII);
    byte[] garbage = "#~ a garbage line, 64 bytes long, that no EDL reader knows ~~~#\n"
        .getBytes(StandardCharsets.US_ASCII);
    long lines = (20L << 20) / garbage.length;
    GeneratedStream stream = new GeneratedStream().then(start, start.length)
        .then(garbage, lines * garbage.length).then(new byte[] {'x'}, 10L << 20)
        .then(garbage, lines * garbage.length);
    Edl edl = LENIENT.read(stream, "huge.edl");
    assertThat(stream.served).isEqualTo(stream.length);
    assertThat(edl.events()).hasSize(2);
    assertThat(edl.warnings()).hasSize(100);
    // Every garbage line, plus the long line glued to the garbage line after it.
    assertThat(edl.warningCount()).isEqualTo(2 * lines);
    assertThat(edl.warnings()).allSatisfy(w -> assertThat(w.message().length()).isLessThan(300));
  }

  @Test
  void commentsPastTheLimitOfAnEvent_areNotKept() {
    Edl edl = read(LENIENT, HEADER + "001  AX  V  C  00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\n"
        + "* FROM CLIP NAME: a.mov\n" + "* a comment\n".repeat(1500));
    assertThat(edl.events().get(0).comments()).hasSize(EdlParser.MAX_LINES_PER_EVENT - 1);
    assertThat(edl.warnings()).singleElement().satisfies(w -> {
      assertThat(w.line()).isEqualTo(1005);
      assertThat(w.message()).contains("more than 1000 comment lines after event 001");
    });
  }

  @Test
  void impossibleSourceTimecode_isAWarningNamingLineAndField_andAnErrorWhenStrict() {
    String text = HEADER + "001  A001  V  C  25:99:99:99 10:00:01:00 01:00:00:00 01:00:01:00\n"
        + "* FROM CLIP NAME: a.mov\n";
    Edl edl = read(LENIENT, text);
    assertThat(edl.events()).singleElement()
        .satisfies(e -> assertThat(e.main().sourceIn()).isEqualTo("25:99:99:99"));
    assertThat(edl.warnings()).singleElement().satisfies(w -> {
      assertThat(w.line()).isEqualTo(4);
      assertThat(w.kind()).isEqualTo(Kind.IMPOSSIBLE_TIMECODE);
      assertThat(w.message()).startsWith("[source in] '25:99:99:99' is not a possible timecode")
          .contains("hours 25 > 23", "minutes 99 > 59", "seconds 99 > 59");
    });
    assertThatThrownBy(() -> read(STRICT, text)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cut.edl:4").hasMessageContaining("[source in] '25:99:99:99'");
  }

  @Test
  void sourceFromAFasterCamera_isNotImpossible() {
    Edl edl = read(LENIENT, HEADER + "001  A001  V  C  14:31:07:38 14:31:10:44 01:00:00:00 01:00:03:03\n"
        + "M2   A001  025.0  14:31:07:38\n* FROM CLIP NAME: a.mov\n");
    assertThat(edl.warnings()).isEmpty();
  }

  @Test
  void sourceAndRecordDurationsDifferWithoutRetime_isWarnedWithBoth_andAnErrorWhenStrict() {
    String text = HEADER + "001  A001  V  C  10:00:00:00 10:00:05:05 01:00:00:00 01:00:05:00\n"
        + "* FROM CLIP NAME: a.mov\n";
    assertThat(read(LENIENT, text).warnings()).singleElement().satisfies(w -> {
      assertThat(w.kind()).isEqualTo(Kind.DURATION_MISMATCH);
      assertThat(w.line()).isEqualTo(4);
      assertThat(w.message()).isEqualTo("event 001: source duration 130 frames (10:00:00:00 to"
          + " 10:00:05:05) but record duration 125 frames (01:00:00:00 to 01:00:05:00), and no M2"
          + " motion effect");
    });
    assertThatThrownBy(() -> read(STRICT, text)).hasMessageContaining("source duration 130 frames");
    // With a retime, the lengths differ on purpose.
    assertThat(read(LENIENT, text + "M2   A001  026.0  10:00:00:00\n").warnings()).isEmpty();
  }

  @Test
  void clipNameCommentWithoutStar_isStillTheClipName() {
    Edl edl = read(LENIENT, HEADER + "001  AX  V  C  00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\n"
        + "FROM CLIP NAME: archive_quai_1958.mov\nSOURCE FILE: /media/archive_quai_1958.mov\n");
    assertThat(edl.events()).singleElement().satisfies(e -> {
      assertThat(e.clipName()).contains("archive_quai_1958.mov");
      assertThat(e.sourceFile()).contains("/media/archive_quai_1958.mov");
    });
    assertThat(edl.warnings()).isEmpty();
  }

  @Test
  void warningsPastTheHundredth_areCountedAndTheStrictErrorGivesTheTotal() {
    String text = HEADER + "001  AX  V  C  00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\n"
        + "* FROM CLIP NAME: a.mov\n" + "what is this\n".repeat(250);
    Edl edl = read(LENIENT, text);
    assertThat(edl.warnings()).hasSize(100);
    assertThat(edl.warnings().get(0).line()).isEqualTo(6);
    assertThat(edl.warningCount()).isEqualTo(250);
    assertThatThrownBy(() -> read(STRICT, text))
        .hasMessageContaining("strict mode: 250 problem(s)").hasMessageEndingWith("; and 240 more");
  }

  @Test
  void moreEventsThanTheLimit_isAClearError() {
    StringBuilder text = new StringBuilder(HEADER);
    for (int i = 0; i < 4; i++) {
      text.append(String.format("%03d  AX  V  C  00:00:00:00 00:00:01:00 01:00:0%d:00 01:00:0%d:00%n",
          i + 1, i, i + 1)).append("* FROM CLIP NAME: a.mov\n");
    }
    EdlReader three = EdlReader.builder().rate(FrameRate.FPS_25).maxEvents(3).build();
    assertThatThrownBy(() -> read(three, text.toString())).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cut.edl:10: more than 3 events");
  }

  /** A stream generated from repeated patterns, counting the bytes it served. */
  private static final class GeneratedStream extends InputStream {
    private final java.util.List<byte[]> patterns = new java.util.ArrayList<>();
    private final java.util.List<Long> ends = new java.util.ArrayList<>();
    long length;
    long served;

    GeneratedStream then(byte[] pattern, long bytes) {
      patterns.add(pattern);
      length += bytes;
      ends.add(length);
      return this;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (served >= length) {
        return -1;
      }
      int segment = 0;
      while (ends.get(segment) <= served) {
        segment++;
      }
      long segmentStart = segment == 0 ? 0 : ends.get(segment - 1);
      byte[] pattern = patterns.get(segment);
      int at = (int) ((served - segmentStart) % pattern.length);
      int n = (int) Math.min(Math.min(len, pattern.length - at), ends.get(segment) - served);
      System.arraycopy(pattern, at, b, off, n);
      served += n;
      return n;
    }
  }
}
