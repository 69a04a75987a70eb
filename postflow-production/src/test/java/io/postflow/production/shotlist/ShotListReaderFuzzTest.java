package io.postflow.production.shotlist;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.InvalidInputException;
import io.postflow.api.Shot;
import io.postflow.production.Fixtures;
import io.postflow.production.FuzzInputs;
import io.postflow.production.timecode.FrameRate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntUnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Property tests of the shot-list reader: any bytes (random, the production's lists with bytes
 * changed, cut, repeated or spliced, and generated lists with odd cells) give a {@link ShotList}
 * or an {@link InvalidInputException} naming the file, never another exception; warnings name
 * lines of the file; a list read from its CSV bytes and from its rows (as the Sheets API gives
 * them) is the same list; and any cells written as CSV read back as written. {@code -Pfuzz} runs
 * 100,000 cases each.
 */
class ShotListReaderFuzzTest {
  private static final String SOURCE = "fuzz.csv";
  private static final List<byte[]> CORPUS = List.of(Fixtures.bytes("shots_sample.csv"),
      Fixtures.bytes("shots_quirks.csv"));
  private static final List<String> HEADERS = List.of("PLAN", "VIGNETTE", "SEQUENCE", "TC IN", "TC OUT",
      "TC IN SOURCE", "TC OUT SOURCE", "DURÉE", "SOURCE NAME", "Doublons", "NOMENCLATURE PLAN", "LUT",
      "GRAPHISTE", "COMMENTAIRE", "GRAPH VALIDÉ PAR PROD", "VERIF TECHNIQUE", "MISE À DISPO EN MONTAGE");
  /** Pieces a shot list is made of, spliced into real lists at random places. */
  private static final List<String> PIECES = List.of("\r\n", "\n", "\r", ",", ";", "\t", "\"", "\"\"", " ",
      "01:00:00:00", "25:99:99:99", "00:00:04;12", "PLAN,SEQUENCE,TC IN,TC OUT\r\n", "001", "Doublon",
      "FALSE", "KRAK_00001", "M2   A001  025.0  01:00:00:00", "\u0000", "\u00e9", "\uFEFF", "\u0301");

  @Property
  void anyBytes_giveAShotListOrARefusalNamingTheFile(@ForAll("listLike") byte[] bytes,
      @ForAll("mostlyLenient") boolean strict) {
    ShotListReader reader = ShotListReader.builder().rate(FrameRate.FPS_25).strict(strict).build();
    ShotList list;
    try {
      list = reader.read(bytes, SOURCE);
    } catch (InvalidInputException refused) {
      assertThat(refused.getMessage()).contains(SOURCE);
      Statistics.label("outcome").collect(strict ? "strict" : "lenient", "refused");
      return;
    }
    Statistics.label("outcome")
        .collect(strict ? "strict" : "lenient", list.shots().isEmpty() ? "read, no shot" : "read, shots");
    int lines = FuzzInputs.lineCount(bytes);
    if (strict) {
      assertThat(list.warnings()).as("strict mode refuses any warning").isEmpty();
    }
    for (ShotListWarning warning : list.warnings()) {
      assertThat(warning.line()).isBetween(1, lines);
      assertThat(warning.message()).isNotBlank();
    }
    assertThat(list.shots().size()).isLessThanOrEqualTo(lines);
    assertThat(list.statistics()).isNotNull();
  }

