package io.postflow.production.shotlist;

import io.postflow.api.InvalidInputException;
import io.postflow.api.Scene;
import io.postflow.api.Shot;
import io.postflow.api.ShotColumns;
import io.postflow.api.ShotStatus;
import io.postflow.production.internal.HeadThenRest;
import io.postflow.production.timecode.FrameRate;
import io.postflow.production.timecode.Timecode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Turns one shot list's rows into a {@link ShotList}. One instance per read; not thread-safe. */
final class ShotListParser {
  private static final Set<String> NOT_MARKED = Set.of("FALSE", "NO", "NON", "0", "N", "FAUX");
  private static final int NOT_MARKED_LONGEST = 5;
  /** What Excel, LibreOffice and Sheets export for a failed formula, in English and French. */
  private static final Set<String> FORMULA_ERRORS = Set.of("#N/A", "#REF!", "#VALUE!", "#DIV/0!",
      "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#ERROR!", "#VALEUR!", "#NOM?", "#NOMBRE!",
      "#NUL!", "#PROPAGATION!", "#CALCUL!", "#N/D", "#NV");

  private final String source;
  private final FrameRate rate;
  private final boolean dropFrame;
  private final ColumnMapping mapping;
  private final Charset fallback;
  private final List<ShotListWarning> warnings = new ArrayList<>();
  private final Map<NormalisationKey, NormalisationGroup> normalisations = new LinkedHashMap<>();
  /** The required columns, looked at on every row (values() copies its array at each call). */
  private static final List<Column> REQUIRED = Arrays.stream(Column.values()).filter(Column::required).toList();
  private final Map<String, Scene> scenesByKey = new LinkedHashMap<>();
  private final Map<String, String> sceneKeys = new HashMap<>();
  /** The shots built so far, in the list's order. */
  private final ArrayList<Shot> shots = new ArrayList<>();
  /** The statistics, counted as the shots are built. */
  private StatisticsTally tally;
  private List<String> headers;
  private final Map<Column, Integer> index = new EnumMap<>(Column.class);
  /** {@link #index} by ordinal, -1 for a column the list lacks: looked up for most cells of every row. */
  private final int[] position = new int[Column.values().length];
  /** The last record timecode parsed (only a valid one), and its text. */
  private String lastRecordText;
  /** The last row's scene cell as written, its scene and the normalisation it joined (or null). */
  private String lastSceneRaw;
  private Scene lastScene;
  private NormalisationGroup lastSceneNormalised;
  /** The last duration checked, and its text. */
  private String lastDurationText;
  private Optional<Timecode> lastDuration = Optional.empty();
  /** The last shot's record-out cell as written. */
  private String lastRecordOutCell;
  private Optional<Timecode> lastRecord = Optional.empty();
  /** Notes found in cells (text after a line break in a source name), by the shot's line. */
  private final Map<Integer, List<String>> notes = new HashMap<>();
  /**
   * The bytes the header row and separator are looked for in: twenty lines and their header rows
   * fit in far less, and a file whose first megabyte holds no header row is not a shot list.
   */
  static final int HEAD_BYTES = 1 << 20;
  /** The error naming missing columns lists this many headers found, so that it stays readable. */
  private static final int HEADERS_IN_MESSAGE = 40;
  private static final int HEADER_CHARS_IN_MESSAGE = 60;
  /** A quoted cell left open at the end spanning more lines than this is a stray quote, not a cut. */
  private static final int MAX_CUT_ROW_LINES = 10;
  /** Lines after a line break in a source-name cell that are an EDL motion effect pasted there. */
  private static final Pattern PASTED_MOTION_EFFECT = Pattern.compile(
      "M2\\s+.+\\s+[-+]?\\d+(\\.\\d+)?\\s+\\d{1,2}:\\d\\d:\\d\\d[:;.]\\d\\d",
      Pattern.CASE_INSENSITIVE);

  ShotListParser(String source, FrameRate rate, boolean dropFrame, ColumnMapping mapping,
      Charset fallback) {
    this.source = source;
    this.rate = rate;
    this.dropFrame = dropFrame;
    this.mapping = mapping;
    this.fallback = fallback;
    Arrays.fill(position, -1);
  }

