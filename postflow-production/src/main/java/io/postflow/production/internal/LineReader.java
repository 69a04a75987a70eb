package io.postflow.production.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads lines (CRLF, LF or a lone CR) from a stream one at a time, decoding each as UTF-8 when it
 * is valid and with the fallback charset otherwise, without holding
 * the file: memory stays at one buffer and one line, whatever the input. A line longer than
 * {@code maxLineBytes} is cut there and flagged, the rest of it skipped, so a file without line
 * breaks cannot fill the heap. A leading UTF-8 BOM is dropped. Not thread-safe.
 */
public final class LineReader {
  /**
   * One line.
   *
   * @param number 1-based
   * @param text the decoded line, without its line end, at most {@code maxLineBytes} long
   * @param fallback whether the fallback charset was needed
   * @param bytes the line's real length in bytes, beyond the cut when it was too long
   * @param cut whether the line was longer than {@code maxLineBytes} and cut
   */
  public record Line(int number, String text, boolean fallback, long bytes, boolean cut) {}

  private final InputStream in;
  private final Charset fallback;
  private final int maxLineBytes;
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  private byte[] line = new byte[256];
  private int number;
  private boolean afterCr;
  private boolean started;
  private boolean ended;

  /**
   * @param in the bytes; read to the end, never closed here
   * @param fallback the charset for lines that are not valid UTF-8
   * @param maxLineBytes the longest line kept whole
   */
  public LineReader(InputStream in, Charset fallback, int maxLineBytes) {
    this.in = in;
    this.fallback = fallback;
    this.maxLineBytes = maxLineBytes;
  }

  /**
   * The next line, or null at the end of the input.
   *
   * @throws IOException when the stream fails
   */
  public Line next() throws IOException {
    if (ended) {
      return null;
    }
    int length = 0;
    long total = 0;
    while (true) {
      if (position == limit && !fill()) {
        ended = true;
        if (total == 0) {
          return null; // the input ended with a line break (or was empty)
        }
        break;
      }
      if (!started) {
        started = true;
        if (skipBom()) {
          continue;
        }
      }
      byte b = buffer[position++];
      if (afterCr) {
        afterCr = false;
        if (b == '\n') {
          continue; // the LF of a CRLF
        }
      }
      if (b == '\n' || b == '\r') {
        afterCr = b == '\r';
        return decode(length, total);
      }
      if (length < maxLineBytes) {
        if (length == line.length) {
          line = Arrays.copyOf(line, Math.min(maxLineBytes, length * 2));
        }
        line[length++] = b;
      }
      total++;
    }
    return decode(length, total);
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer);
    while (n == 0) {
      n = in.read(buffer);
    }
    if (n < 0) {
      return false;
    }
    position = 0;
    limit = n;
    return true;
  }

  /** Drops EF BB BF when the first bytes are a BOM; reads more first if the buffer is short. */
  private boolean skipBom() throws IOException {
    while (limit - position < 3) {
      int n = in.read(buffer, limit, buffer.length - limit);
      if (n < 0) {
        break;
      }
      limit += n;
    }
    if (limit - position >= 3 && (buffer[position] & 0xFF) == 0xEF
        && (buffer[position + 1] & 0xFF) == 0xBB && (buffer[position + 2] & 0xFF) == 0xBF) {
      position += 3;
      return true;
    }
    return false;
  }

  private Line decode(int length, long total) {
    number++;
    boolean ascii = true;
    for (int i = 0; i < length; i++) {
      if (line[i] < 0) {
        ascii = false;
        break;
      }
    }
    String text;
    boolean usedFallback = false;
    if (ascii) {
      text = new String(line, 0, length, StandardCharsets.ISO_8859_1);
    } else {
      text = strictUtf8(length);
      if (text == null) {
        usedFallback = true;
        text = new String(line, 0, length, fallback);
      }
    }
    return new Line(number, text, usedFallback, total, total > length);
  }

  private String strictUtf8(int length) {
    try {
      CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(line, 0, length));
      return chars.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
