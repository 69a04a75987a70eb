package io.postflow.tunnel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One parsed HTTP/1.x request head. Parsing is strict: CRLF line ends, token methods and header
 * names, no obsolete line folding, origin-form targets only. Anything else is a
 * {@link BadRequest} that the connection answers with 400 and closes.
 */
final class HttpRequest {
  private final String method;
  private final String target;
  private final boolean http11;
  private final Map<String, List<String>> headers;

  private HttpRequest(String method, String target, boolean http11, Map<String, List<String>> headers) {
    this.method = method;
    this.target = target;
    this.http11 = http11;
    this.headers = headers;
  }

  String method() {
    return method;
  }

  /** The raw request target, e.g. {@code /f/<token>/name.mov?x=1}; never decoded here. */
  String target() {
    return target;
  }

  boolean isHttp11() {
    return http11;
  }

  /** The single value of a header, or null; a header given twice is a {@link BadRequest}. */
  String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    if (values == null) {
      return null;
    }
    if (values.size() > 1) {
      throw new BadRequest(400, "header '" + name + "' given " + values.size() + " times");
    }
    return values.get(0);
  }

  boolean has(String name) {
    return headers.containsKey(name.toLowerCase(Locale.ROOT));
  }

  /** Whether the client wants the connection kept open after this response. */
  boolean keepAlive() {
    String connection = headers.containsKey("connection")
        ? String.join(",", headers.get("connection")).toLowerCase(Locale.ROOT) : "";
    if (http11) {
      return !connection.contains("close");
    }
    return connection.contains("keep-alive");
  }

  /** Parses a head of ISO-8859-1 bytes that ends with (and includes) CRLF CRLF. */
  static HttpRequest parse(byte[] head, int length) {
    String text = new String(head, 0, length, StandardCharsets.ISO_8859_1);
    String[] lines = text.split("\r\n", -1);
    // The head ends with CRLF CRLF, so the split ends with two empty strings.
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].indexOf('\r') >= 0 || lines[i].indexOf('\n') >= 0) {
        throw new BadRequest(400, "bare CR or LF in the request head");
      }
    }
    String[] parts = lines[0].split(" ", -1);
    if (parts.length != 3) {
      throw new BadRequest(400, "malformed request line");
    }
    String method = parts[0];
    if (method.isEmpty() || !isToken(method)) {
      throw new BadRequest(400, "malformed method");
    }
    String target = parts[1];
    if (target.isEmpty() || target.charAt(0) != '/' || !isVisibleAscii(target)) {
      throw new BadRequest(400, "request target must be an absolute path");
    }
    boolean http11;
    if (parts[2].equals("HTTP/1.1")) {
      http11 = true;
    } else if (parts[2].equals("HTTP/1.0")) {
      http11 = false;
    } else if (parts[2].matches("HTTP/[0-9]\\.[0-9]")) {
      throw new BadRequest(505, "HTTP version not supported");
    } else {
      throw new BadRequest(400, "malformed HTTP version");
    }
    Map<String, List<String>> headers = new HashMap<>();
    for (int i = 1; i < lines.length - 2; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        throw new BadRequest(400, "empty header line");
      }
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        throw new BadRequest(400, "obsolete line folding in header");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new BadRequest(400, "header line without a name");
      }
      String name = line.substring(0, colon);
      if (!isToken(name)) {
        throw new BadRequest(400, "malformed header name");
      }
      String value = line.substring(colon + 1).strip();
      for (int c = 0; c < value.length(); c++) {
        char ch = value.charAt(c);
        if (ch == 0 || (ch < 0x20 && ch != '\t') || ch == 0x7f) {
          throw new BadRequest(400, "control character in header '" + name + "'");
        }
      }
      headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(value);
    }
    return new HttpRequest(method, target, http11, headers);
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

  /** The request cannot be understood; answered with {@code status} and the connection closed. */
  static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    BadRequest(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }
}
