package io.postflow.testkit;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** S3-style XML error answers: {@code <Error><Code/><Message/><RequestId/></Error>}. */
final class S3Errors {
  private S3Errors() {}

  static void send(HttpExchange exchange, int status, String code, String message, String requestId)
      throws IOException {
    String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
        + escape(message) + "</Message><RequestId>" + requestId + "</RequestId></Error>";
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/xml");
    exchange.getResponseHeaders().set("x-amz-request-id", requestId);
    exchange.getResponseHeaders().set("x-request-id", requestId);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