  /** The timecode at {@code rate}, or empty when {@code text} is not valid there. */
  static Optional<Timecode> timecode(String text, FrameRate rate) {
    return timecode(text, rate, false);
  }

  /**
   * The record timecode at {@code rate}, drop-frame when written so or when {@code dropFrame}, or
   * empty when {@code text} is not valid there.
   */
  static Optional<Timecode> timecode(String text, FrameRate rate, boolean dropFrame) {
    try {
      return Optional.of(record(text, rate, dropFrame));
    } catch (InvalidInputException e) {
      return Optional.empty();
    }
  }

  private static Timecode record(String text, FrameRate rate, boolean dropFrame) {
    return dropFrame ? Timecode.parse(text, rate, true) : Timecode.parse(text, rate);
  }

  /**
   * Reads the rows as they stream by, keeping only the shots built from them.
   *
   * @param in the file's bytes; read to the end, never closed here
   * @param size the file's size in bytes when known (to size the tables once), or -1
   * @throws IOException when {@code in} fails
   */
  ShotList parse(InputStream in, long size, Map<String, ShotStatus> statuses, ShotStatus initial)
      throws IOException {
    byte[] head = in.readNBytes(HEAD_BYTES);
    if (utf16(head) != null) {
      // Excel's "Unicode text" export: re-encoded whole (a rare export, and as big as the file).
      byte[] rest = in.readAllBytes();
      byte[] content = Arrays.copyOf(head, head.length + rest.length);
      System.arraycopy(rest, 0, content, head.length, rest.length);
      byte[] utf8 = utf16ToUtf8(content);
      return parse(new ByteArrayInputStream(utf8), utf8.length, statuses, initial);
    }
    int from = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB
        && (head[2] & 0xFF) == 0xBF ? 3 : 0;
    notBinary(head, from);
    // Tables sized once for the rows the file probably holds (a row of a shot list's many columns
    // is rarely under 128 bytes) rather than grown from nothing: growing a HashMap row by row was a
    // twentieth of reading a long list. A file of shorter rows grows them once or twice.
    int rowsExpected = (int) Math.min(1 << 20, Math.max(16, size / 128));
    shots.ensureCapacity(rowsExpected);
    tally = new StatisticsTally(rowsExpected);
    Set<String> required = new HashSet<>();
    for (Column c : Column.values()) {
      if (c.required()) {
        required.add(ColumnMapping.fold(mapping.header(c)));
      }
    }
    CsvLayout layout = CsvLayout.detect(head, from, head.length, required, source, fallback);
    CsvRowReader rows = new CsvRowReader(new HeadThenRest(head, from, head.length, in), source, 1,
        layout.delimiter(), fallback, CsvRowReader.MAX_CELL_BYTES);
    head = null; // the stream lets go of it once read
    // Rows are read one at a time and dropped once their shot is built: only the shots stay.
    CsvRowReader.Row header = null;
    int above = 0;
    int firstAbove = 0;
    while (header == null) {
      CsvRowReader.Row row = rows.next();
      if (row == null) {
        break;
      }
      if (row.isBlank() || row.line() <= layout.sepLine()) {
        continue;
      }
      if (layout.headerLine() < 0 || row.line() == layout.headerLine()) {
        header = row;
      } else {
        firstAbove = above++ == 0 ? row.line() : firstAbove;
      }
    }
    if (header == null) {
      throw new InvalidInputException(source, 0, null, "the shot list is empty (no header row)");
    }
    if (above > 0) {
      warnings.add(new ShotListWarning(firstAbove, "", above
          + " row(s) above the header row (line " + header.line() + ") ignored"));
    }
    readHeader(header, layout.tried());
    // Formulas dragged below the list leave rows of FALSE and 00:00:00:00 with nothing in the
    // columns that make a shot: one warning for all of them rather than hundreds.
    int emptyRows = 0;
    int firstEmpty = 0;
    int lastEmpty = 0;
    for (CsvRowReader.Row row = rows.next(); row != null; row = rows.next()) {
      if (row.unclosed()) {
        unclosed(row);
      }
      if (row.isBlank()) {
        continue;
      }
      if (requiredCellsEmpty(row.cells())) {
        firstEmpty = emptyRows++ == 0 ? row.line() : firstEmpty;
        lastEmpty = row.line();
      } else {
        shot(row, statuses, initial);
      }
    }
    encodingWarning(rows);
    repeats();
    if (emptyRows > 0) {
      warnings.add(new ShotListWarning(firstEmpty, "", emptyRows + " row(s) with every required"
          + " column empty skipped (lines " + firstEmpty + " to " + lastEmpty
          + "; formulas dragged below the list?)"));
    }
    Map<Column, String> found = new EnumMap<>(Column.class);
    index.forEach((c, i) -> found.put(c, headers.get(i)));
    List<Normalisation> grouped = normalisations.values().stream()
        .map(g -> new Normalisation(g.header, g.raw, g.normalised, g.reason, g.lines.build())).toList();
    // A stable sort keeps each line's own order.
    warnings.sort(java.util.Comparator.comparingInt(ShotListWarning::line));
    List<Scene> scenes = List.copyOf(scenesByKey.values());
    return new ShotList(source, rate, dropFrame, headers, found, shots, scenes, grouped, warnings, notes,
        tally.result(scenes));
  }

