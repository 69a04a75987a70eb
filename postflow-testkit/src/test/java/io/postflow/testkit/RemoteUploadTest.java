package io.postflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RemoteUploadTest extends SandboxTestSupport {
  private final byte[] content = new byte[300_000];
  private HttpServer source;
  private String sourceBase;
  private String path;

  @BeforeEach
  void start() throws Exception {
    new Random(3).nextBytes(content);
    path = http.account() + "/folders/" + sandbox.rootFolderId() + "/files/remote_upload";
    source = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    source.createContext("/render.mov", exchange -> {
      try (exchange) {
        exchange.sendResponseHeaders(200, content.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(content);
        }
      }
    });
    source.start();
    sourceBase = "http://127.0.0.1:" + source.getAddress().getPort();
  }

  @Override
  FrameioSandbox.Builder configure(FrameioSandbox.Builder builder) {
    return builder.transcodeDelay(Duration.ZERO).remoteSources(RemoteSourceRules.lenient()); // loopback HTTP source
  }

  @AfterEach
  void stop() {
    source.stop(0);
  }

  @Test
  void remoteUpload_is202_thenPullsTheSource_andTranscodes() throws Exception {
    HttpResponse<String> r = http.post(path,
        "{\"data\":{\"name\":\"render.mov\",\"source_url\":\"" + sourceBase + "/render.mov\"}}");
    assertThat(r.statusCode()).isEqualTo(202);
    JsonNode body = SandboxHttp.json(r);
    String id = body.get("data").get("id").asText();
    assertThat(body.get("data").get("status").asText()).isEqualTo("created");
    assertThat(body.get("data").get("media_type").asText()).isEqualTo("video/quicktime");
    assertThat(body.get("data").get("file_size").asLong()).isEqualTo(content.length); // as in the docs' example
    String statusLink = body.get("links").get("status").asText();
    assertThat(statusLink).isEqualTo(http.account() + "/files/" + id + "/status");

    JsonNode status = await(statusLink);
    assertThat(status.get("upload_complete").asBoolean()).isTrue();
    assertThat(status.get("upload_failed").asBoolean()).isFalse();
    SandboxFile file = sandbox.inspect().file(id).orElseThrow();
    assertThat(file.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
    assertThat(file.fileSize()).isEqualTo(content.length);
    assertThat(file.status()).isEqualTo("transcoded");
  }

  @Test
  void remoteUpload_ofMissingSource_reportsUploadFailed() throws Exception {
    HttpResponse<String> r = http.post(path,
        "{\"data\":{\"name\":\"gone.mov\",\"source_url\":\"" + sourceBase + "/gone.mov\"}}");
    assertThat(r.statusCode()).isEqualTo(202);
    JsonNode status = await(SandboxHttp.json(r).get("links").get("status").asText());
    assertThat(status.get("upload_failed").asBoolean()).isTrue();
    assertThat(status.get("upload_complete").asBoolean()).isFalse();
  }

  @Test
  void remoteUpload_withBadBody_is422() {
    assertThat(http.post(path, "{\"data\":{\"name\":\"a.mov\"}}").statusCode()).isEqualTo(422);
    assertThat(http.post(path, "{\"data\":{\"name\":\"a.mov\",\"source_url\":\"ftp://x/a\"}}").statusCode())
        .isEqualTo(422);
    assertThat(http.post(path, "{\"data\":{\"name\":\"a.mov\",\"source_url\":\"https://x/a\",\"file_size\":1}}")
        .statusCode()).isEqualTo(422);
    assertThat(sandbox.inspect().files()).isEmpty();
  }

  private JsonNode await(String statusPath) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode status = SandboxHttp.data(http.get(statusPath));
      boolean settled = sandbox.inspect().files().stream().allMatch(f -> f.status().equals("transcoded"));
      if (status.get("upload_failed").asBoolean() || status.get("upload_complete").asBoolean() && settled) {
        return status;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("remote upload never finished");
  }
}
