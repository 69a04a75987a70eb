package io.postflow.production.shotlist;

import java.util.List;

/** RFC 4180 output: cells with a comma, quote or line break are quoted, quotes doubled. */
final class CsvWriter {
  private final StringBuilder out = new StringBuilder();

  CsvWriter row(List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      String cell = cells.get(i) == null ? "" : cells.get(i);
      if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
          || cell.indexOf('\r') >= 0) {
        out.append('"').append(cell.replace("\"", "\"\"")).append('"');
      } else {
        out.append(cell);
      }
    }
    // CRLF, as RFC 4180 and the spreadsheet the production opens these in expect.
    out.append("\r\n");
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
