package io.postflow.production.shotlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.InvalidInputException;
import io.postflow.production.timecode.FrameRate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming row reader: what it does with line ends, quotes, charsets and hostile input. */
class CsvRowReaderTest {
  private static final Charset CP1252 = Charset.forName("windows-1252");

  private static List<CsvRowReader.Row> rows(byte[] bytes, int maxCellBytes) {
    return drain(new CsvRowReader(new ByteArrayInputStream(bytes), "t.csv", 1, ',', CP1252, maxCellBytes));
  }

  private static List<CsvRowReader.Row> rows(String csv) {
    return rows(csv.getBytes(StandardCharsets.UTF_8), CsvRowReader.MAX_CELL_BYTES);
  }

  @Test
  void lineEnds_crlfLfAndLoneCr_endRowsAlikeAndCountLines() {
    for (String end : new String[] {"\r\n", "\n", "\r"}) {
      List<CsvRowReader.Row> rows = rows("a,b" + end + "c,d" + end + end + "e,f" + end);
      assertThat(rows).extracting(CsvRowReader.Row::cells).as(end).containsExactly(
          List.of("a", "b"), List.of("c", "d"), List.of(""), List.of("e", "f"));
      assertThat(rows).extracting(CsvRowReader.Row::line).containsExactly(1, 2, 3, 4);
    }
    // Mixed in one file, as files edited on two systems are.
    assertThat(rows("a\r\nb\nc\rd")).extracting(CsvRowReader.Row::line).containsExactly(1, 2, 3, 4);
  }

  @Test
  void lineBreaksInsideQuotes_areOneCellJoinedWithLf_andTheRowSpansTheLines() {
    List<CsvRowReader.Row> rows = rows("1,\"a\r\nb\rc\nd\",x\r\n2,y\r\n");
    assertThat(rows.get(0).cells()).containsExactly("1", "a\nb\nc\nd", "x");
    assertThat(rows.get(0).line()).isEqualTo(1);
    assertThat(rows.get(0).lastLine()).isEqualTo(4);
    assertThat(rows.get(1).line()).isEqualTo(5);
  }

  @Test
  void quotes_atLineEndsDoubledAndAfterText() {
    assertThat(rows("\"a\"\n\"b\"\"\"\n\"c\"\"\nd\"\n\"\"\n")).extracting(CsvRowReader.Row::cells)
        .containsExactly(List.of("a"), List.of("b\""), List.of("c\"\nd"), List.of(""));
    // Lenient like spreadsheets: text after a closing quote is kept, a quote inside an unquoted
    // cell is literal, and a separator inside quotes is text.
    assertThat(rows("\"a\"b,x\"y\",\"1,2\"").get(0).cells()).containsExactly("ab", "x\"y\"", "1,2");
  }

