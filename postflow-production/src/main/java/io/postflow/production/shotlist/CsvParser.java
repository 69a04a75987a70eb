package io.postflow.production.shotlist;

import io.postflow.production.internal.LineDecoder;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 over already-decoded lines, with a given separator: separators inside quotes, doubled quotes, line breaks inside
 * quoted cells (rejoined with {@code \n}). Lenient where spreadsheets are sloppy: text after a
 * closing quote is kept, a quote inside an unquoted cell is literal. Stateless.
 */
final class CsvParser {
  /**
   * One record.
   *
   * @param line the line it starts on
   * @param cells the cells
   * @param lastLine the line it ends on
   * @param unclosed whether the input ended inside its last cell's quotes (a file cut off)
   */
  record Row(int line, List<String> cells, int lastLine, boolean unclosed) {
    Row(int line, List<String> cells) {
      this(line, cells, line, false);
    }

    boolean isBlank() {
      for (String cell : cells) {
        if (!cell.isBlank()) {
          return false;
        }
      }
      return true;
    }
  }

  private CsvParser() {}

  /**
   * The record starting at line index {@code next[0]}, which is moved past it; when the input ends
   * inside a quoted cell, the record as far as it goes, flagged {@linkplain Row#unclosed unclosed}.
   */
  static Row row(List<LineDecoder.Line> lines, int[] next, String source, char delimiter) {
    int i = next[0];
    int startLine = lines.get(i).number();
    // Sized for a wide list so that it rarely grows: it is made for every row.
    List<String> cells = new ArrayList<>(32);
    StringBuilder cell = new StringBuilder();
    String text = lines.get(i).text();
    int at = 0;
    boolean quoted = false;
    boolean cellStarted = false;
    while (true) {
      if (at >= text.length()) {
        if (!quoted) {
          break;
        }
        // A line break inside a quoted cell: the record continues on the next line.
        if (i + 1 >= lines.size()) {
          cells.add(cell.toString());
          next[0] = i + 1;
          return new Row(startLine, cells, lines.get(i).number(), true);
        }
        i++;
        cell.append('\n');
        text = lines.get(i).text();
        at = 0;
        continue;
      }
      char c = text.charAt(at++);
      if (quoted) {
        if (c == '"') {
          if (at < text.length() && text.charAt(at) == '"') {
            cell.append('"');
            at++;
          } else {
            quoted = false;
          }
        } else {
          cell.append(c);
        }
      } else if (c == delimiter) {
        cells.add(cell.toString());
        cell.setLength(0);
        cellStarted = false;
      } else if (c == '"' && !cellStarted) {
        quoted = true;
        cellStarted = true;
      } else {
        cell.append(c);
        cellStarted = true;
      }
    }
    cells.add(cell.toString());
    next[0] = i + 1;
    return new Row(startLine, cells, lines.get(i).number(), false);
  }
}
