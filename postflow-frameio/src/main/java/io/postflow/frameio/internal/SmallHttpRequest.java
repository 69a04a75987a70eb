package io.postflow.frameio.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Internal, not API. One HTTP/1.x request as {@link SmallHttpServer} read it: method, raw target,
 * headers and the whole body. Parsing is strict (CRLF line ends, no line folding, origin-form
 * targets, one framing of the body); anything else is refused with a status before a handler sees
 * it.
 */
public final class SmallHttpRequest {
  private static final int MAX_CHUNK_LINE = 1024;
  private static final byte[] CONTINUE =
      "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

  private final String method;
  private final String target;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final InetSocketAddress remoteAddress;

  private SmallHttpRequest(String method, String target, Map<String, List<String>> headers,
      byte[] body, InetSocketAddress remoteAddress) {
    this.method = method;
    this.target = target;
    this.headers = headers;
    this.body = body;
    this.remoteAddress = remoteAddress;
  }

  /** The method, e.g. {@code POST}, as sent (case-sensitive, as HTTP methods are). */
  public String method() {
    return method;
  }

  /** The raw request target, e.g. {@code /cb?code=x&state=y}; never decoded here. */
  public String target() {
    return target;
  }

  /** The target's raw (still percent-encoded) path. */
  public String rawPath() {
    int query = target.indexOf('?');
    return query < 0 ? target : target.substring(0, query);
  }

  /** The target's raw query, or null when there is none. */
  public String rawQuery() {
    int query = target.indexOf('?');
    return query < 0 ? null : target.substring(query + 1);
  }

  /** The first value of a header (name case-insensitive), or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null ? null : values.get(0);
  }

  /** How many times a header was given. */
  public int headerCount(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null ? 0 : values.size();
  }

  /** The body, decoded from chunks if it was sent chunked; empty when there was none. */
  public byte[] body() {
    return body.clone();
  }

  /** Where the request came from (the tunnel or proxy, when there is one in front). */
  public InetSocketAddress remoteAddress() {
    return remoteAddress;
  }

  @Override
  public String toString() {
    return method + " " + rawPath() + " from " + remoteAddress;
  }

  /**
   * Reads one request, or returns null when the client closed the connection before sending a
   * byte. Answers {@code Expect: 100-continue} on {@code out} before reading the body.
   *
   * @throws Refused when the request is malformed or over a limit
   */
  static SmallHttpRequest read(InputStream in, OutputStream out, InetSocketAddress remote,
      int maxHeadBytes, int maxBodyBytes) throws IOException, Refused {
    byte[] head = readHead(in, maxHeadBytes);
    if (head == null) {
      return null;
    }
    String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n", -1);
    String[] start = lines[0].split(" ", -1);
    if (start.length != 3 || start[0].isEmpty() || !isToken(start[0])) {
      throw new Refused(400, "malformed request line");
    }
    if (!start[2].equals("HTTP/1.1") && !start[2].equals("HTTP/1.0")) {
      throw new Refused(start[2].startsWith("HTTP/") ? 505 : 400, "unsupported HTTP version");
    }
    String target = start[1];
    if (target.isEmpty() || target.charAt(0) != '/' || !isVisibleAscii(target)) {
      throw new Refused(400, "request target must be an absolute path");
    }
    Map<String, List<String>> headers = parseHeaders(lines);
    SmallHttpRequest headOnly = new SmallHttpRequest(start[0], target, headers, new byte[0], remote);
    byte[] body = readBody(headOnly, in, out, maxBodyBytes);
    return new SmallHttpRequest(start[0], target, headers, body, remote);
  }