  /**
   * Warns of each shot whose number, or nomenclature under any spelling lookups treat as the
   * same, an earlier shot has: lookups find the first, so a copy-pasted row must not go unnoticed.
   * Found once the list is whole ({@link Repeats}); the warnings are sorted by line afterwards.
   */
  private void repeats() {
    Repeats.find(shots.size(), i -> shots.get(i).number(), (i, first) -> warnings.add(new ShotListWarning(
        shots.get(i).line(), header(Column.NUMBER), "shot number " + shots.get(i).number()
            + " repeated (first on line " + shots.get(first).line() + ")")));
    Repeats.find(shots.size(), i -> shots.get(i).nomenclature().map(Names::nomenclatureKey).orElse(null),
        (i, first) -> {
          Shot repeat = shots.get(i);
          Shot original = shots.get(first);
          warnings.add(new ShotListWarning(repeat.line(), header(Column.NOMENCLATURE), "nomenclature '"
              + repeat.nomenclature().orElse("") + "' is also on line " + original.line() + " ('"
              + original.nomenclature().orElse("") + "'); lookups find line " + original.line()));
        });
  }

  /**
   * The input ended inside a quoted cell. A few lines: the file was cut off in its last row, which
   * is read as far as it goes. More: a stray quote swallowed the rows after it, which reading on
   * would hide.
   */
  private void unclosed(CsvRowReader.Row row) {
    int column = row.cells().size() - 1;
    String header = column < headers.size() ? headers.get(column) : "";
    if (row.lastLine() - row.line() >= MAX_CUT_ROW_LINES) {
      throw new InvalidInputException(source, row.line(), header.isEmpty() ? null : header,
          "a quoted cell opened on this line is never closed (the " + (row.lastLine() - row.line())
              + " lines after it would be one cell); look for a stray '\"'");
    }
    warnings.add(new ShotListWarning(row.line(), header, "the file ends inside this quoted cell:"
        + " the last row is cut off and read as far as it goes"));
  }

