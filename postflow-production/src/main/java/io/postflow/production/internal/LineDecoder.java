package io.postflow.production.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits bytes into lines (CRLF, LF or a lone CR) and decodes each: UTF-8 when it is valid, the
 * fallback charset otherwise. Per line rather than per file, because an EDL is often UTF-8 except
 * for one clip name an Avid on macOS wrote in Mac Roman. Never throws on a byte: the fallback
 * replaces what it cannot map. Shared by the EDL and shot-list readers; not exported. Stateless and
 * thread-safe.
 */
public final class LineDecoder {
  /**
   * One decoded line.
   *
   * @param number 1-based
   * @param text without its line end
   * @param fallback whether the fallback charset was needed
   */
  public record Line(int number, String text, boolean fallback) {}

  private final Charset fallback;

  /** @param fallback the charset for lines that are not valid UTF-8 */
  public LineDecoder(Charset fallback) {
    this.fallback = fallback;
  }

  /** The lines of {@code bytes}, a leading UTF-8 BOM dropped; never throws on a byte. */
  public List<Line> decode(byte[] bytes) {
    int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
    // Fast path: the whole file is valid UTF-8 (the usual case, and the 100,000-event one).
    String whole = strictUtf8(bytes, start, bytes.length - start);
    if (whole != null) {
      return split(whole);
    }
    List<Line> lines = new ArrayList<>();
    int number = 1;
    int at = start;
    while (at < bytes.length) {
      int end = at;
      while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
        end++;
      }
      String text = strictUtf8(bytes, at, end - at);
      boolean usedFallback = text == null;
      if (usedFallback) {
        text = new String(bytes, at, end - at, fallback);
      }
      lines.add(new Line(number++, text, usedFallback));
      if (end < bytes.length && bytes[end] == '\r' && end + 1 < bytes.length && bytes[end + 1] == '\n') {
        end++;
      }
      at = end + 1;
    }
    return lines;
  }

  private static List<Line> split(String text) {
    List<Line> lines = new ArrayList<>();
    int number = 1;
    int at = 0;
    int length = text.length();
    while (at < length) {
      int end = at;
      while (end < length && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
        end++;
      }
      lines.add(new Line(number++, text.substring(at, end), false));
      if (end < length && text.charAt(end) == '\r' && end + 1 < length && text.charAt(end + 1) == '\n') {
        end++;
      }
      at = end + 1;
    }
    return lines;
  }

  private static String strictUtf8(byte[] bytes, int offset, int length) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return decoder.decode(ByteBuffer.wrap(bytes, offset, length)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
