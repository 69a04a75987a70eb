package io.postflow.tunnel;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Percent-encoding of file names for URLs and headers, and its strict inverse. */
final class UrlNames {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private UrlNames() {}

  /** Encodes every byte of the UTF-8 name except RFC 3986 unreserved characters. */
  static String encode(String name) {
    StringBuilder out = new StringBuilder(name.length() + 16);
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }

  /**
   * Decodes {@code %XX} escapes as UTF-8; null for a malformed escape or invalid UTF-8, so that a
   * strange path is a 404 rather than something "fixed up".
   */
  static String decodeStrict(String raw) {
    ByteBuffer bytes = ByteBuffer.allocate(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          return null;
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        bytes.put((byte) (hi << 4 | lo));
        i += 2;
      } else if (c > 0x7f) {
        return null;
      } else {
        bytes.put((byte) c);
      }
    }
    bytes.flip();
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes);
      return chars.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** A quoted-string-safe ASCII fallback of the name for {@code filename="..."}. */
  static String asciiFallback(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      out.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
    }
    return out.toString();
  }
}
