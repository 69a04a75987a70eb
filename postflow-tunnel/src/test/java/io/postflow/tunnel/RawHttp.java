package io.postflow.tunnel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately dumb HTTP client over a raw socket, so that nothing normalises what the tests
 * send (paths, methods, header bytes) or what they read back.
 */
final class RawHttp implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawHttp(int port) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(10_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** One request with {@code Connection: close} on a fresh connection. */
  static Response once(int port, String method, String target, String... headers) throws IOException {
    try (RawHttp http = new RawHttp(port)) {
      StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: x\r\n");
      for (String h : headers) {
        request.append(h).append("\r\n");
      }
      request.append("Connection: close\r\n\r\n");
      http.send(request.toString());
      return http.read(method.equals("HEAD"));
    }
  }

  /** The socket's input, for streaming a body after {@code read(true)} consumed the head. */
  InputStream input() {
    return in;
  }

  void send(String raw) throws IOException {
    out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  void sendBytes(byte[] raw) throws IOException {
    out.write(raw);
    out.flush();
  }

  /** Reads one response; null when the server closed without answering. */
  Response read(boolean headRequest) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        if (head.size() == 0) {
          return null;
        }
        throw new IOException("connection closed inside a response head: " + head);
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    long length = Long.parseLong(headers.getOrDefault("content-length", "0"));
    byte[] body = headRequest ? new byte[0] : in.readNBytes((int) length);
    return new Response(status, headers, body);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** A parsed response. */
  static final class Response {
    final int status;
    final Map<String, String> headers;
    final byte[] body;

    Response(int status, Map<String, String> headers, byte[] body) {
      this.status = status;
      this.headers = headers;
      this.body = body;
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
      return status + " " + headers;
    }
  }
}