  private void readHeader(CsvRowReader.Row row, String separatorsTried) {
    List<String> cells = new ArrayList<>(row.cells());
    while (!cells.isEmpty() && cells.get(cells.size() - 1).isBlank()) {
      cells.remove(cells.size() - 1); // trailing empty columns
    }
    headers = new ArrayList<>();
    Map<String, Integer> byFold = new HashMap<>();
    for (int i = 0; i < cells.size(); i++) {
      String h = Names.strip(cells.get(i));
      if (h.isEmpty()) {
        h = "(column " + (i + 1) + ")";
      }
      if (byFold.putIfAbsent(ColumnMapping.fold(h), i) != null) {
        // Renamed so the cells stay in Shot.columns() and the flat export instead of being
        // shadowed by the first column of that name.
        String kept = h + " (column " + (i + 1) + ")";
        warnings.add(new ShotListWarning(row.line(), h, "header repeated; the first one is used"
            + " for matching, this column is kept as '" + kept + "'"));
        h = kept;
      }
      headers.add(h);
    }
    headers = List.copyOf(headers);
    List<String> missing = new ArrayList<>();
    for (Column c : Column.values()) {
      Integer i = byFold.get(ColumnMapping.fold(mapping.header(c)));
      if (i != null) {
        index.put(c, i);
        position[c.ordinal()] = i;
      } else if (c.required()) {
        missing.add("'" + mapping.header(c) + "' (" + c + ")");
      }
    }
    if (!missing.isEmpty()) {
      throw new InvalidInputException(source, row.line(), null, "missing required column"
          + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + "; found headers: "
          + headers.stream().limit(HEADERS_IN_MESSAGE).map(ShotListParser::quotedHeader)
              .collect(Collectors.joining(", "))
          + (headers.size() > HEADERS_IN_MESSAGE ? " and " + (headers.size() - HEADERS_IN_MESSAGE)
              + " more" : "")
          + " (" + separatorsTried + ")");
    }
  }

  /** A header for the error message, cut when long: a file that is not a shot list has any "header". */
  private static String quotedHeader(String header) {
    return "'" + (header.length() > HEADER_CHARS_IN_MESSAGE
        ? header.substring(0, HEADER_CHARS_IN_MESSAGE) + "..." : header) + "'";
  }

  /** Builds the row's shot and adds it to {@link #shots}, or warns why it has none. */
  private void shot(CsvRowReader.Row row, Map<String, ShotStatus> statuses, ShotStatus initial) {
    List<String> cells = row.cells();
    shortRow(row);
    for (int i = headers.size(); i < cells.size(); i++) {
      if (!cells.get(i).isBlank()) {
        warnings.add(new ShotListWarning(row.line(), "", "cell " + (i + 1) + " ('" + cells.get(i)
            + "') is beyond the last header and is ignored"));
        break;
      }
    }
    shareRecordIn(cells);
    // Headers are distinct (repeats were renamed) and kept once for all rows.
    ShotColumns columns = ShotColumns.of(headers, cells.size() > headers.size()
        ? cells.subList(0, headers.size()) : cells);
    String number = Names.strip(cell(cells, Column.NUMBER));
    if (number.isEmpty()) {
      warnings.add(new ShotListWarning(row.line(), header(Column.NUMBER), "row without a shot number skipped"));
      return;
    }
    Shot.Builder shot = Shot.builder().number(number).line(row.line()).columns(columns)
        .scene(scene(row.line(), value(row.line(), Column.SCENE, cells)));
    String nomenclature = value(row.line(), Column.NOMENCLATURE, cells);
    boolean hasNomenclature = !nomenclature.isBlank();
    if (hasNomenclature) {
      String stripped = Names.strip(nomenclature);
      if (!stripped.equals(nomenclature)) {
        normalised(Column.NOMENCLATURE, nomenclature, stripped, "surrounding spaces removed", row.line());
      }
      shot.nomenclature(stripped);
      shot.status(statuses.getOrDefault(Names.nomenclatureKey(stripped), initial));
    } else {
      shot.status(initial);
    }
    String rawSource = value(row.line(), Column.SOURCE_NAME, cells);
    String sourceName = sourceName(row.line(), rawSource);
    if (!sourceName.isEmpty()) {
      shot.sourceName(sourceName);
    }
    String duplicate = Names.strip(cell(cells, Column.DUPLICATE));
    // Upper case is never shorter: a longer mark ("Doublon") is not one of NOT_MARKED's words.
    shot.duplicateMarked(!duplicate.isEmpty() && (duplicate.length() > NOT_MARKED_LONGEST
        || !NOT_MARKED.contains(duplicate.toUpperCase(Locale.ROOT))));
    Optional<Timecode> in = recordTimecode(row.line(), Column.RECORD_IN, cell(cells, Column.RECORD_IN), shot);
    Optional<Timecode> out = recordTimecode(row.line(), Column.RECORD_OUT, cell(cells, Column.RECORD_OUT), shot);
    halfPlaced(row.line(), cell(cells, Column.RECORD_IN), cell(cells, Column.RECORD_OUT));
    long duration = 0;
    if (in.isPresent() && out.isPresent()) {
      long frames = in.get().framesUntilAcrossMidnight(out.get());
      if (frames < 0) {
        warnings.add(new ShotListWarning(row.line(), header(Column.RECORD_OUT), "record out "
            + out.get() + " is before record in " + in.get()));
      } else {
        shot.durationFrames(frames);
        duration = frames;
        checkDuration(row.line(), cell(cells, Column.DURATION), frames);
      }
    }
    Shot built = shot.build();
    shots.add(built);
    // Placed: a record in or out written (recordTimecode sets it when the stripped cell is not empty).
    boolean placed = !Names.strip(cell(cells, Column.RECORD_IN)).isEmpty()
        || !Names.strip(cell(cells, Column.RECORD_OUT)).isEmpty();
    tally.add(built, placed, sourceName.isEmpty() ? null : sourceName, hasNomenclature, duration,
        position[Column.SCENE.ordinal()] >= 0 ? cell(cells, Column.SCENE) : null,
        cell(cells, Column.SOURCE_NAME), in.orElse(null), out.orElse(null));
  }

