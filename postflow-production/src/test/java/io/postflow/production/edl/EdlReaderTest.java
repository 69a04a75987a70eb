package io.postflow.production.edl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.ConfigurationException;
import io.postflow.api.InvalidInputException;
import io.postflow.api.LocalFileException;
import io.postflow.production.edl.EdlWarning.Kind;
import io.postflow.production.timecode.FrameRate;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdlReaderTest {
  private static final EdlReader AT_25 = EdlReader.builder().rate(FrameRate.FPS_25).build();

  static byte[] fixture(String name) {
    return io.postflow.production.Fixtures.bytes(name);
  }

  private static Edl read(String text) {
    return AT_25.read(text.getBytes(StandardCharsets.UTF_8), "test.edl");
  }

  @Test
  void fixture25_countsEventsAndLinesAndRecordRange() {
    Edl edl = AT_25.read(fixture("edit_25fps.edl"), "edit_25fps.edl");
    assertThat(edl.title()).contains("KRAK_REEL1_V07 LOCK");
    assertThat(edl.dropFrameHeader()).contains(false);
    assertThat(edl.events()).hasSize(8);
    assertThat(edl.eventLineCount()).isEqualTo(9);
    assertThat(edl.recordStart()).hasValueSatisfying(t -> assertThat(t).hasToString("01:00:00:00"));
    assertThat(edl.recordEnd()).hasValueSatisfying(t -> assertThat(t).hasToString("01:00:38:13"));
    assertThat(edl.recordFrames()).isEqualTo(953);
    assertThat(edl.recordStart().get().framesUntil(edl.recordEnd().get())).isEqualTo(963);
  }

  @Test
  void fixture25_reportsOneGapOfTenFramesBetween006And007() {
    Edl edl = AT_25.read(fixture("edit_25fps.edl"), "edit_25fps.edl");
    assertThat(edl.gaps()).singleElement().satisfies(g -> {
      assertThat(g.afterEvent()).isEqualTo("006");
      assertThat(g.beforeEvent()).isEqualTo("007");
      assertThat(g.frames()).isEqualTo(10);
    });
    assertThat(edl.overlaps()).isEmpty();
    assertThat(edl.warnings()).filteredOn(w -> w.kind() == Kind.GAP).singleElement()
        .satisfies(w -> assertThat(w.line()).isEqualTo(27));
  }

  @Test
  void fixture25_event003_keepsFiftyFpsSourceAndRetime() {
    EdlEvent e = AT_25.read(fixture("edit_25fps.edl"), "x").event("003").orElseThrow();
    assertThat(e.main().sourceIn()).isEqualTo("14:31:07:38");
    assertThat(e.main().sourceOut()).isEqualTo("14:31:10:44");
    assertThat(e.motionEffects()).singleElement().satisfies(m -> {
      assertThat(m.speed()).isEqualByComparingTo(new BigDecimal("25.0"));
      assertThat(m.reel()).isEqualTo("20240913");
      assertThat(m.sourceTimecode()).isEqualTo("14:31:07:38");
    });
  }

  @Test
  void fixture25_event004_decodesMacRomanAndWarns() {
    Edl edl = AT_25.read(fixture("edit_25fps.edl"), "x");
    assertThat(edl.event("004").orElseThrow().clipName())
        .contains("archive_phare_1962_restaurée_version_télé.mov");
    assertThat(edl.warnings()).filteredOn(w -> w.kind() == Kind.ENCODING).singleElement()
        .satisfies(w -> assertThat(w.line()).isEqualTo(15));
  }

  @Test
  void fixture25_event005_isOneDissolveWithTwoLinesAndTwoMarkers() {
    Edl edl = AT_25.read(fixture("edit_25fps.edl"), "x");
    EdlEvent e = edl.event("005").orElseThrow();
    assertThat(e.lines()).hasSize(2);
    assertThat(e.transition()).isEqualTo(Transition.DISSOLVE);
    assertThat(e.main().transitionFrames()).isEqualTo(12);
    assertThat(e.fromClipName()).contains("DJI_20240914101500_0007_D.MP4");
    assertThat(e.toClipName()).contains("C_0001C004X240915_0930EF_KRAK.crm");
    assertThat(e.clipName()).contains("C_0001C004X240915_0930EF_KRAK.crm");
    assertThat(e.recordIn()).hasToString("01:00:23:19");
    assertThat(e.recordOut()).hasToString("01:00:28:19");
    assertThat(e.locators()).extracting(EdlLocator::timecode, EdlLocator::color, EdlLocator::text)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("01:00:27:10", "RED", "VFX: retirer la perche"),
            org.assertj.core.groups.Tuple.tuple("01:00:28:00", "YELLOW", "check flare"));
    assertThat(edl.transitions()).containsExactly(e);
  }

  @Test
  void fixture25_event006TabsAndStarWithoutSpace_event007BlackWithoutWarning() {
    Edl edl = AT_25.read(fixture("edit_25fps.edl"), "x");
    EdlEvent six = edl.event("006").orElseThrow();
    assertThat(six.reel()).isEqualTo("B0003C01");
    assertThat(six.fromClipName()).contains("B_0003C011X240912_0101AB_KRAK.crm");
    EdlEvent seven = edl.event("007").orElseThrow();
    assertThat(seven.isBlackOrBars()).isTrue();
    assertThat(seven.clipName()).isEmpty();
    assertThat(edl.warnings()).extracting(EdlWarning::kind).containsExactly(Kind.ENCODING, Kind.GAP);
    assertThat(edl.event("008").orElseThrow().sourceFile()).contains("A212C954_25042422_CANON");
  }

  @Test
  void fixture2997df_recordFramesCrossDroppedAndTenthMinutes() {
    Edl edl = EdlReader.builder().rate(FrameRate.FPS_29_97).strict(true).build()
        .read(fixture("edit_2997df.edl"), "edit_2997df.edl");
    assertThat(edl.dropFrameHeader()).contains(true);
    assertThat(edl.events()).extracting(EdlEvent::durationFrames).containsExactly(1700L, 100L, 16181L, 301L);
    assertThat(edl.events().get(3).recordOut()).hasToString("01:10:10;00");
    assertThat(edl.gaps()).isEmpty();
  }

  @Test
  void strict_turnsWarningsIntoOneErrorNamingTheLines() {
    EdlReader strict = EdlReader.builder().rate(FrameRate.FPS_25).strict(true).build();
    assertThatThrownBy(() -> strict.read(fixture("edit_25fps.edl"), "edit_25fps.edl"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("edit_25fps.edl:15")
        .hasMessageContaining("2 problem(s)")
        .hasMessageContaining("line 27 [GAP]");
  }

  @Test
  void fallbackCharset_isConfigurable() {
    Edl edl = EdlReader.builder().rate(FrameRate.FPS_25).fallbackCharset("ISO-8859-1").build()
        .read(fixture("edit_25fps.edl"), "x");
    assertThat(edl.event("004").orElseThrow().clipName())
        .contains("archive_phare_1962_restaur\u008Ee_version_t\u008El\u008E.mov");
    assertThatThrownBy(() -> EdlReader.builder().fallbackCharset("no-such-charset"))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("no-such-charset");
    assertThatThrownBy(() -> EdlReader.builder().build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'rate'");
  }

  @Test
  void read_recordTimecodeInvalidAtRate_warnsNamingLineAndField_strictFails() {
    String edl = "TITLE: T\n\n001  AX  V  C  00:00:00:00 00:00:01:00 01:00:00:00 01:00:00:25\n";
    Edl lenient = read(edl);
    assertThat(lenient.events()).isEmpty();
    assertThat(lenient.warnings()).filteredOn(w -> w.kind() == Kind.IMPOSSIBLE_TIMECODE)
        .singleElement().satisfies(w -> {
          assertThat(w.line()).isEqualTo(3);
          assertThat(w.message()).contains("[record out]", "'01:00:00:25'");
        });
    assertThatThrownBy(() -> EdlReader.builder().rate(FrameRate.FPS_25).strict(true).build()
        .read(edl.getBytes(StandardCharsets.UTF_8), "test.edl"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("test.edl:3")
        .hasMessageContaining("[record out]")
        .hasMessageContaining("'01:00:00:25'");
  }

  @Test
  void read_oddities_becomeWarningsWithLineNumbers() {
    String edl = String.join("\n",
        "TITLE: ODD",
        "NOTE: not a CMX3600 line",
        "001  AX  V  C  00:00:00:00 00:00:02:00 01:00:00:00 01:00:02:00",
        "002  AX  V  C  00:00:00:00 00:00:02:00 01:00:01:00 01:00:03:00",
        "* FROM CLIP NAME: b.mov",
        "001  AX  V  C  00:00:00:00 00:00:02:00 01:00:03:00 01:00:04:00",
        "* FROM CLIP NAME: c.mov",
        "003  AX  V  D  00:00:00:00 00:00:02:00 01:00:04:00",
        "M2   AX  fast  00:00:00:00",
        "");
    Edl parsed = read(edl);
    assertThat(parsed.warnings()).extracting(EdlWarning::line, EdlWarning::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple(2, Kind.UNKNOWN_LINE),
        org.assertj.core.groups.Tuple.tuple(3, Kind.MISSING_CLIP_NAME),
        org.assertj.core.groups.Tuple.tuple(4, Kind.OVERLAP),
        org.assertj.core.groups.Tuple.tuple(6, Kind.DUPLICATE_EVENT_NUMBER),
        // 2 s of source on 1 s of record without an M2.
        org.assertj.core.groups.Tuple.tuple(6, Kind.DURATION_MISMATCH),
        org.assertj.core.groups.Tuple.tuple(8, Kind.MALFORMED_EVENT),
        org.assertj.core.groups.Tuple.tuple(9, Kind.MALFORMED_MOTION_EFFECT));
    assertThat(parsed.overlaps()).singleElement().satisfies(o -> assertThat(o.frames()).isEqualTo(25));
    assertThat(parsed.events()).hasSize(3);
  }

  @Test
  void read_wipeKeyAndDropFrameAtWrongRate() {
    String edl = String.join("\r\n",
        "FCM: DROP FRAME",
        "001  AX  V  W001 010 00:00:00:00 00:00:02:00 01:00:00:00 01:00:02:00",
        "* FROM CLIP NAME: a.mov",
        "002  AX  V  KB  00:00:00:00 00:00:02:00 01:00:02:00 01:00:04:00",
        "* FROM CLIP NAME: b.mov",
        "* ASC_SOP (1 1 1)(0 0 0)(1 1 1)",
        "* ASC_SAT 0.9",
        "* a free comment");
    Edl parsed = read(edl);
    assertThat(parsed.events()).extracting(EdlEvent::transition)
        .containsExactly(Transition.WIPE, Transition.KEY);
    assertThat(parsed.events().get(0).main().transitionCode()).isEqualTo("W001");
    EdlEvent key = parsed.events().get(1);
    assertThat(key.ascSop()).contains("(1 1 1)(0 0 0)(1 1 1)");
    assertThat(key.ascSat()).contains("0.9");
    assertThat(key.comments()).containsExactly("a free comment");
    assertThat(parsed.warnings()).extracting(EdlWarning::kind).containsExactly(Kind.FCM_MISMATCH);
  }

  @Test
  void read_emptyAndBomOnly_areRejectedAsEmpty() {
    assertThatThrownBy(() -> read("")).isInstanceOf(InvalidInputException.class)
        .hasMessage("test.edl: not an EDL: it is empty");
    assertThatThrownBy(() -> AT_25.read(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "bom"))
        .hasMessage("bom: not an EDL: it is empty");
    assertThatThrownBy(() -> read("\r\n  \n\t\n")).hasMessageContaining("it is empty");
  }

  @Test
  void read_randomBytes_areRefusedAsNotAnEdl_namingTheSource() {
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 500; i++) {
      byte[] junk = new byte[random.nextInt(400)];
      random.nextBytes(junk);
      // Random bytes are binary data, empty, or text without an event line: never an EDL.
      assertThatThrownBy(() -> AT_25.read(junk, "junk"))
          .as("case %d (%d bytes)", i, junk.length)
          .isInstanceOf(InvalidInputException.class)
          .hasMessageStartingWith("junk")
          .hasMessageContaining(": not an EDL: ")
          .satisfies(e -> assertThat(((InvalidInputException) e).source()).contains("junk"));
    }
  }

  @Test
  void read_mangledFixture_givesEventsAndWarningsOnLinesOfTheFile_orAnErrorNamingTheLine() {
    String original = new String(fixture("edit_25fps.edl"), StandardCharsets.ISO_8859_1);
    String alphabet = "0123456789:; *ABCDVWKMFROTL\t\r\n";
    java.util.Random random = new java.util.Random(11);
    int parsed = 0;
    for (int i = 0; i < 500; i++) {
      StringBuilder text = new StringBuilder(original);
      for (int edits = 1 + random.nextInt(8); edits > 0; edits--) {
        int at = random.nextInt(text.length());
        if (random.nextBoolean()) {
          text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
        } else {
          text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(12)));
        }
      }
      byte[] bytes = text.toString().getBytes(StandardCharsets.ISO_8859_1);
      int lines = text.toString().split("\r\n|\r|\n", -1).length;
      String what = "case " + i + ":\n" + text;
      try {
        Edl edl = AT_25.read(bytes, "cut.edl");
        parsed++;
        assertThat(edl.events()).as(what).allSatisfy(e -> assertThat(e.line()).isBetween(1, lines));
        assertThat(edl.warnings()).as(what).allSatisfy(w -> {
          assertThat(w.line()).isBetween(1, lines);
          assertThat(w.message()).isNotBlank();
        });
        assertThat(edl.events()).as(what).filteredOn(e -> e.durationFrames() < 0).allSatisfy(e ->
            assertThat(edl.warnings()).as(what).anyMatch(w -> w.kind() == Kind.NEGATIVE_DURATION && w.line() == e.line()));
      } catch (InvalidInputException e) {
        // only the sniffer refuses a lenient read: the whole file is not an EDL
        assertThat(e).as(what).hasMessageStartingWith("cut.edl").hasMessageContaining("not an EDL: ");
        assertThat(e.line().orElse(0)).as(what).isBetween(0, lines);
      }
    }
    // the mangling keeps most files EDLs: the parser's side is what this test is for
    assertThat(parsed).isGreaterThan(400);
  }

  @Test
  void read_missingFile_throwsLocalFileExceptionNamingIt(@TempDir Path dir) {
    assertThatThrownBy(() -> AT_25.read(dir.resolve("nope.edl")))
        .isInstanceOf(LocalFileException.class).hasMessageContaining("nope.edl")
        .hasMessageContaining("no such file");
  }

  @Test
  void events_listIsImmutable() {
    List<EdlEvent> events = AT_25.read(fixture("edit_25fps.edl"), "x").events();
    assertThatThrownBy(() -> events.clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void read_lineEndings_crlfLfAndCrGiveTheSameEvents() {
    String lf = new String(fixture("edit_2997df.edl"), StandardCharsets.UTF_8);
    EdlReader at2997 = EdlReader.builder().rate(FrameRate.FPS_29_97).build();
    Edl fromLf = at2997.read(lf.getBytes(StandardCharsets.UTF_8), "lf");
    for (String ending : new String[] {"\r\n", "\r"}) {
      Edl other = at2997.read(lf.replace("\n", ending).getBytes(StandardCharsets.UTF_8), "x");
      assertThat(other.events()).isEqualTo(fromLf.events());
      assertThat(other.warnings()).isEqualTo(fromLf.warnings());
    }
  }

  @Test
  void read_twentyThousandEventsGeneratedInTempDir(@TempDir Path dir) throws java.io.IOException {
    StringBuilder b = new StringBuilder("TITLE: BIG\nFCM: NON-DROP FRAME\n");
    io.postflow.production.timecode.Timecode rec =
        io.postflow.production.timecode.Timecode.parse("00:00:00:00", FrameRate.FPS_25);
    for (int i = 1; i <= 20_000; i++) {
      b.append(String.format("%05d  R%03d V C 10:00:00:00 10:00:00:40 %s %s%n", i, i % 1000, rec, rec.plus(40)))
          .append("* FROM CLIP NAME: clip_").append(i).append(".mov\n");
      rec = rec.plus(40);
    }
    Path file = java.nio.file.Files.writeString(dir.resolve("big.edl"), b);
    Edl edl = AT_25.read(file);
    assertThat(edl.events()).hasSize(20_000);
    assertThat(edl.warnings()).isEmpty();
    assertThat(edl.recordFrames()).isEqualTo(800_000);
    assertThat(edl.recordEnd()).hasValueSatisfying(t -> assertThat(t).hasToString("08:53:20:00"));
  }
}
