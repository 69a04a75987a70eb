package io.postflow.production.shotlist;

import io.postflow.production.internal.LineDecoder;
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
 * Stateless.
 *
 * @param delimiter the cell separator
 * @param headerLine the line the header row starts on, or -1 when no line has every required header
 *     (the first non-blank row is then taken, and reading fails listing what it has)
 * @param lines the lines to parse (without a {@code sep=} line)
 * @param tried the separators tried, for a person
 */
record CsvLayout(char delimiter, int headerLine, List<LineDecoder.Line> lines, String tried) {
  private static final int SEARCH_LINES = 20;
  private static final int MAX_HEADER_LINES = 10;
  private static final char[] DELIMITERS = {',', ';', '\t'};

  /** The layout of {@code lines}, whose required headers fold (see ColumnMapping) to {@code required}. */
  static CsvLayout detect(List<LineDecoder.Line> lines, Set<String> required, String source) {
    char[] candidates = DELIMITERS;
    String tried = "separators tried: ',', ';' and tab";
    int first = 0;
    while (first < lines.size() && lines.get(first).text().isBlank()) {
      first++;
    }
    if (first < lines.size()) {
      String text = lines.get(first).text().strip();
      if (text.length() == 5 && text.toLowerCase(Locale.ROOT).startsWith("sep=")) {
        candidates = new char[] {text.charAt(4)};
        tried = "separator '" + text.charAt(4) + "' declared by the 'sep=' line";
        lines = lines.subList(first + 1, lines.size());
      }
    }
    int bestCount = 0;
    int bestLine = -1;
    char bestDelimiter = candidates[0];
    int searched = 0;
    for (int i = 0; i < lines.size(); i++) {
      LineDecoder.Line line = lines.get(i);
      if (line.text().isBlank()) {
        continue;
      }
      if (searched++ == SEARCH_LINES) {
        break;
      }
      for (char d : candidates) {
        int count = requiredIn(lines, i, d, required, source);
        if (count == required.size()) {
          return new CsvLayout(d, line.number(), lines, tried);
        }
        if (count > bestCount) {
          bestCount = count;
          bestLine = line.number();
          bestDelimiter = d;
        }
      }
    }
    return new CsvLayout(bestDelimiter, bestLine, lines, tried);
  }

  /** How many required headers the row starting at line index {@code at} holds. */
  private static int requiredIn(List<LineDecoder.Line> lines, int at, char delimiter,
      Set<String> required, String source) {
    // Header cells may hold line breaks ("MISE À DISPO" Alt+Enter "EN MONTAGE"); a few lines
    // are enough for a header, and a quote opened with another separator may never close.
    CsvParser.Row row = CsvParser.row(lines.subList(at, Math.min(lines.size(), at + MAX_HEADER_LINES)),
        new int[] {0}, source, delimiter);
    if (row.unclosed()) {
      return 0;
    }
    Set<String> folded = new HashSet<>();
    row.cells().forEach(c -> folded.add(ColumnMapping.fold(c)));
    folded.retainAll(required);
    return folded.size();
  }
}
