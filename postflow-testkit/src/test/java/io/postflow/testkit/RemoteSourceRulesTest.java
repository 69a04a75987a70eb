package io.postflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The remote-upload fetcher is strict by default (HTTPS on a public address, no redirects, no
 * resumes) and lenient only when built so; raw HTTP against sandboxes built each way.
 */
class RemoteSourceRulesTest {
  private final byte[] content = new byte[4096];
  private final AtomicInteger dropsLeft = new AtomicInteger();
  private HttpServer source;
  private String base;
  private FrameioSandbox sandbox;

  @BeforeEach
  void startSource() throws Exception {
    source = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    source.createContext("/render.mov", exchange -> {
      try (exchange) {
        boolean probe = "bytes=0-0".equals(exchange.getRequestHeaders().getFirst("Range"));
        exchange.sendResponseHeaders(200, content.length);
        try (OutputStream out = exchange.getResponseBody()) {
          if (!probe && dropsLeft.getAndDecrement() > 0) {
            out.write(content, 0, 100); // then the connection breaks
            return;
          }
          out.write(content);
        }
      }
    });
    source.createContext("/moved.mov", exchange -> {
      try (exchange) {
        exchange.getResponseHeaders().set("Location", base + "/render.mov");
        exchange.sendResponseHeaders(302, -1);
      }
    });
    source.start();
    base = "http://127.0.0.1:" + source.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
    source.stop(0);
  }

  private SandboxHttp start(RemoteSourceRules rules) {
    sandbox = FrameioSandbox.builder().rateLimits(false).transcodeDelay(Duration.ZERO).remoteSources(rules).start();
    return new SandboxHttp(sandbox);
  }

  private HttpResponse<String> remoteUpload(SandboxHttp http, String url) {
    return http.post(http.account() + "/folders/" + sandbox.rootFolderId() + "/files/remote_upload",
        "{\"data\":{\"name\":\"render.mov\",\"source_url\":\"" + url + "\"}}");
  }

  @Test
  void strict_refusesPlainHttp_andPrivateAddresses_at422_beforeCreatingAnything() {
    SandboxHttp http = start(RemoteSourceRules.strict());
    HttpResponse<String> plain = remoteUpload(http, base + "/render.mov");
    assertThat(plain.statusCode()).isEqualTo(422);
    assertThat(plain.body()).contains("/data/source_url").contains("https");
    HttpResponse<String> loopback = remoteUpload(http, "https://127.0.0.1:1/render.mov");
    assertThat(loopback.statusCode()).isEqualTo(422);
    assertThat(loopback.body()).contains("public address");
    assertThat(remoteUpload(http, "https://10.1.2.3/render.mov").statusCode()).isEqualTo(422);
    assertThat(remoteUpload(http, "https://[::1]/render.mov").statusCode()).isEqualTo(422);
    assertThat(sandbox.inspect().files()).isEmpty();
  }

  @Test
  void strictButLoopbackAllowed_doesNotFollowRedirects_norResume() throws Exception {
    SandboxHttp http = start(RemoteSourceRules.strict().withHttp(true).withPrivateAddresses(true));
    assertThat(await(http, remoteUpload(http, base + "/moved.mov")).get("upload_failed").asBoolean()).isTrue();
    dropsLeft.set(1);
    assertThat(await(http, remoteUpload(http, base + "/render.mov")).get("upload_failed").asBoolean()).isTrue();
  }

  @Test
  void lenient_followsRedirects_andResumesABrokenTransfer() throws Exception {
    SandboxHttp http = start(RemoteSourceRules.lenient());
    HttpResponse<String> moved = remoteUpload(http, base + "/moved.mov");
    assertThat(moved.statusCode()).isEqualTo(202);
    assertThat(SandboxHttp.data(moved).get("file_size").asLong()).isEqualTo(content.length);
    assertThat(await(http, moved).get("upload_complete").asBoolean()).isTrue();
    dropsLeft.set(1);
    assertThat(await(http, remoteUpload(http, base + "/render.mov")).get("upload_complete").asBoolean()).isTrue();
  }

  @Test
  void rules_rejectANegativeResumeCount() {
    assertThatThrownBy(() -> RemoteSourceRules.lenient().withResumes(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxResumes");
  }

  private JsonNode await(SandboxHttp http, HttpResponse<String> created) throws InterruptedException {
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    String statusPath = SandboxHttp.json(created).get("links").get("status").asText();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode status = SandboxHttp.data(http.get(statusPath));
      if (status.get("upload_failed").asBoolean() || status.get("upload_complete").asBoolean()) {
        return status;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("remote upload never finished");
  }
}
