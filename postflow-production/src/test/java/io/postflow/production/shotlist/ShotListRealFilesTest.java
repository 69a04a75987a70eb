package io.postflow.production.shotlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.InvalidInputException;
import io.postflow.api.Shot;
import java.nio.charset.Charset;

import io.postflow.production.timecode.FrameRate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void read_frenchExcelSemicolonExportInWindows1252_findsColumnsAndKeepsDecimalCommas() {
    String csv = "PLAN;SEQUENCE;TC IN;TC OUT;DURÉE;SOURCE NAME;NOMENCLATURE PLAN;NOTE\r\n"
        + "001;PHARE - NUIT;01:00:00:00;01:00:01:00;00:00:01:00;a.mov;KRAK_00010;ratio 2,39\r\n"
        + "002;\"PORT; AUBE\";01:00:01:00;01:00:02:05;00:00:01:05;b.mov;KRAK_00020;\r\n";
    ShotList list = ShotListReader.builder().rate(FrameRate.FPS_25).build()
        .read(csv.getBytes(Charset.forName("windows-1252")), "liste.csv");
    assertThat(list.headers()).containsExactly("PLAN", "SEQUENCE", "TC IN", "TC OUT", "DURÉE",
        "SOURCE NAME", "NOMENCLATURE PLAN", "NOTE");
    assertThat(list.shots()).extracting(Shot::number).containsExactly("001", "002");
    assertThat(list.shots().get(0).columns()).containsEntry("NOTE", "ratio 2,39");
    assertThat(list.shots().get(1).scene().rawName()).isEqualTo("PORT; AUBE");
    assertThat(list.shots().get(1).durationFrames()).contains(30L);
    assertThat(list.warnings()).extracting(ShotListWarning::message)
        .allSatisfy(m -> assertThat(m).contains("windows-1252"));
  }

  @Test
  void read_tabSeparatedAndExcelSepLine_areRead() {
    ShotList tabs = read(FrameRate.FPS_25, HEADER.replace(',', '\t') + "\n"
        + "001\tA\t01:00:00:00\t01:00:01:00\ta, b.mov\tKRAK_00010\n");
    assertThat(tabs.shots()).singleElement()
        .satisfies(s -> assertThat(s.sourceName()).contains("a, b.mov"));
    ShotList declared = read(FrameRate.FPS_25, "sep=;\r\n" + HEADER.replace(',', ';') + "\r\n"
        + "001;A;01:00:00:00;01:00:01:00;a.mov;KRAK_00010\r\n");
    assertThat(declared.shots()).singleElement().satisfies(s -> assertThat(s.line()).isEqualTo(3));
    assertThat(declared.warnings()).isEmpty();
  }

  @Test
  void read_titleRowsAboveTheHeader_areSkippedWithAWarningAndLinesStayTrue() {
    ShotList list = read(FrameRate.FPS_25, "LISTE DES PLANS - KRAKEN,,,,,\r\n"
        + "\"Version du 12/09, validée\",,,,,\r\n"
        + ",,,,,\r\n"
        + HEADER + "\r\n"
        + "001,A,01:00:00:00,01:00:01:00,a.mov,KRAK_00010\r\n");
    assertThat(list.headers()).first().isEqualTo("PLAN");
    assertThat(list.shots()).singleElement().satisfies(s -> assertThat(s.line()).isEqualTo(5));
    assertThat(list.warnings()).singleElement().satisfies(w -> {
      assertThat(w.line()).isEqualTo(1);
      assertThat(w.message()).contains("2 row(s) above the header row (line 4)");
    });
  }

  @Test
  void read_noHeaderRowWithAnySeparator_namesTheClosestRowAndTheSeparatorsTried() {
    assertThatThrownBy(() -> read(FrameRate.FPS_25, "TITRE\r\nPLAN;SEQUENCE;TC IN\r\n1;A;01:00:00:00\r\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("t.csv:2")
        .hasMessageContaining("'TC OUT' (RECORD_OUT)")
        .hasMessageContaining("found headers: 'PLAN', 'SEQUENCE', 'TC IN'")
        .hasMessageContaining("separators tried");
  }

  @Test
  void read_duplicateHeaders_keepEveryColumnSoTheFlatExportLosesNothing(@TempDir Path dir) {
    ShotList list = read(FrameRate.FPS_25, HEADER + ",NOTE,NOTE\r\n"
        + "001,A,01:00:00:00,01:00:01:00,a.mov,KRAK_00010,flare,garder le son\r\n");
    assertThat(list.shots().get(0).columns()).containsValues("flare", "garder le son");
    assertThat(list.warnings()).singleElement().satisfies(w -> {
      assertThat(w.header()).isEqualTo("NOTE");
      assertThat(w.message()).contains("'NOTE (column 8)'");
    });
    Path flat = ShotListExporter.of(list).writeFlatCsv(dir.resolve("flat.csv"));
    ShotList back = ShotListReader.builder().rate(FrameRate.FPS_25).build().read(flat);
    assertThat(back.shots().get(0).columns()).containsValues("flare", "garder le son");
  }

  @Test
  void read_spreadsheetFormulaErrors_areNotNomenclaturesOrSources() {
    ShotList list = read(FrameRate.FPS_25, HEADER + "\r\n"
        + "001,A,01:00:00:00,01:00:01:00,a.mov,#N/A\r\n"
        + "002,A,01:00:01:00,01:00:02:00,#REF!,#N/A\r\n"
        + "003,#N/A,01:00:02:00,01:00:03:00,#VALEUR!,KRAK_00030\r\n");
    assertThat(list.statistics().missingNomenclature()).containsExactly("001", "002");
    assertThat(list.shots()).extracting(s -> s.sourceName().isPresent())
        .containsExactly(true, false, false);
    assertThat(list.shots().get(0).columns()).containsEntry("NOMENCLATURE PLAN", "#N/A");
    assertThat(list.warnings()).extracting(ShotListWarning::toString).containsExactly(
        "line 2 [NOMENCLATURE PLAN]: spreadsheet error '#N/A' (a formula that failed); treated as empty",
        "line 3 [NOMENCLATURE PLAN]: spreadsheet error '#N/A' (a formula that failed); treated as empty",
        "line 3 [SOURCE NAME]: spreadsheet error '#REF!' (a formula that failed); treated as empty",
        "line 4 [SEQUENCE]: spreadsheet error '#N/A' (a formula that failed); treated as empty",
        "line 4 [SEQUENCE]: no scene; grouped under '(none)'",
        "line 4 [SOURCE NAME]: spreadsheet error '#VALEUR!' (a formula that failed); treated as empty");
  }

  @Test
  void read_nomenclatureRepeatedUnderAnotherSpelling_isAWarningNamingTheFirstLine() {
    ShotList list = read(FrameRate.FPS_25, HEADER + "\r\n"
        + "001,A,01:00:00:00,01:00:01:00,a.mov,KRAK_00010\r\n"
        + "002,A,01:00:01:00,01:00:02:00,b.mov,krak-00010\r\n");
    assertThat(list.warnings()).singleElement().hasToString(
        "line 3 [NOMENCLATURE PLAN]: nomenclature 'krak-00010' is also on line 2 ('KRAK_00010');"
            + " lookups find line 2");
  }

  @Test
  void read_shotNumberRepeated_isAWarningNamingTheFirstLine_andBothShotsAreKept() {
    ShotList list = read(FrameRate.FPS_25, HEADER + "\r\n"
        + "001,A,01:00:00:00,01:00:01:00,a.mov,KRAK_00010\r\n"
        + "002,A,01:00:01:00,01:00:02:00,b.mov,KRAK_00020\r\n"
        + "001,A,01:00:02:00,01:00:03:00,c.mov,KRAK_00030\r\n"
        + "001,A,01:00:03:00,01:00:04:00,d.mov,KRAK_00040\r\n");
    assertThat(list.shots()).extracting(s -> s.nomenclature().orElseThrow())
        .containsExactly("KRAK_00010", "KRAK_00020", "KRAK_00030", "KRAK_00040");
    assertThat(list.warnings()).extracting(ShotListWarning::toString).containsExactly(
        "line 4 [PLAN]: shot number 001 repeated (first on line 2)",
        "line 5 [PLAN]: shot number 001 repeated (first on line 2)");
  }

  @Test
  void warnings_areInLineOrderEvenWithEncodingWarningsOnLaterLines() {
    byte[] head = (HEADER + "\r\n001,A,01:00:00:00,01:00:00:25,a.mov,KRAK_00010\r\n")
        .getBytes(StandardCharsets.UTF_8);
    byte[] tail = "002,CRÉPUSCULE,01:00:01:00,01:00:02:00,b.mov,KRAK_00020\r\n"
        .getBytes(Charset.forName("windows-1252"));
    byte[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    ShotList list = ShotListReader.builder().rate(FrameRate.FPS_25).build().read(all, "t.csv");
    assertThat(list.shots().get(1).scene().rawName()).isEqualTo("CRÉPUSCULE");
    assertThat(list.warnings()).extracting(ShotListWarning::line).containsExactly(2, 3);
  }

  @Test
  void read_excelUnicodeTextExport_utf16WithBomAndTabs_isRead() {
    String text = "\uFEFF" + HEADER.replace(',', '\t') + "\tDURÉE\r\n"
        + "001\tCRÉPUSCULE\t01:00:00:00\t01:00:01:00\ta.mov\tKRAK_00010\t00:00:01:00\r\n";
    for (Charset utf16 : new Charset[] {StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE}) {
      ShotList list = ShotListReader.builder().rate(FrameRate.FPS_25).build()
          .read(text.getBytes(utf16), "unicode.txt");
      assertThat(list.headers()).last().isEqualTo("DURÉE");
      assertThat(list.shots()).singleElement()
          .satisfies(s -> assertThat(s.scene().rawName()).isEqualTo("CRÉPUSCULE"));
      assertThat(list.warnings()).isEmpty();
    }
  }

  @Test
  void read_shotsRunningPastMidnight_haveDurationsAndTheRightFirstAndLast() {
    ShotList list = read(FrameRate.FPS_25, HEADER + "\r\n"
        + "001,A,23:59:58:00,23:59:59:00,a.mov,KRAK_00010\r\n"
        + "002,A,23:59:59:00,00:00:01:00,b.mov,KRAK_00020\r\n"
        + "003,A,00:00:01:00,00:00:02:00,c.mov,KRAK_00030\r\n");
    assertThat(list.warnings()).isEmpty();
    assertThat(list.shots()).extracting(s -> s.durationFrames().orElse(-1L))
        .containsExactly(25L, 50L, 25L);
    assertThat(list.statistics().firstRecordIn())
        .hasValueSatisfying(t -> assertThat(t).hasToString("23:59:58:00"));
    assertThat(list.statistics().lastRecordOut())
        .hasValueSatisfying(t -> assertThat(t).hasToString("00:00:02:00"));
    ShotList outsOnly = read(FrameRate.FPS_25, HEADER + "\r\n"
        + "001,A,,01:00:01:00,a.mov,KRAK_00010\r\n"
        + "002,A,x,01:00:02:00,b.mov,KRAK_00020\r\n");
    assertThat(outsOnly.statistics().lastRecordOut())
        .hasValueSatisfying(t -> assertThat(t).hasToString("01:00:02:00"));
  }

  @Test
  void dropFrame_listTypedWithColonsAtTwentyNineNinetySeven_matchesTheDropFrameCut() {
    String csv = HEADER + "\r\n001,A,01:00:10:00,01:00:20:00,a.mov,KRAK_00010\r\n";
    io.postflow.production.edl.Edl edl = io.postflow.production.edl.EdlReader.builder()
        .rate(FrameRate.FPS_29_97).build().read(("FCM: DROP FRAME\n"
            + "001  A001  V  C  00:00:00:00 00:00:10:00 01:00:10;00 01:00:20;00\n"
            + "* FROM CLIP NAME: a.mov\n").getBytes(StandardCharsets.UTF_8), "df.edl");
    // Read as non-drop, the same labels are 108 frames later than the cut's.
    ShotList asNonDrop = read(FrameRate.FPS_29_97, csv);
    assertThat(Reconciliation.of(asNonDrop, edl).matches()).singleElement()
        .satisfies(m -> assertThat(m.recordInDelta()).isEqualTo(-108));
    ShotList asDrop = ShotListReader.builder().rate(FrameRate.FPS_29_97).dropFrame(true).build()
        .read(csv.getBytes(StandardCharsets.UTF_8), "t.csv");
    assertThat(asDrop.shots().get(0).durationFrames()).contains(300L);
    assertThat(Reconciliation.of(asDrop, edl).unchanged()).hasSize(1);
    assertThatThrownBy(() -> ShotListReader.builder().rate(FrameRate.FPS_25).dropFrame(true).build())
        .isInstanceOf(io.postflow.api.ConfigurationException.class).hasMessageContaining("'dropFrame'");
  }

  @Test
  void exports_escapeQuotesCommasSemicolonsAndLineBreaks_andTheFlatCsvReadsBackTheSame(@TempDir Path dir)
      throws java.io.IOException {
    ShotList list = read(FrameRate.FPS_25, HEADER + ",\"NOTE, \"\"dite\"\"\"\r\n"
        + "001,\"PHARE, NUIT\",01:00:00:00,01:00:01:00,a.mov,KRAK_00010,\"ligne 1\r\nligne \"\"2\"\"; fin\"\r\n");
    Path flat = ShotListExporter.of(list).writeFlatCsv(dir.resolve("flat.csv"));
    ShotList back = ShotListReader.builder().rate(FrameRate.FPS_25).build().read(flat);
    assertThat(back.shots().get(0).columns()).containsAllEntriesOf(list.shots().get(0).columns());
    assertThat(back.shots().get(0).columns()).containsEntry("NOTE, \"dite\"", "ligne 1\nligne \"2\"; fin");
    Path json = ShotListExporter.of(list).writeDetailedJson(dir.resolve("d.json"));
    com.fasterxml.jackson.databind.JsonNode node = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(json.toFile()).at("/shots/0/columns");
    assertThat(node.get("NOTE, \"dite\"").asText()).isEqualTo("ligne 1\nligne \"2\"; fin");
  }

  @Test
  void read_noBreakSpacesFromWordOrTheWeb_inHeadersAndCells_matchLikeSpaces() {
    ShotList list = read(FrameRate.FPS_25,
        "PLAN,SEQUENCE,TC\u00A0IN,TC OUT\u00A0,SOURCE NAME,NOMENCLATURE\u202FPLAN\r\n"
            + "001,PHARE\u00A0-\u00A0NUIT,01:00:00:00,01:00:01:00,a.mov,\u00A0KRAK_00010\u00A0\r\n");
    Shot shot = list.shots().get(0);
    assertThat(shot.nomenclature()).contains("KRAK_00010");
    assertThat(shot.scene().name()).isEqualTo("PHARE NUIT");
    assertThat(Names.nomenclatureKey("KRAK\u00A000010")).isEqualTo("KRAK_00010");
  }

  @Test
  void read_formulasDraggedBelowTheList_areOneWarningNotOnePerRow() {
    StringBuilder csv = new StringBuilder(HEADER + ",DURÉE,Doublons\r\n"
        + "001,A,01:00:00:00,01:00:01:00,a.mov,KRAK_00010,00:00:01:00,FALSE\r\n");
    for (int i = 0; i < 300; i++) {
      csv.append(",,,,,,00:00:00:00,FALSE\r\n");
    }
    csv.append(",A,01:00:01:00,01:00:02:00,b.mov,KRAK_00020,,\r\n");
    ShotList list = read(FrameRate.FPS_25, csv.toString());
    assertThat(list.shots()).hasSize(1);
    assertThat(list.warnings()).extracting(ShotListWarning::toString).containsExactly(
        "line 3: 300 row(s) with every required column empty skipped (lines 3 to 302; formulas"
            + " dragged below the list?)",
        "line 303 [PLAN]: row without a shot number skipped");
  }

  @Test
  void reconcile_trimAcrossMidnight_pairsEachShotWithItsOverlappingEvent() {
    ShotList list = read(FrameRate.FPS_25, HEADER + "\r\n"
        + "001,A,23:59:58:00,00:00:01:00,a.mov,KRAK_00010\r\n"
        + "002,A,00:00:05:00,00:00:08:00,a.mov,KRAK_00020\r\n"
        + "003,A,00:10:00:00,00:10:01:00,a.mov,KRAK_00030\r\n");
    io.postflow.production.edl.Edl edl = io.postflow.production.edl.EdlReader.builder()
        .rate(FrameRate.FPS_25).build().read(String.join("\n",
            "001  A001  V  C  10:00:00:00 10:00:03:00 00:00:05:10 00:00:08:00",
            "* FROM CLIP NAME: a.mov",
            "002  A001  V  C  10:00:00:00 10:00:03:00 23:59:58:10 00:00:01:00",
            "* FROM CLIP NAME: a.mov").getBytes(StandardCharsets.UTF_8), "midnight.edl");
    Reconciliation r = Reconciliation.of(list, edl);
    assertThat(r.matches()).extracting(m -> m.shot().number(), m -> m.event().number(),
            ShotMatch::basis, ShotMatch::recordInDelta)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("001", "002", ShotMatch.Basis.CLIP_OVERLAP, 10L),
            org.assertj.core.groups.Tuple.tuple("002", "001", ShotMatch.Basis.CLIP_OVERLAP, 10L));
    assertThat(r.missingFromCut()).extracting(Shot::number).containsExactly("003");
    // Trimmed so that the event now starts after midnight: the delta is 35 frames, not -1 day.
    io.postflow.production.edl.Edl trimmed = io.postflow.production.edl.EdlReader.builder()
        .rate(FrameRate.FPS_25).build().read(String.join("\n",
            "001  A001  V  C  10:00:00:00 10:00:03:00 00:00:00:10 00:00:01:00",
            "* FROM CLIP NAME: a.mov").getBytes(StandardCharsets.UTF_8), "trimmed.edl");
    assertThat(Reconciliation.of(list, trimmed).matches()).singleElement().satisfies(m -> {
      assertThat(m.shot().number()).isEqualTo("001");
      assertThat(m.recordInDelta()).isEqualTo(60);
      assertThat(m.recordOutDelta()).isZero();
    });
  }

  @Test
  void read_wholeFileInWindows1252_isOneEncodingWarningNamingTheLines() {
    StringBuilder csv = new StringBuilder(HEADER + ",DURÉE\r\n");
    for (int i = 1; i <= 300; i++) {
      csv.append(String.format("%03d,FALAISE CRÉPUSCULE,01:00:00:00,01:00:01:00,a.mov,KRAK_%05d,%n",
          i, i));
    }
    ShotList list = ShotListReader.builder().rate(FrameRate.FPS_25).build()
        .read(csv.toString().getBytes(Charset.forName("windows-1252")), "latin.csv");
    assertThat(list.shots()).hasSize(300);
    assertThat(list.scenes()).singleElement()
        .satisfies(sc -> assertThat(sc.rawName()).isEqualTo("FALAISE CRÉPUSCULE"));
    assertThat(list.warnings()).singleElement().hasToString("line 1: 301 line(s) not valid UTF-8,"
        + " decoded as windows-1252: lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 291 more");
  }

  @Test
  void read_headerCellsWithLineBreaksBelowATitle_inASemicolonExport_areFound() {
    ShotList list = read(FrameRate.FPS_25, "KRAKEN - LISTE DES PLANS;;;;;;\r\n"
        + "PLAN;SEQUENCE;\"TC\r\nIN\";TC OUT;SOURCE NAME;NOMENCLATURE PLAN;\"MISE À DISPO\r\nEN MONTAGE\"\r\n"
        + "001;A;01:00:00:00;01:00:01:00;a.mov;KRAK_00010;OUI\r\n");
    assertThat(list.shots()).singleElement().satisfies(s -> assertThat(s.line()).isEqualTo(5));
    assertThat(list.header(Column.RECORD_IN)).contains("TC\nIN");
    assertThat(list.raw(list.shots().get(0), Column.READY_FOR_EDIT)).contains("OUI");
  }
}
