package io.postflow.production.shotlist;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where a shot list's header row is and which separator its cells use. Spreadsheets export with
 * {@code ,} in English locales but {@code ;} in French, German, ... ones (where {@code ,} is the
 * decimal mark), tabs for "text" exports, sometimes with Excel's {@code sep=;} first line, and
 * productions put title rows above the header. So the first of the first {@value #SEARCH_LINES}
 * non-blank lines that holds every required header, with any of the separators, is the header.
 * Found in the first bytes of the file (its head), before the rows are streamed. Stateless.
 *
 * @param delimiter the cell separator
 * @param headerLine the line the header row starts on, or -1 when no line has every required header
 *     (the first non-blank row is then taken, and reading fails listing what it has)
 * @param sepLine the line of Excel's {@code sep=} declaration, skipped when reading, or 0
 * @param tried the separators tried, for a person
 */
record CsvLayout(char delimiter, int headerLine, int sepLine, String tried) {
  private static final int SEARCH_LINES = 20;
  private static final int MAX_HEADER_LINES = 10;
  private static final char[] DELIMITERS = {',', ';', '\t'};

  /** Where a line starts in the head, and its number. */
  private record Line(int offset, int end, int number) {}

  /**
   * The layout of the shot list whose first bytes are {@code head[from, to)} (after any byte order
   * mark), whose required headers fold (see ColumnMapping) to {@code required}.
   */
  static CsvLayout detect(byte[] head, int from, int to, Set<String> required, String source,
      Charset fallback) {
    List<Line> lines = lines(head, from, to);
    char[] candidates = DELIMITERS;
    String tried = "separators tried: ',', ';' and tab";
    int first = 0;
    while (first < lines.size() && text(head, lines.get(first)).isBlank()) {
      first++;
    }
    int sepLine = 0;
    if (first < lines.size()) {
      String text = text(head, lines.get(first)).strip();
      char declared = text.length() == 5 ? text.charAt(4) : 0;
      if (text.toLowerCase(Locale.ROOT).startsWith("sep=") && declared > 0 && declared < 0x80
          && declared != '"') {
        candidates = new char[] {declared};
        tried = "separator '" + declared + "' declared by the 'sep=' line";
        sepLine = lines.get(first).number();
        lines = lines.subList(first + 1, lines.size());
      }
    }
    int bestCount = 0;
    int bestLine = -1;
    char bestDelimiter = candidates[0];
    int searched = 0;
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      if (text(head, line).isBlank()) {
        continue;
      }
      if (searched++ == SEARCH_LINES) {
        break;
      }
      // Header cells may hold line breaks ("MISE À DISPO" Alt+Enter "EN MONTAGE"); a few lines
      // are enough for a header, and a quote opened with another separator may never close.
      int end = lines.get(Math.min(lines.size() - 1, i + MAX_HEADER_LINES - 1)).end();
      for (char d : candidates) {
        int count = requiredIn(head, line, end, d, required, source, fallback);
        if (count == required.size()) {
          return new CsvLayout(d, line.number(), sepLine, tried);
        }
        if (count > bestCount) {
          bestCount = count;
          bestLine = line.number();
          bestDelimiter = d;
        }
      }
    }
    return new CsvLayout(bestDelimiter, bestLine, sepLine, tried);
  }

  /** How many required headers the row starting on {@code line} holds. */
  private static int requiredIn(byte[] head, Line line, int end, char delimiter, Set<String> required,
      String source, Charset fallback) {
    CsvRowReader.Row row;
    try {
      row = new CsvRowReader(new ByteArrayInputStream(head, line.offset(), end - line.offset()), source,
          line.number(), delimiter, fallback, CsvRowReader.MAX_CELL_BYTES).next();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // never: the bytes are in memory
    }
    if (row == null || row.unclosed()) {
      return 0;
    }
    Set<String> folded = new HashSet<>();
    row.cells().forEach(c -> folded.add(ColumnMapping.fold(c)));
    folded.retainAll(required);
    return folded.size();
  }

  /** The lines of the head: CRLF, LF or a lone CR end one. */
  private static List<Line> lines(byte[] head, int from, int to) {
    List<Line> lines = new ArrayList<>();
    int number = 1;
    int at = from;
    while (at < to) {
      int end = at;
      while (end < to && head[end] != '\n' && head[end] != '\r') {
        end++;
      }
      lines.add(new Line(at, end, number++));
      if (end + 1 < to && head[end] == '\r' && head[end + 1] == '\n') {
        end++;
      }
      at = end + 1;
    }
    return lines;
  }

  /** Only to tell blank lines and find {@code sep=}: a byte that is not UTF-8 is never blank. */
  private static String text(byte[] head, Line line) {
    return new String(head, line.offset(), line.end() - line.offset(), StandardCharsets.UTF_8);
  }
}