  @Test
  void theLastRow_withAndWithoutALineBreak_andAnEmptyLastLine() {
    assertThat(rows("a,b\n").get(0).endsTheInput()).isFalse();
    assertThat(rows("a,b\r\n").get(0).endsTheInput()).isFalse();
    assertThat(rows("a,b")).singleElement().satisfies(r -> assertThat(r.endsTheInput()).isTrue());
    // An empty last line is one blank row, not a cut-off one.
    List<CsvRowReader.Row> rows = rows("a,b\n\n");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(1).isBlank()).isTrue();
    assertThat(rows.get(1).endsTheInput()).isFalse();
    assertThat(rows("")).isEmpty();
  }

  @Test
  void inputEndingInsideQuotes_isTheRowAsFarAsItGoes_withoutTheLastLineBreak() {
    CsvRowReader.Row cut = rows("a,\"b\n").get(0);
    assertThat(cut.unclosed()).isTrue();
    assertThat(cut.cells()).containsExactly("a", "b");
    assertThat(cut.lastLine()).isEqualTo(1);
    assertThat(cut.endsTheInput()).isFalse();
    CsvRowReader.Row longer = rows("a,\"b\n\nc").get(0);
    assertThat(longer.cells()).containsExactly("a", "b\n\nc");
    assertThat(longer.lastLine()).isEqualTo(3);
    assertThat(longer.endsTheInput()).isTrue();
    // A quote closed by the very last byte is closed.
    assertThat(rows("a,\"b\"").get(0).unclosed()).isFalse();
  }

  @Test
  void eachLineInItsOwnCharset_utf8WhenValid_theFallbackOtherwise() {
    byte[] utf8 = "é,\"x\n".getBytes(StandardCharsets.UTF_8);
    byte[] cp1252 = "é\",ü\n".getBytes(CP1252);
    byte[] all = Arrays.copyOf(utf8, utf8.length + cp1252.length);
    System.arraycopy(cp1252, 0, all, utf8.length, cp1252.length);
    CsvRowReader reader = new CsvRowReader(new ByteArrayInputStream(all), "t.csv", 1, ',', CP1252, 1024);
    List<CsvRowReader.Row> rows = drain(reader);
    // The quoted cell spans a UTF-8 line and a windows-1252 one: each part decoded its own way.
    assertThat(rows.get(0).cells()).containsExactly("é", "x\né", "ü");
    assertThat(reader.fallbackLineCount()).isEqualTo(1);
    assertThat(reader.firstFallbackLines()).containsExactly(2);
  }

  @Test
  void malformedUtf8_overlongSurrogateAndCutSequences_isNotUtf8() {
    byte[][] bad = {{(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xE2, (byte) 0x82, 'x'}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        {(byte) 0xE9}};
    for (byte[] b : bad) {
      CsvRowReader reader = new CsvRowReader(new ByteArrayInputStream(b), "t.csv", 1, ',', CP1252, 1024);
      List<CsvRowReader.Row> rows = drain(reader);
      assertThat(reader.fallbackLineCount()).as(Arrays.toString(b)).isEqualTo(1);
      assertThat(rows.get(0).cells().get(0)).isEqualTo(new String(b, CP1252));
    }
    byte[] good = "€ 𝄞 ü".getBytes(StandardCharsets.UTF_8);
    CsvRowReader reader = new CsvRowReader(new ByteArrayInputStream(good), "t.csv", 1, ',', CP1252, 1024);
    assertThat(drain(reader).get(0).cells()).containsExactly("€ 𝄞 ü");
    assertThat(reader.fallbackLineCount()).isZero();
  }

  @Test
  void aCellPastTheLimit_isAnErrorNamingItsLine_notAFullHeap() {
    String csv = "a,b\n1,\"" + "x".repeat(100) + "\n" + "y".repeat(100) + "\"\n";
    assertThatThrownBy(() -> rows(csv.getBytes(StandardCharsets.UTF_8), 150))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("t.csv:2")
        .hasMessageContaining("cell 2 starting on this line is longer than");
    assertThat(rows(csv.getBytes(StandardCharsets.UTF_8), 201).get(1).cells().get(1)).hasSize(201);
  }

  @Test
  void tooManyCellsInARow_isAnError() {
    String csv = ",".repeat(CsvRowReader.MAX_CELLS) + "\n";
    assertThatThrownBy(() -> rows(csv)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("t.csv:1").hasMessageContaining("more than " + CsvRowReader.MAX_CELLS + " cells");
    assertThat(rows(",".repeat(CsvRowReader.MAX_CELLS - 1)).get(0).cells()).hasSize(CsvRowReader.MAX_CELLS);
  }

  @Test
  void repeatedShortValues_areOneStringNotOnePerRow() {
    List<CsvRowReader.Row> rows = rows("FALSE,SCENE 1,KRAK_1\nFALSE,SCENE 1,KRAK_2\n");
    assertThat(rows.get(1).cells().get(0)).isSameAs(rows.get(0).cells().get(0));
    assertThat(rows.get(1).cells().get(1)).isSameAs(rows.get(0).cells().get(1));
    assertThat(rows.get(1).cells().get(2)).isEqualTo("KRAK_2");
  }

  @Test
  void aColumnOfValuesThatDoNotRepeat_isNotLookedUpForAWhile_andTheOthersStayShared() {
    int unique = CsvRowReader.MISSES_BEFORE_PAUSE;
    int total = unique + CsvRowReader.ROWS_NOT_LOOKED_UP + 2 * unique + 2;
    StringBuilder csv = new StringBuilder();
    for (int r = 0; r < total; r++) {
      // Column 1: unique values until the pause starts, then one value repeated.
      csv.append("FALSE,").append(r < unique ? "U" + r : "SAME").append('\n');
    }
    List<CsvRowReader.Row> rows = rows(csv.toString());

    assertThat(rows).hasSize(total);
    for (int r = 0; r < total; r++) {
      assertThat(rows.get(r).cells()).containsExactly("FALSE", r < unique ? "U" + r : "SAME");
      assertThat(rows.get(r).cells().get(0)).isSameAs(rows.get(0).cells().get(0));
    }
    // Paused: equal values are equal strings but not one string.
    assertThat(rows.get(unique + 1).cells().get(1)).isNotSameAs(rows.get(unique + 2).cells().get(1));
    // Looked up again after the pause: the repeated value is shared.
    assertThat(rows.get(total - 1).cells().get(1)).isSameAs(rows.get(total - 2).cells().get(1));
  }

  @Test
  void rowsStreamThroughSmallReads_acrossBufferEnds() {
    // A stream that hands out one byte at a time splits every CRLF and doubled quote.
    byte[] csv = "1,\"a\"\"b\r\nc\"\r\n2,\"\"\r\n".getBytes(StandardCharsets.UTF_8);
    InputStream trickle = new ByteArrayInputStream(csv) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1));
      }
    };
    List<CsvRowReader.Row> rows = drain(new CsvRowReader(trickle, "t.csv", 1, ',', CP1252, 1024));
    assertThat(rows).extracting(CsvRowReader.Row::cells)
        .containsExactly(List.of("1", "a\"b\nc"), List.of("2", ""));
    assertThat(rows).extracting(CsvRowReader.Row::line).containsExactly(1, 3);
  }

  @Test
  void shotList_bomAndCrOnlyLineEnds_readLikeCrlf() {
    ShotListReader reader = ShotListReader.builder().rate(FrameRate.FPS_25).build();
    String csv = "PLAN,SEQUENCE,TC IN,TC OUT,SOURCE NAME,NOMENCLATURE PLAN\n"
        + "1,A,01:00:00:00,01:00:01:00,a.mov,K_1\n\n";
    ShotList lf = reader.read(("\uFEFF" + csv).getBytes(StandardCharsets.UTF_8), "t.csv");
    ShotList cr = reader.read(csv.replace("\n", "\r").getBytes(StandardCharsets.UTF_8), "t.csv");
    for (ShotList list : List.of(lf, cr)) {
      assertThat(list.headers().get(0)).isEqualTo("PLAN");
      assertThat(list.shots()).singleElement().satisfies(s -> assertThat(s.line()).isEqualTo(2));
      assertThat(list.warnings()).isEmpty();
    }
  }

  @Test
  void shotList_aHugeQuotedCell_isAClearErrorNamingTheLine() {
    String csv = "PLAN,SEQUENCE,TC IN,TC OUT,SOURCE NAME,NOMENCLATURE PLAN\n"
        + "1,A,01:00:00:00,01:00:01:00,a.mov,K_1\n"
        + "2,\"" + "note ".repeat(CsvRowReader.MAX_CELL_BYTES / 5 + 1) + "\",x,y,z,K_2\n";
    assertThatThrownBy(() -> ShotListReader.builder().rate(FrameRate.FPS_25).build()
        .read(csv.getBytes(StandardCharsets.UTF_8), "big.csv"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("big.csv:3")
        .hasMessageContaining("longer than 1024 KiB");
  }

  @Test
  void shotList_aBinaryFile_isRejectedBeforeAnyRow() {
    byte[] binary = new byte[4096];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) (i * 31 + 7);
    }
    assertThatThrownBy(() -> ShotListReader.builder().rate(FrameRate.FPS_25).build().read(binary, "clip.mov"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("clip.mov:")
        .hasMessageContaining("not a shot list: a NUL byte");
  }

  @Test
  void shotList_aTextFileThatIsNotAShotList_isAShortErrorListingSomeOfItsHeaders() {
    String wide = "x".repeat(500) + "," + String.join(",", java.util.Collections.nCopies(3000, "col")) + "\n";
    assertThatThrownBy(() -> ShotListReader.builder().rate(FrameRate.FPS_25).build()
        .read(wide.getBytes(StandardCharsets.UTF_8), "notes.txt"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("notes.txt:1: missing required columns")
        .hasMessageContaining("found headers: '" + "x".repeat(60) + "...', 'col'")
        .hasMessageContaining(" and 2961 more")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(2000));
  }

  @Test
  void shotList_readFromAFile_isStreamedAndEqualsReadingItsBytes(@TempDir Path dir) throws IOException {
    StringBuilder csv = new StringBuilder("PLAN,SEQUENCE,TC IN,TC OUT,SOURCE NAME,NOMENCLATURE PLAN\r\n");
    for (int i = 0; i < 5000; i++) { // past the head and several stream buffers
      csv.append(i + 1).append(",SCÈNE ").append(i / 100).append(",01:00:00:00,01:00:01:00,\"clip_")
          .append(i).append(".mov\r\nnote\",K_").append(i + 1).append("\r\n");
    }
    Path file = dir.resolve("shots.csv");
    Files.writeString(file, csv);
    ShotListReader reader = ShotListReader.builder().rate(FrameRate.FPS_25).build();
    ShotList streamed = reader.read(file);
    ShotList fromBytes = reader.read(Files.readAllBytes(file), "shots.csv");
    assertThat(streamed.shots()).hasSize(5000).isEqualTo(fromBytes.shots());
    assertThat(streamed.shots().get(4999).line()).isEqualTo(2 + 2 * 4999);
    assertThat(streamed.scenes()).hasSize(50);
  }

  private static List<CsvRowReader.Row> drain(CsvRowReader reader) {
    List<CsvRowReader.Row> rows = new ArrayList<>();
    try {
      for (CsvRowReader.Row r = reader.next(); r != null; r = reader.next()) {
        rows.add(r);
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return rows;
  }
}