  @Property
  void aList_readFromItsCsvBytes_isTheListReadFromItsRows(@ForAll("shotLists") List<List<String>> rows) {
    // Exported to CSV, every row has the width of the longest (the API leaves out trailing empty cells).
    int width = rows.stream().mapToInt(List::size).max().orElse(0);
    CsvWriter csv = new CsvWriter();
    rows.forEach(row -> {
      List<String> padded = new ArrayList<>(row);
      padded.addAll(Collections.nCopies(width - row.size(), ""));
      csv.row(padded);
    });
    byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
    ShotListReader reader = ShotListReader.builder().rate(FrameRate.FPS_25).build();

    ShotList fromBytes;
    try {
      fromBytes = reader.read(bytes, SOURCE);
    } catch (InvalidInputException refusedAsBytes) {
      Statistics.label("outcome").collect("refused");
      // Refused one way, refused the other, for the same reason.
      try {
        reader.read(rows, SOURCE);
      } catch (InvalidInputException refusedAsRows) {
        assertThat(refusedAsRows.getMessage()).isEqualTo(refusedAsBytes.getMessage());
        return;
      }
      throw new AssertionError("refused as CSV but read as rows: " + refusedAsBytes.getMessage());
    }
    ShotList fromRows = reader.read(rows, SOURCE);
    Statistics.label("outcome").collect(fromBytes.shots().isEmpty() ? "read, no shot" : "read, shots");

    // Rows are numbered as rows; in the file, a line break inside a cell moves later rows down.
    int[] lineOfRow = new int[rows.size() + 1];
    int line = 1;
    for (int row = 1; row <= rows.size(); row++) {
      lineOfRow[row] = line;
      for (String cell : rows.get(row - 1)) {
        line += FuzzInputs.lineCount(cell.getBytes(StandardCharsets.UTF_8)) - 1;
      }
      line++;
    }
    IntUnaryOperator lineOf = row -> {
      assertThat(row).as("a row number").isBetween(1, rows.size());
      return lineOfRow[row];
    };
    assertThat(fromRows.shots().stream()
        .map(s -> Shot.builder().from(s).line(lineOf.applyAsInt(s.line())).build()).toList())
        .isEqualTo(fromBytes.shots());
    assertThat(fromRows.warnings().stream()
        .map(w -> new ShotListWarning(lineOf.applyAsInt(w.line()), w.header(), w.message())).toList())
        .isEqualTo(fromBytes.warnings());
    assertThat(fromRows.normalisations().stream()
        .map(n -> new Normalisation(n.header(), n.raw(), n.normalised(), n.reason(),
            n.lines().stream().map(lineOf::applyAsInt).toList()))
        .toList())
        .isEqualTo(fromBytes.normalisations());
    assertThat(fromRows.scenes()).isEqualTo(fromBytes.scenes());
  }

  @Property
  void anyCells_writtenAsCsv_readBackAsWritten(@ForAll("rowsOfCells") List<List<String>> rows) throws IOException {
    CsvWriter csv = new CsvWriter();
    rows.forEach(csv::row);
    byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
    CsvRowReader reader = new CsvRowReader(new ByteArrayInputStream(bytes), SOURCE, 1, ',',
        Charset.forName("windows-1252"), CsvRowReader.MAX_CELL_BYTES);

    int line = 1;
    for (List<String> written : rows) {
      CsvRowReader.Row read = reader.next();
      assertThat(read).isNotNull();
      // A line break inside a cell is read as LF, whatever it was written as.
      assertThat(read.cells()).containsExactlyElementsOf(
          written.stream().map(c -> c.replace("\r\n", "\n").replace('\r', '\n')).toList());
      assertThat(read.line()).isEqualTo(line);
      assertThat(read.unclosed()).isFalse();
      line = read.lastLine() + 1;
    }
    assertThat(reader.next()).isNull();
    assertThat(reader.fallbackLineCount()).isZero();
  }

  /** Strict mode refuses almost every damaged file at its first warning: lenient reads go deeper. */
  @Provide
  Arbitrary<Boolean> mostlyLenient() {
    return Arbitraries.frequency(Tuple.of(1, true), Tuple.of(3, false));
  }