  /**
   * A cut is contiguous: a row's record in is usually written as the last row's record out, and
   * one string then serves both cells (the row reader shares only values that repeat in a column).
   */
  private void shareRecordIn(List<String> cells) {
    int in = position[Column.RECORD_IN.ordinal()];
    if (in >= 0 && in < cells.size() && lastRecordOutCell != null && cells.get(in).equals(lastRecordOutCell)) {
      cells.set(in, lastRecordOutCell); // the reader's own list, made for this row
    }
    lastRecordOutCell = cell(cells, Column.RECORD_OUT);
  }

  /**
   * A row with fewer cells than headers, missing a column PostFlow reads: cut off (the last row of
   * a truncated file) or damaged by hand. Rows that only lack trailing columns nobody reads are
   * left alone, since some exports drop trailing empty cells.
   */
  private void shortRow(CsvRowReader.Row row) {
    int count = row.cells().size();
    for (int i = count; i < headers.size(); i++) {
      if (index.containsValue(i)) {
        warnings.add(new ShotListWarning(row.line(), headers.get(i), "short row: " + count + " of "
            + headers.size() + " cells; '" + headers.get(i) + "' and every column after it are"
            + " missing and read as empty"
            + (row.endsTheInput() ? "; the file ends here without a line break: was it cut off?" : "")));
        return;
      }
    }
  }

  /** One record timecode emptied on a placed shot: its duration would silently leave the totals. */
  private void halfPlaced(int line, String in, String out) {
    boolean noIn = Names.strip(in).isEmpty();
    boolean noOut = Names.strip(out).isEmpty();
    if (noIn != noOut) {
      Column empty = noIn ? Column.RECORD_IN : Column.RECORD_OUT;
      Column other = noIn ? Column.RECORD_OUT : Column.RECORD_IN;
      warnings.add(new ShotListWarning(line, header(empty), "empty while " + header(other) + " is "
          + Names.strip(noIn ? out : in) + ": the shot has no duration and is left out of the totals"));
    }
  }

  /**
   * The source name: the first line of the cell, text glued after the extension removed. Lines
   * after a line break (often a line pasted from an EDL, such as a motion effect) are kept as a
   * note on the shot.
   */
  private String sourceName(int line, String raw) {
    String first = raw;
    String rest = "";
    int lineBreak = raw.indexOf('\n');
    if (lineBreak >= 0) {
      String[] lines = raw.strip().split("\n");
      first = lines[0];
      rest = String.join("\n", Arrays.asList(lines).subList(1, lines.length)).strip();
    }
    String sourceName = Names.sourceName(first);
    if (!rest.isEmpty()) {
      boolean motion = rest.lines().map(String::strip).allMatch(l -> PASTED_MOTION_EFFECT.matcher(l).matches());
      notes.computeIfAbsent(line, k -> new ArrayList<>()).add(header(Column.SOURCE_NAME) + ": " + rest);
      normalised(Column.SOURCE_NAME, raw, sourceName, "only the first line is the source name; the"
          + " rest is kept as a note on the shot" + (motion ? " (an EDL motion effect pasted in the cell)" : ""), line);
    } else if (!sourceName.equals(Names.strip(first))) {
      normalised(Column.SOURCE_NAME, raw, sourceName, "text glued after the extension removed", line);
    }
    return sourceName;
  }