  /** The head up to and including CRLF CRLF, or null on a clean close before the first byte. */
  private static byte[] readHead(InputStream in, int maxHeadBytes) throws IOException, Refused {
    ByteArrayOutputStream head = new ByteArrayOutputStream(512);
    int previous = -1;
    int lineLength = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (head.size() == 0) {
          return null;
        }
        throw new Refused(0, "closed in the middle of the request head");
      }
      if (head.size() >= maxHeadBytes) {
        throw new Refused(431, "request head larger than " + maxHeadBytes + " bytes");
      }
      // A bare LF or CR is refused as soon as it comes: such a head would never end in CRLF CRLF.
      if (b == '\n' && previous != '\r' || previous == '\r' && b != '\n') {
        throw new Refused(400, "bare CR or LF in the request head");
      }
      head.write(b);
      if (b == '\n') {
        if (lineLength == 1) { // the line held only its CR: the empty line that ends the head
          return head.toByteArray();
        }
        lineLength = 0;
      } else {
        lineLength++;
      }
      previous = b;
    }
  }

  private static Map<String, List<String>> parseHeaders(String[] lines) throws Refused {
    Map<String, List<String>> headers = new HashMap<>();
    // The head ends with CRLF CRLF, so the split ends with two empty strings.
    for (int i = 1; i < lines.length - 2; i++) {
      String line = lines[i];
      if (line.isEmpty() || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        throw new Refused(400, "malformed or folded header line");
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || !isToken(line.substring(0, colon))) {
        throw new Refused(400, "malformed header name");
      }
      String value = line.substring(colon + 1).strip();
      for (int c = 0; c < value.length(); c++) {
        char ch = value.charAt(c);
        if ((ch < 0x20 && ch != '\t') || ch == 0x7f) {
          throw new Refused(400, "control character in a header value");
        }
      }
      headers.computeIfAbsent(line.substring(0, colon).toLowerCase(Locale.ROOT),
          k -> new ArrayList<>(1)).add(value);
    }
    return headers;
  }

  private static byte[] readBody(SmallHttpRequest head, InputStream in, OutputStream out,
      int maxBodyBytes) throws IOException, Refused {
    boolean chunked = head.headerCount("transfer-encoding") > 0;
    int lengths = head.headerCount("content-length");
    // Two framings (or two lengths) are how requests are smuggled past proxies: refuse them.
    if (chunked && (lengths > 0 || head.headerCount("transfer-encoding") > 1
        || !head.header("transfer-encoding").equalsIgnoreCase("chunked"))) {
      throw new Refused(400, "unsupported or ambiguous Transfer-Encoding");
    }
    if (lengths > 1) {
      throw new Refused(400, "Content-Length given " + lengths + " times");
    }
    long length = 0;
    if (lengths == 1) {
      String value = head.header("content-length");
      if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(Character::isDigit)) {
        throw new Refused(400, "malformed Content-Length");
      }
      length = Long.parseLong(value);
      if (length > maxBodyBytes) {
        throw new Refused(413, "body larger than " + maxBodyBytes + " bytes");
      }
    }
    if (!chunked && length == 0) {
      return new byte[0];
    }
    String expect = head.header("expect");
    if (expect != null) {
      if (!expect.equalsIgnoreCase("100-continue")) {
        throw new Refused(417, "unsupported Expect header");
      }
      out.write(CONTINUE);
      out.flush();
    }
    if (chunked) {
      return readChunked(in, maxBodyBytes);
    }
    byte[] body = in.readNBytes((int) length); // grows as bytes arrive: a claimed length costs nothing
    if (body.length < length) {
      throw new Refused(0, "closed in the middle of the body");
    }
    return body;
  }

  private static byte[] readChunked(InputStream in, int maxBodyBytes) throws IOException, Refused {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String line = readLine(in);
      int semicolon = line.indexOf(';');
      String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
      long size;
      try {
        size = hex.isEmpty() || hex.length() > 8 ? -1 : Long.parseLong(hex, 16);
      } catch (NumberFormatException e) {
        size = -1;
      }
      if (size < 0) {
        throw new Refused(400, "malformed chunk size");
      }
      if (size == 0) {
        while (!readLine(in).isEmpty()) {
          // trailer fields: read and ignored
        }
        return body.toByteArray();
      }
      if (body.size() + size > maxBodyBytes) {
        throw new Refused(413, "body larger than " + maxBodyBytes + " bytes");
      }
      byte[] chunk = in.readNBytes((int) size);
      if (chunk.length < size) {
        throw new Refused(0, "closed in the middle of the body");
      }
      body.write(chunk);
      if (!readLine(in).isEmpty()) {
        throw new Refused(400, "chunk longer than its size");
      }
    }
  }

  private static String readLine(InputStream in) throws IOException, Refused {
    StringBuilder line = new StringBuilder();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new Refused(0, "closed in the middle of the body");
      }
      if (b == '\r') {
        if (in.read() != '\n') {
          throw new Refused(400, "bare CR in chunked framing");
        }
        return line.toString();
      }
      if (b == '\n' || line.length() >= MAX_CHUNK_LINE) {
        throw new Refused(400, "malformed chunked framing");
      }
      line.append((char) b);
    }
  }

  private static boolean isToken(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean isVisibleAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** The request cannot be taken: answered with {@code status} (0: no answer) and closed. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    Refused(int status, String reason) {
      super(reason, null, false, false);
      this.status = status;
    }
  }
}
