package io.postflow.frameio.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Internal, not API. An answer of {@link SmallHttpServer}: status, a few headers and a small
 * body, written in one piece (one TCP segment for small answers, so Nagle's algorithm never holds
 * a second one back) and always with {@code Connection: close}. Immutable.
 */
public final class SmallHttpResponse {
  private static final Map<Integer, String> REASONS = Map.ofEntries(
      Map.entry(200, "OK"), Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"),
      Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
      Map.entry(408, "Request Timeout"), Map.entry(409, "Conflict"),
      Map.entry(413, "Content Too Large"), Map.entry(417, "Expectation Failed"),
      Map.entry(421, "Misdirected Request"), Map.entry(431, "Request Header Fields Too Large"),
      Map.entry(500, "Internal Server Error"), Map.entry(503, "Service Unavailable"),
      Map.entry(505, "HTTP Version Not Supported"));

  private final int status;
  private final Map<String, String> headers;
  private final byte[] body;

  private SmallHttpResponse(int status, Map<String, String> headers, byte[] body) {
    this.status = status;
    this.headers = headers;
    this.body = body;
  }

  /** An answer without a body. */
  public static SmallHttpResponse empty(int status) {
    return new SmallHttpResponse(status, Map.of(), new byte[0]);
  }

  /** A {@code text/plain} answer: {@code text} and a line end. */
  public static SmallHttpResponse text(int status, String text) {
    return of(status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** An answer with a body of the given content type. */
  public static SmallHttpResponse of(int status, String contentType, byte[] body) {
    return new SmallHttpResponse(status, Map.of("Content-Type", contentType), body.clone());
  }

  /** This answer with one more header; name and value are PostFlow's own, never a client's. */
  public SmallHttpResponse withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new SmallHttpResponse(status, more, body);
  }

  public int status() {
    return status;
  }

  /** Head and body, ready for the socket. */
  byte[] bytes() {
    StringBuilder head = new StringBuilder(128).append("HTTP/1.1 ").append(status).append(' ')
        .append(REASONS.getOrDefault(status, "Status")).append("\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(head.length() + body.length);
    bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    bytes.writeBytes(body);
    return bytes.toByteArray();
  }

  @Override
  public String toString() {
    return "HTTP " + status;
  }
}