  /** One warning for the file: a spreadsheet saved in windows-1252 has every accented line so. */
  private void encodingWarning(CsvRowReader rows) {
    int count = rows.fallbackLineCount();
    if (count == 0) {
      return;
    }
    int[] listed = rows.firstFallbackLines();
    // First, so that the stable sort by line keeps it before the other warnings of its line.
    warnings.add(0, new ShotListWarning(listed[0], "", count + " line(s) not valid UTF-8, decoded as "
        + fallback.name() + ": lines " + Arrays.stream(listed).mapToObj(String::valueOf)
        .collect(Collectors.joining(", ")) + (count > listed.length ? " and " + (count - listed.length)
        + " more" : "")));
  }

  /**
   * A NUL byte never appears in text in an 8-bit charset or UTF-8: the file is binary (or UTF-16
   * without its byte order mark), and reading it as CSV would give garbage headers.
   */
  private void notBinary(byte[] head, int from) {
    int line = 1;
    for (int i = from; i < head.length; i++) {
      byte b = head[i];
      if (b == 0) {
        throw new InvalidInputException(source, line, null, "not a shot list: a NUL byte at byte "
            + i + " (a binary file, or text in UTF-16 without its byte order mark); export the"
            + " sheet as CSV");
      }
      if (b == '\n' || b == '\r' && (i + 1 == head.length || head[i + 1] != '\n')) {
        line++;
      }
    }
  }

  /** The UTF-16 charset a byte order mark names, or null. */
  private static Charset utf16(byte[] content) {
    if (content.length < 2) {
      return null;
    }
    int b0 = content[0] & 0xFF;
    int b1 = content[1] & 0xFF;
    return b0 == 0xFF && b1 == 0xFE ? StandardCharsets.UTF_16LE
        : b0 == 0xFE && b1 == 0xFF ? StandardCharsets.UTF_16BE : null;
  }

  /**
   * Excel's "Unicode text" export is UTF-16 with a byte order mark (and tabs); the row reader
   * reads UTF-8, so such a file is re-encoded first. Anything else is returned as is.
   */
  private static byte[] utf16ToUtf8(byte[] content) {
    Charset utf16 = utf16(content);
    return utf16 == null ? content
        : new String(content, 2, content.length - 2, utf16).getBytes(StandardCharsets.UTF_8);
  }

  /** The cell, or "" with a warning when it holds a spreadsheet's formula error. */
  private String value(int line, Column column, List<String> cells) {
    String raw = cell(cells, column);
    // Every formula error starts with '#': other cells are not upper-cased to be looked up.
    if (raw.length() < 16 && Names.strip(raw).startsWith("#")
        && FORMULA_ERRORS.contains(Names.strip(raw).toUpperCase(Locale.ROOT))) {
      warnings.add(new ShotListWarning(line, header(column), "spreadsheet error '" + Names.strip(raw)
          + "' (a formula that failed); treated as empty"));
      return "";
    }
    return raw;
  }

  private Optional<Timecode> recordTimecode(int line, Column column, String text, Shot.Builder shot) {
    String t = Names.strip(text);
    if (t.isEmpty()) {
      return Optional.empty();
    }
    if (column == Column.RECORD_IN) {
      shot.recordIn(t);
    } else {
      shot.recordOut(t);
    }
    if (t.equals(lastRecordText)) {
      return lastRecord; // a cut is contiguous: a shot's record in is the last one's record out
    }
    try {
      Optional<Timecode> parsed = Optional.of(record(t, rate, dropFrame));
      lastRecordText = t;
      lastRecord = parsed;
      return parsed;
    } catch (InvalidInputException e) {
      warnings.add(new ShotListWarning(line, header(column), e.getMessage() + " at " + rate + " fps"
          + (dropFrame ? " drop-frame" : "")));
      return Optional.empty();
    }
  }

