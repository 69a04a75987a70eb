package io.postflow.frameio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.postflow.api.internal.NetworkFailures;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Real failures of the JDK's HTTP client (the one FrameioClient uses), named the way a person searches for them. */
class NetworkFailuresTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static Throwable get(String uri, Duration timeout) {
    return catchThrowable(() -> HTTP.send(HttpRequest.newBuilder(URI.create(uri)).timeout(timeout).build(),
        HttpResponse.BodyHandlers.discarding()));
  }

  @Test
  void unresolvableHost_isDns() {
    Throwable failure = get("http://no-such-host.invalid/v4/me", Duration.ofSeconds(10));
    assertThat(NetworkFailures.kind(failure)).isEqualTo(NetworkFailures.Kind.DNS);
    assertThat(NetworkFailures.describe(failure)).isEqualTo("host name not found (DNS)");
  }

  @Test
  void closedPort_isRefused() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Throwable failure = get("http://127.0.0.1:" + port + "/", Duration.ofSeconds(10));
    assertThat(NetworkFailures.describe(failure)).isEqualTo("connection refused");
  }

  @Test
  void plainServerAnsweringHttps_isTls() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread answer = new Thread(() -> {
        try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
          out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException ignored) {
          // the client gave up first
        }
      });
      answer.start();
      Throwable failure = get("https://127.0.0.1:" + server.getLocalPort() + "/", Duration.ofSeconds(10));
      answer.join(10_000);
      assertThat(NetworkFailures.kind(failure)).isEqualTo(NetworkFailures.Kind.TLS);
      assertThat(NetworkFailures.describe(failure)).startsWith("TLS handshake failed");
    }
  }

  @Test
  void silentServer_isTimeout() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Throwable failure = get("http://127.0.0.1:" + server.getLocalPort() + "/", Duration.ofMillis(300));
      assertThat(NetworkFailures.kind(failure)).isEqualTo(NetworkFailures.Kind.TIMEOUT);
    }
  }
}
