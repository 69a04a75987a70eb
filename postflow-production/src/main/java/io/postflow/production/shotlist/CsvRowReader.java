package io.postflow.production.shotlist;

import io.postflow.api.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 4180 records read one at a time from a byte stream, with a given separator: separators
 * inside quotes, doubled quotes, line breaks (CRLF, LF or a lone CR) inside quoted cells (rejoined
 * with {@code \n}). Lenient where spreadsheets are sloppy: text after a closing quote is kept, a
 * quote inside an unquoted cell is literal.
 *
 * <p>Works on bytes, not on a decoded string: quotes, separators and line ends are ASCII, so
 * single bytes in UTF-8 and in the ASCII-based fallback charsets (windows-1252, Mac Roman, ...),
 * and only the cells are decoded, each once.
 * Each line is decoded as UTF-8 when it is valid and with the fallback charset otherwise (a
 * spreadsheet saved in windows-1252 has its accented lines so); validity is checked as the bytes
 * stream by. Memory stays at one buffer and one row whatever the file: a cell longer than
 * {@code maxCellBytes} (a stray quote swallowing the file, a binary file) is an error naming its
 * line, and a row holds at most {@value #MAX_CELLS} cells and four times the longest cell. Short
 * ASCII cells repeated down the list ({@code FALSE}, scene names) are one shared string instead of
 * a copy per row: the benchmark's 100,000 shots keep 50 MiB instead of 82. Columns whose values do
 * not repeat are found as they are read and mostly not looked up. The caller drops a byte
 * order mark first. Not thread-safe.
 */
final class CsvRowReader {
  /**
   * One record.
   *
   * @param line the line it starts on
   * @param cells the cells
   * @param lastLine the line it ends on
   * @param unclosed whether the input ended inside its last cell's quotes (a file cut off)
   * @param endsTheInput whether the input ends with this row and no line break after it (a file
   *     cut off, or only a missing last line break)
   */
  record Row(int line, List<String> cells, int lastLine, boolean unclosed, boolean endsTheInput) {
    boolean isBlank() {
      for (String cell : cells) {
        if (!cell.isBlank()) {
          return false;
        }
      }
      return true;
    }
  }

  /** The default longest cell: a page of notes is a few KiB, a megabyte is a stray quote. */
  static final int MAX_CELL_BYTES = 1 << 20;
  /** Far more columns than any shot list has; a file with more is not one. */
  static final int MAX_CELLS = 4096;
  /** A row holds at most this many times the longest cell. */
  private static final int MAX_ROW_IN_CELLS = 4;
  /** How many encoding-fallback line numbers are kept for the warning (the rest are counted). */
  private static final int FALLBACK_LINES_KEPT = 10;
  private static final int CACHE_SLOTS = 2048;
  private static final int CACHED_MAX_BYTES = 32;
  /**
   * A column whose cells missed the shared strings this many times running holds values that do
   * not repeat (timecodes, shot numbers): it is not looked up for {@value #ROWS_NOT_LOOKED_UP} rows,
   * then tried again. Looking up a value that is never found cost more than making its string.
   */
  static final int MISSES_BEFORE_PAUSE = 16;
  static final int ROWS_NOT_LOOKED_UP = 256;

  private final InputStream in;
  private final String source;
  private final byte delimiter;
  private final Charset fallback;
  private final int maxCellBytes;
  private final boolean[] stopsOutside;
  private final boolean[] stopsInQuotes;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  private boolean ended;
  private int line;
  private boolean afterCr;
  private boolean lastByteWasLineBreak;

  // The row being read: its cells' bytes one after another, where each ends, the line each
  // starts on and whether it is all ASCII.
  private byte[] bytes = new byte[4096];
  private int length;
  private int[] cellEnds = new int[64];
  private int[] cellLines = new int[64];
  private boolean[] cellAscii = new boolean[64];
  private int cellCount;
  private int cellStart;
  private boolean asciiSoFar;
  // The lines of the row that are not valid UTF-8.
  private int[] rowFallbackLines = new int[4];
  private int rowFallbackCount;

  // UTF-8 validity of the current line: continuation bytes still expected and their range.
  private int need;
  private int low = 0x80;
  private int high = 0xBF;
  private boolean lineInvalid;

  private int fallbackLineCount;
  private final int[] fallbackLines = new int[FALLBACK_LINES_KEPT];
  // The shared cells: each slot's bytes side by side (compared without following a reference to
  // a string somewhere in the heap, which cost more than the copy it saves), its length, its string.
  private final byte[] cacheKeys = new byte[CACHE_SLOTS * CACHED_MAX_BYTES];
  private final byte[] cacheLengths = new byte[CACHE_SLOTS];
  private final String[] cache = new String[CACHE_SLOTS];
  // By column: the misses running, the row from which it is looked up again, and the slot of its
  // last value.
  private int[] columnMisses = new int[64];
  private int[] columnPausedUntil = new int[64];
  private int[] columnLastSlot = new int[64];
  private int rowCount;

  /**
   * @param in the bytes after any byte order mark; read to the end, never closed here
   * @param source the file's name, for errors
   * @param firstLine the number of the first line of {@code in}
   * @param delimiter the cell separator, an ASCII character
   * @param fallback the charset for lines that are not valid UTF-8
   * @param maxCellBytes the longest cell read
   */
  CsvRowReader(InputStream in, String source, int firstLine, char delimiter, Charset fallback,
      int maxCellBytes) {
    if (delimiter > 0x7F || delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
      throw new IllegalArgumentException("separator must be ASCII and not a quote or line end");
    }
    this.in = in;
    this.source = source;
    this.line = firstLine;
    this.delimiter = (byte) delimiter;
    this.fallback = fallback;
    this.maxCellBytes = maxCellBytes;
    this.stopsOutside = stops((byte) delimiter);
    this.stopsInQuotes = stops((byte) '"');
  }

  /**
   * The next record, or null at the end of the input; when the input ends inside a quoted cell,
   * the record as far as it goes, flagged {@linkplain Row#unclosed unclosed}.
   *
   * @throws IOException when the stream fails
   * @throws InvalidInputException naming the line when a cell or a row is too long
   */
  Row next() throws IOException {
    if (afterCr) {
      afterCr = false;
      if (!more()) {
        return null;
      }
      if (buffer[position] == '\n') {
        position++; // the LF of a CRLF
      }
    }
    if (!more()) {
      return null;
    }
    int startLine = line;
    length = 0;
    cellCount = 0;
    rowFallbackCount = 0;
    startCell();
    boolean quoted = false;
    boolean cellStarted = false;
    boolean quoteInQuotes = false;
    boolean pendingBreak = false;
    while (true) {
      if (position == limit && !fill()) {
        if (quoteInQuotes) {
          quoted = false;
        }
        endLine();
        endCell();
        int last = pendingBreak ? line - 1 : line;
        return row(startLine, last, quoted, !lastByteWasLineBreak);
      }
      if (need == 0 && !pendingBreak && !quoteInQuotes && !afterCr) {
        // Most bytes are plain text: copied a run at a time rather than one by one.
        int end = plainRun(quoted);
        if (end > position) {
          appendRun(end);
          cellStarted |= !quoted;
          lastByteWasLineBreak = false;
          if (position == limit) {
            continue;
          }
        }
        if (!quoted && buffer[position] == delimiter) {
          // The commonest stop, a separator outside quotes, taken here rather than through the
          // checks below (done as they would do it).
          position++;
          lastByteWasLineBreak = false;
          endCell();
          startCell();
          cellStarted = false;
          continue;
        }
      }
      byte b = buffer[position++];
      if (afterCr) {
        afterCr = false;
        if (b == '\n') {
          continue; // the LF of a CRLF inside a quoted cell
        }
      }
      boolean lineBreak = b == '\n' || b == '\r';
      lastByteWasLineBreak = lineBreak;
      if (lineBreak) {
        endLine();
        line++;
        afterCr = b == '\r';
        if (quoteInQuotes) {
          quoteInQuotes = false;
          quoted = false;
        }
        if (!quoted) {
          endCell();
          return row(startLine, line - 1, false, false);
        }
        // A line break inside a quoted cell: the record continues on the next line. The '\n' is
        // added when something follows, so that a file ending here does not gain one.
        if (pendingBreak) {
          append((byte) '\n');
        }
        pendingBreak = true;
        continue;
      }
      if (b < 0) {
        checkUtf8(b & 0xFF);
        asciiSoFar = false;
      } else if (need > 0) {
        need = 0;
        lineInvalid = true; // a multi-byte sequence cut short
      }
      if (pendingBreak) {
        pendingBreak = false;
        append((byte) '\n');
      }
      if (quoteInQuotes) {
        quoteInQuotes = false;
        if (b == '"') {
          append(b); // a doubled quote
          continue;
        }
        quoted = false;
      }
      if (quoted) {
        if (b == '"') {
          quoteInQuotes = true;
        } else {
          append(b);
        }
      } else if (b == delimiter) {
        endCell();
        startCell();
        cellStarted = false;
      } else if (b == '"' && !cellStarted) {
        quoted = true;
        cellStarted = true;
      } else {
        append(b);
        cellStarted = true;
      }
    }
  }

  /** How many lines read were not valid UTF-8 and were decoded with the fallback charset. */
  int fallbackLineCount() {
    return fallbackLineCount;
  }

  /** The first of them, at most {@value #FALLBACK_LINES_KEPT}. */
  int[] firstFallbackLines() {
    return Arrays.copyOf(fallbackLines, Math.min(fallbackLineCount, FALLBACK_LINES_KEPT));
  }

  private boolean more() throws IOException {
    return position < limit || fill();
  }

  private boolean fill() throws IOException {
    if (ended) {
      return false;
    }
    int n = in.read(buffer);
    while (n == 0) {
      n = in.read(buffer);
    }
    if (n < 0) {
      ended = true;
      return false;
    }
    position = 0;
    limit = n;
    return true;
  }

  /**
   * Where the run of plain bytes at {@code position} ends: ASCII, and neither a quote, a line end
   * nor (outside quotes) a separator.
   */
  private int plainRun(boolean quoted) {
    // One table look-up a byte rather than five comparisons: this loop sees every byte of the file.
    boolean[] stops = quoted ? stopsInQuotes : stopsOutside;
    byte[] in = buffer;
    int i = position;
    while (i < limit && !stops[in[i] & 0xFF]) {
      i++;
    }
    return i;
  }

  /** The bytes {@link #plainRun} stops at: non-ASCII, a quote, a line end, and {@code also}. */
  private static boolean[] stops(byte also) {
    boolean[] stops = new boolean[256];
    Arrays.fill(stops, 0x80, 256, true);
    stops['"'] = true;
    stops['\n'] = true;
    stops['\r'] = true;
    stops[also] = true;
    return stops;
  }

  /** Appends {@code buffer[position, end)} to the cell and moves past it. */
  private void appendRun(int end) {
    int n = end - position;
    checkLength(n);
    if (length + n > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
    }
    System.arraycopy(buffer, position, bytes, length, n);
    length += n;
    position = end;
  }

  private void append(byte b) {
    checkLength(1);
    if (length == bytes.length) {
      bytes = Arrays.copyOf(bytes, bytes.length * 2);
    }
    bytes[length++] = b;
  }

  private void checkLength(int more) {
    if (length - cellStart + more > maxCellBytes) {
      throw new InvalidInputException(source, cellLines[cellCount], null, "cell " + (cellCount + 1)
          + " starting on this line is longer than " + size(maxCellBytes) + ": a quote"
          + " that is never closed, or not a shot list (a binary file?)");
    }
    if (length + more > MAX_ROW_IN_CELLS * maxCellBytes) {
      throw new InvalidInputException(source, cellLines[0], null, "the row starting on this line is"
          + " longer than " + size(MAX_ROW_IN_CELLS * maxCellBytes) + ": not a shot list");
    }
  }

  private static String size(int bytes) {
    return bytes % 1024 == 0 ? (bytes >> 10) + " KiB" : bytes + " bytes";
  }

  private void startCell() {
    if (cellCount == MAX_CELLS) {
      throw new InvalidInputException(source, cellLines[0], null, "more than " + MAX_CELLS
          + " cells in the row starting on this line: not a shot list (a binary file?)");
    }
    if (cellCount == cellEnds.length) {
      cellEnds = Arrays.copyOf(cellEnds, cellCount * 2);
      cellLines = Arrays.copyOf(cellLines, cellCount * 2);
      cellAscii = Arrays.copyOf(cellAscii, cellCount * 2);
      columnMisses = Arrays.copyOf(columnMisses, cellCount * 2);
      columnPausedUntil = Arrays.copyOf(columnPausedUntil, cellCount * 2);
      columnLastSlot = Arrays.copyOf(columnLastSlot, cellCount * 2);
    }
    cellStart = length;
    cellLines[cellCount] = line;
    asciiSoFar = true;
  }

  private void endCell() {
    cellEnds[cellCount] = length;
    cellAscii[cellCount] = asciiSoFar;
    cellCount++;
  }

  /** Strict UTF-8 (no overlong forms, surrogates or code points past U+10FFFF), one byte at a time. */
  private void checkUtf8(int u) {
    if (need > 0) {
      if (u >= low && u <= high) {
        need--;
        low = 0x80;
        high = 0xBF;
        return;
      }
      need = 0;
      lineInvalid = true;
    }
    low = 0x80;
    high = 0xBF;
    if (u < 0xC2 || u > 0xF4) {
      lineInvalid = true; // a continuation byte without a lead, an overlong lead, or past U+10FFFF
    } else if (u < 0xE0) {
      need = 1;
    } else if (u < 0xF0) {
      need = 2;
      low = u == 0xE0 ? 0xA0 : 0x80;
      high = u == 0xED ? 0x9F : 0xBF;
    } else {
      need = 3;
      low = u == 0xF0 ? 0x90 : 0x80;
      high = u == 0xF4 ? 0x8F : 0xBF;
    }
  }

  private void endLine() {
    if (need > 0) {
      lineInvalid = true;
    }
    if (lineInvalid) {
      if (fallbackLineCount < FALLBACK_LINES_KEPT) {
        fallbackLines[fallbackLineCount] = line;
      }
      fallbackLineCount++;
      if (rowFallbackCount == rowFallbackLines.length) {
        rowFallbackLines = Arrays.copyOf(rowFallbackLines, rowFallbackCount * 2);
      }
      rowFallbackLines[rowFallbackCount++] = line;
    }
    need = 0;
    low = 0x80;
    high = 0xBF;
    lineInvalid = false;
  }

  private Row row(int startLine, int lastLine, boolean unclosed, boolean endsTheInput) {
    rowCount++;
    String[] cells = new String[cellCount];
    int from = 0;
    for (int i = 0; i < cellCount; i++) {
      cells[i] = decode(i, from, cellEnds[i], cellAscii[i], cellLines[i]);
      from = cellEnds[i];
    }
    return new Row(startLine, Arrays.asList(cells), lastLine, unclosed, endsTheInput);
  }

  private String decode(int column, int from, int to, boolean ascii, int firstLine) {
    int n = to - from;
    if (n == 0) {
      return "";
    }
    if (ascii) {
      return n <= CACHED_MAX_BYTES && rowCount >= columnPausedUntil[column] ? shared(column, from, n)
          : new String(bytes, from, n, StandardCharsets.ISO_8859_1);
    }
    if (rowFallbackCount == 0) {
      return new String(bytes, from, n, StandardCharsets.UTF_8);
    }
    // Some line of this row is not UTF-8: each line of the cell in its own charset.
    StringBuilder cell = new StringBuilder(n);
    int lineOfCell = firstLine;
    int start = from;
    for (int i = from; i <= to; i++) {
      if (i == to || bytes[i] == '\n') {
        cell.append(new String(bytes, start, i - start, isFallback(lineOfCell) ? fallback : StandardCharsets.UTF_8));
        if (i < to) {
          cell.append('\n');
        }
        lineOfCell++;
        start = i + 1;
      }
    }
    return cell.toString();
  }

  private boolean isFallback(int lineNumber) {
    for (int i = 0; i < rowFallbackCount; i++) {
      if (rowFallbackLines[i] == lineNumber) {
        return true;
      }
    }
    return false;
  }

  /** The ASCII cell as a string, the same instance as the last time these bytes were read. */
  private String shared(int column, int from, int n) {
    // A column that repeats usually repeats its last value (FALSE, a run of one scene): that slot
    // is tried first, without hashing.
    int last = columnLastSlot[column];
    if (cacheLengths[last] == n && sameBytes(last * CACHED_MAX_BYTES, from, n)) {
      columnMisses[column] = 0;
      return cache[last];
    }
    byte[] b = bytes;
    int hash = 0;
    for (int i = from; i < from + n; i++) {
      hash = 31 * hash + b[i];
    }
    int slot = (hash ^ (hash >>> 12)) & (CACHE_SLOTS - 1);
    int key = slot * CACHED_MAX_BYTES;
    columnLastSlot[column] = slot;
    if (cacheLengths[slot] == n && sameBytes(key, from, n)) {
      columnMisses[column] = 0;
      return cache[slot];
    }
    if (++columnMisses[column] == MISSES_BEFORE_PAUSE) {
      columnMisses[column] = 0;
      columnPausedUntil[column] = rowCount + ROWS_NOT_LOOKED_UP;
    }
    String s = new String(b, from, n, StandardCharsets.ISO_8859_1);
    System.arraycopy(b, from, cacheKeys, key, n);
    cacheLengths[slot] = (byte) n;
    cache[slot] = s;
    return s;
  }

  /**
   * Whether the cached key at {@code key} is the row's {@code n} bytes at {@code from}. A plain loop:
   * for keys this short, {@code Arrays.equals} on ranges cost more in checks and calls than comparing.
   */
  private boolean sameBytes(int key, int from, int n) {
    byte[] keys = cacheKeys;
    byte[] b = bytes;
    for (int i = 0; i < n; i++) {
      if (keys[key + i] != b[from + i]) {
        return false;
      }
    }
    return true;
  }
}