  private void checkDuration(int line, String written, long frames) {
    String d = Names.strip(written);
    if (d.isEmpty() || position[Column.DURATION.ordinal()] < 0) {
      return;
    }
    // Durations repeat down a list (shots of one length): each spelling is parsed once in a row.
    Optional<Timecode> duration = d.equals(lastDurationText) ? lastDuration : timecode(d, rate);
    lastDurationText = d;
    lastDuration = duration;
    if (duration.isEmpty()) {
      warnings.add(new ShotListWarning(line, header(Column.DURATION), "duration '" + d
          + "' is not a timecode at " + rate + " fps"));
    } else if (duration.get().frames() != frames) {
      warnings.add(new ShotListWarning(line, header(Column.DURATION), "duration " + d + " ("
          + duration.get().frames() + " frames) disagrees with record out minus in (" + frames + " frames)"));
    }
  }

  private Scene scene(int line, String raw) {
    if (raw == lastSceneRaw) {
      // Rows come in runs of one scene cell, one string when the row reader shares it: the same
      // scene and, when it was normalised, the same group, without normalising it again.
      if (lastSceneNormalised != null) {
        lastSceneNormalised.lines.add(line);
      }
      return lastScene;
    }
    String written = Names.strip(raw);
    boolean empty = written.isEmpty();
    if (empty) {
      warnings.add(new ShotListWarning(line, header(Column.SCENE), "no scene; grouped under '(none)'"));
      written = "(none)";
    }
    // Thousands of rows share a few dozen spellings: normalise each spelling once.
    String key = sceneKeys.computeIfAbsent(written, Names::sceneKey);
    Scene scene = scenesByKey.get(key);
    if (scene == null) {
      scene = Scene.builder().number(scenesByKey.size() + 1).name(Names.sceneName(written))
          .rawName(written).slug(Names.slug(written)).build();
      scenesByKey.put(key, scene);
    }
    NormalisationGroup group = null;
    if (!written.equals(scene.rawName())) {
      Scene first = scene;
      group = normalised(Column.SCENE, raw, scene.name(), () -> "same scene as '" + first.rawName()
          + "' after normalising dashes, spaces, case and accents", line);
    } else if (!written.equals(scene.name())) {
      group = normalised(Column.SCENE, raw, scene.name(), "dashes, spaces or case normalised for matching", line);
    }
    // An empty cell warns on every row: never taken as the run's.
    lastSceneRaw = empty ? null : raw;
    lastScene = scene;
    lastSceneNormalised = group;
    return scene;
  }

  private NormalisationGroup normalised(Column column, String raw, String normalised, String reason, int line) {
    return normalised(column, raw, normalised, () -> reason, line);
  }

  /** The reason is made only for the first row of a group: half the rows of a list may join one. */
  private NormalisationGroup normalised(Column column, String raw, String normalised, Supplier<String> reason,
      int line) {
    NormalisationKey key = new NormalisationKey(column, raw);
    NormalisationGroup group = normalisations.get(key);
    if (group == null) {
      group = new NormalisationGroup(header(column), raw, normalised, reason.get());
      normalisations.put(key, group);
    }
    group.lines.add(line);
    return group;
  }

  private boolean requiredCellsEmpty(List<String> cells) {
    for (Column c : REQUIRED) {
      if (!Names.strip(cell(cells, c)).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  private String cell(List<String> cells, Column column) {
    int i = position[column.ordinal()];
    return i < 0 || i >= cells.size() ? "" : cells.get(i);
  }

  private String header(Column column) {
    int i = position[column.ordinal()];
    return i < 0 ? mapping.header(column) : headers.get(i);
  }

  /** Normalisations are grouped by column and raw value (half the rows of a list may have one). */
  private record NormalisationKey(Column column, String raw) {}

  private static final class NormalisationGroup {
    final String header;
    final String raw;
    final String normalised;
    final String reason;
    final LineNumbers.Builder lines = new LineNumbers.Builder();

    NormalisationGroup(String header, String raw, String normalised, String reason) {
      this.header = header;
      this.raw = raw;
      this.normalised = normalised;
      this.reason = reason;
    }
  }
}
