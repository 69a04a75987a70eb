package io.postflow.production.edl;

import io.postflow.api.InvalidInputException;
import io.postflow.production.internal.LineReader;
import io.postflow.production.timecode.Timecode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Locale;

/**
 * Decides from the first bytes of a file whether it can be an EDL at all, before anything is
 * parsed: a lenient reader fed a binary file, a spreadsheet or a log would otherwise report
 * thousands of "unknown line" warnings and every shot "missing from the cut". Stateless.
 */
final class EdlSniffer {
  /** How far into the file the first event line must be. Real headers are a few hundred bytes. */
  static final int WINDOW_BYTES = 64 * 1024;
  /** Control bytes (other than tab, line ends, form feed and DOS's end-of-file) text may hold. */
  private static final double MAX_CONTROL_SHARE = 0.01;

  private EdlSniffer() {}

  /**
   * Checks the head of a file.
   *
   * @param head the first {@link #WINDOW_BYTES} bytes, or the whole file when shorter
   * @param whole whether {@code head} is the whole file
   * @throws InvalidInputException naming the source and saying why it is not an EDL
   */
  static void check(byte[] head, boolean whole, String source, Charset fallback) {
    int start = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB
        && (head[2] & 0xFF) == 0xBF ? 3 : 0;
    if (head.length >= 2 && ((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE
        || (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF)) {
      throw notAnEdl(source, 0, "it is UTF-16 text (byte order mark " + hex(head[0]) + " "
          + hex(head[1]) + "); EDLs are ASCII or UTF-8: export it again as plain text");
    }
    int controls = 0;
    for (int i = start; i < head.length; i++) {
      int b = head[i] & 0xFF;
      if (b == 0) {
        throw notAnEdl(source, 0, "it holds binary data (byte 0x00 at offset " + i + ")");
      }
      if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1A) || b == 0x7F) {
        controls++;
      }
    }
    int length = head.length - start;
    if (controls > Math.max(1, length * MAX_CONTROL_SHARE)) {
      throw notAnEdl(source, 0, "it holds binary data (" + controls + " control bytes in the first "
          + length + " bytes)");
    }
    LineReader lines = new LineReader(new ByteArrayInputStream(head), fallback, WINDOW_BYTES);
    LineReader.Line first = null;
    boolean onlyHeader = true;
    int count = 0;
    try {
      for (LineReader.Line line = lines.next(); line != null; line = lines.next()) {
        String text = line.text().strip();
        if (text.isEmpty()) {
          continue;
        }
        count++;
        if (isEventLine(text)) {
          return;
        }
        if (first == null) {
          first = line;
        }
        String upper = text.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("TITLE:") && !upper.startsWith("FCM:") && text.charAt(0) != '*') {
          onlyHeader = false;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    if (first == null) {
      throw notAnEdl(source, 0, "it is empty");
    }
    String firstUpper = first.text().strip().toUpperCase(Locale.ROOT);
    boolean firstIsHeader = firstUpper.startsWith("TITLE:") || firstUpper.startsWith("FCM:")
        || firstUpper.startsWith("*");
    String spreadsheet = firstIsHeader ? null : spreadsheetHeader(first.text());
    if (spreadsheet != null) {
      throw notAnEdl(source, first.number(), "its first line is a spreadsheet's header row ("
          + spreadsheet + "): " + quote(first.text()) + "; is it the shot list?");
    }
    if (whole && onlyHeader) {
      return; // a TITLE and FCM without events: an empty timeline, which the parser reports
    }
    throw notAnEdl(source, 0, "no event line (NNN REEL CHANNELS TRANSITION SRC_IN SRC_OUT REC_IN"
        + " REC_OUT) in " + (whole ? "its " + count + " line(s)" : "the first "
        + (WINDOW_BYTES / 1024) + " KiB") + "; first line: " + quote(first.text()));
  }

  /** A number, at least seven more fields, the last four shaped like timecodes. */
  static boolean isEventLine(String text) {
    if (text.isEmpty() || !Character.isDigit(text.charAt(0))) {
      return false;
    }
    String[] fields = text.split("[ \t]+");
    if (fields.length < 8 || !fields[0].chars().allMatch(Character::isDigit)) {
      return false;
    }
    for (int i = fields.length - 4; i < fields.length; i++) {
      if (!Timecode.looksLikeTimecode(fields[i])) {
        return false;
      }
    }
    return true;
  }

  /** "12 cells separated by ','" when the line looks like a header row, else null. */
  private static String spreadsheetHeader(String line) {
    for (char separator : new char[] {',', ';', '\t'}) {
      int cells = 1;
      for (int i = 0; i < line.length(); i++) {
        if (line.charAt(i) == separator) {
          cells++;
        }
      }
      if (cells >= 3) {
        return cells + " cells separated by " + (separator == '\t' ? "tabs" : "'" + separator + "'");
      }
    }
    return null;
  }

  /** The line in quotes, cut to a readable length. */
  static String quote(String text) {
    String t = text.strip();
    return "'" + (t.length() > 80 ? t.substring(0, 80) + "…" : t) + "'";
  }

  private static String hex(byte b) {
    return String.format(Locale.ROOT, "%02X", b & 0xFF);
  }

  private static InvalidInputException notAnEdl(String source, int line, String why) {
    return new InvalidInputException(source, line, null, "not an EDL: " + why);
  }
}