  @Provide
  Arbitrary<byte[]> listLike() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(2_000);
    Arbitrary<byte[]> mutated = Combinators.combine(Arbitraries.of(CORPUS),
        Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMinSize(1).ofMaxSize(12),
        Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(12)).as(FuzzInputs::mutate);
    Arbitrary<byte[]> generated = shotLists().map(rows -> {
      CsvWriter csv = new CsvWriter();
      rows.forEach(csv::row);
      return csv.toString().getBytes(StandardCharsets.UTF_8);
    });
    Arbitrary<byte[]> generatedThenMutated = Combinators.combine(generated,
        Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMinSize(1).ofMaxSize(6),
        Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(6)).as(FuzzInputs::mutate);
    return Arbitraries.frequencyOf(Tuple.of(2, random), Tuple.of(4, mutated), Tuple.of(3, generatedThenMutated),
        Tuple.of(1, generated));
  }

  /**
   * The production's header row (sometimes with a column left out or an extra one) and rows whose
   * cells are mostly what the column holds, and sometimes anything: shorter and longer rows,
   * impossible timecodes, quotes and line breaks in cells, blank rows.
   */
  @Provide
  Arbitrary<List<List<String>>> shotLists() {
    Arbitrary<String> anything = Arbitraries.strings().withCharRange(' ', '~').withChars("\r\n\"éÀ漢")
        .ofMaxLength(20);
    Arbitrary<String> timecode = Combinators.combine(Arbitraries.integers().between(0, 25),
        Arbitraries.integers().between(0, 61), Arbitraries.integers().between(0, 61),
        Arbitraries.integers().between(0, 26), Arbitraries.of(":", ":", ";"))
        .as((h, m, s, f, sep) -> String.format("%02d:%02d:%02d%s%02d", h, m, s, sep, f));
    Arbitrary<String> shotNumber = Arbitraries.integers().between(0, 1200).map(n -> String.format("%03d", n));
    Arbitrary<String> scene = Arbitraries.of("PHARE - NUIT", "PHARE – NUIT", "PORT AUBE", "port aube", "", "SC03");
    Arbitrary<String> sourceName = Arbitraries.of("B_0003C012X240912_0102CD_KRAK.mov", "A001C003.mov",
        "archive.movSCAN", "A001\nM2   A001       025.0                01:00:00:00", "");
    Arbitrary<String> nomenclature = Arbitraries.integers().between(0, 99_999)
        .map(n -> String.format("KRAK_%05d", n));
    List<Arbitrary<String>> byColumn = List.of(shotNumber, anything, scene, timecode, timecode, timecode,
        timecode, timecode, sourceName, Arbitraries.of("Doublon", "", "doublon"), nomenclature, anything,
        anything, anything, Arbitraries.of("FALSE", "TRUE", ""), Arbitraries.of("FALSE", "TRUE", ""),
        Arbitraries.of("FALSE", "TRUE", ""));
    Arbitrary<List<String>> row = Arbitraries.integers().between(0, 9).flatMap(kind -> {
      List<Arbitrary<String>> cells = new ArrayList<>();
      for (Arbitrary<String> column : byColumn) {
        cells.add(kind == 0 ? anything : Arbitraries.frequencyOf(Tuple.of(9, column), Tuple.of(1, anything)));
      }
      Arbitrary<List<String>> full = Combinators.combine(cells).as(List::copyOf);
      return Arbitraries.integers().between(0, 5).flatMap(cut -> full.map(c -> switch (cut) {
        case 0 -> c.subList(0, Math.max(1, c.size() - 13));
        case 1 -> withExtra(c);
        default -> c;
      }));
    });
    Arbitrary<List<String>> header = Arbitraries.integers().between(0, 6).map(which -> switch (which) {
      case 0 -> withExtra(HEADERS);
      case 1 -> HEADERS.subList(0, 12);
      default -> HEADERS;
    });
    return Combinators.combine(header, row.list().ofMaxSize(30)).as((h, rows) -> {
      List<List<String>> all = new ArrayList<>(rows.size() + 1);
      all.add(h);
      all.addAll(rows);
      return all;
    });
  }

  @Provide
  Arbitrary<List<List<String>>> rowsOfCells() {
    Arbitrary<String> cell = Arbitraries.oneOf(
        Arbitraries.strings().withCharRange(' ', '~').withChars("\r\n\"\t,éÀ漢\u00a0").ofMaxLength(40),
        // Short ASCII cells are shared between rows: many equal and nearly equal ones.
        Arbitraries.of("FALSE", "TRUE", "FALSE ", "Doublon", "doublon", "PHARE - NUIT", "", "\"", ","),
        Arbitraries.strings().alpha().ofMinLength(30).ofMaxLength(34));
    return cell.list().ofMinSize(1).ofMaxSize(20).list().ofMinSize(1).ofMaxSize(30);
  }

  private static List<String> withExtra(List<String> cells) {
    List<String> longer = new ArrayList<>(cells);
    longer.add("EXTRA");
    return longer;
  }
}
