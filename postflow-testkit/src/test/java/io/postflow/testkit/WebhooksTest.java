package io.postflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhooksTest extends SandboxTestSupport {
  private record Received(String timestamp, String signature, String body, String userAgent) {}

  private HttpServer receiver;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  /** The sandbox waits between delivery attempts with this sleeper: 15 s back-offs take no time. */
  private final ManualTime time = ManualTime.startingAt(Instant.parse("2026-03-01T10:00:00Z"));
  private final AtomicInteger flakyCalls = new AtomicInteger();
  private String hooks;

  @BeforeEach
  void start() throws Exception {
    hooks = http.account() + "/workspaces/" + sandbox.workspaceId() + "/webhooks";
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/hook", exchange -> {
      try (exchange) {
        received.add(new Received(exchange.getRequestHeaders().getFirst("X-Frameio-Request-Timestamp"),
            exchange.getRequestHeaders().getFirst("X-Frameio-Signature"),
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
            exchange.getRequestHeaders().getFirst("User-Agent")));
        exchange.sendResponseHeaders(200, -1);
      }
    });
    receiver.createContext("/flaky", exchange -> {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(flakyCalls.incrementAndGet() == 1 ? 500 : 200, -1);
      }
    });
    receiver.start();
  }

  @Override
  FrameioSandbox.Builder configure(FrameioSandbox.Builder builder) {
    // the receiver listens on loopback HTTP, which Frame.io (and the sandbox by default) refuses
    return builder.transcodeDelay(Duration.ZERO).sleeper(time.sleeper()).plainHttpWebhooks(true);
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
  }

  @Test
  void createWebhook_showsSecretOnlyOnCreate_andCrudWorks() {
    HttpResponse<String> created = http.post(hooks,
        "{\"data\":{\"name\":\"ingest\",\"url\":\"https://example.com/hook\",\"events\":[\"file.ready\"]}}");
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode hook = SandboxHttp.data(created);
    assertThat(hook.get("secret").asText()).hasSizeGreaterThan(20);
    assertThat(hook.get("active").asBoolean()).isTrue();
    assertThat(hook.get("workspace_id").asText()).isEqualTo(sandbox.workspaceId());
    String one = http.account() + "/webhooks/" + hook.get("id").asText();

    JsonNode shown = SandboxHttp.data(http.get(one));
    assertThat(shown.has("secret")).isFalse();
    JsonNode listed = SandboxHttp.data(http.get(hooks));
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).has("secret")).isFalse();

    JsonNode patched = SandboxHttp.data(http.patch(one, "{\"data\":{\"active\":false,\"name\":\"renamed\"}}"));
    assertThat(patched.get("active").asBoolean()).isFalse();
    assertThat(patched.get("name").asText()).isEqualTo("renamed");
    assertThat(patched.get("events").get(0).asText()).isEqualTo("file.ready");

    assertThat(http.delete(one).statusCode()).isEqualTo(204);
    assertThat(http.get(one).statusCode()).isEqualTo(404);
  }

  @Test
  void createWebhook_invalid_is422() {
    assertThat(http.post(hooks, "{\"data\":{\"name\":\"x\",\"url\":\"https://e.com\",\"events\":[]}}").statusCode())
        .isEqualTo(422);
    assertThat(http.post(hooks, "{\"data\":{\"name\":\"x\",\"url\":\"ftp://e.com\",\"events\":[\"file.ready\"]}}")
        .statusCode()).isEqualTo(422);
    assertThat(http.post(hooks, "{\"data\":{\"name\":\"x\",\"events\":[\"file.ready\"]}}").statusCode()).isEqualTo(422);
    assertThat(http.patch(http.account() + "/webhooks/" + java.util.UUID.randomUUID(), "{\"data\":{}}").statusCode())
        .isEqualTo(404);
  }

  @Test
  void upload_emitsSignedEvents_toSubscribedActiveWebhooksOnly() throws Exception {
    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    String secret = SandboxHttp.data(http.post(hooks, "{\"data\":{\"name\":\"all\",\"url\":\"" + url
        + "\",\"events\":[\"file.created\",\"file.upload.completed\",\"file.ready\",\"comment.created\"]}}"))
        .get("secret").asText();
    String inactive = SandboxHttp.data(http.post(hooks, "{\"data\":{\"name\":\"off\",\"url\":\"" + url
        + "\",\"events\":[\"file.created\"]}}")).get("id").asText();
    http.patch(http.account() + "/webhooks/" + inactive, "{\"data\":{\"active\":false}}");

    JsonNode upload = http.localUpload(sandbox.rootFolderId(), "a.mov", 3);
    SandboxHttp.putAll(upload, new byte[] {1, 2, 3});
    String fileId = upload.get("id").asText();
    http.post(http.account() + "/files/" + fileId + "/comments", "{\"data\":{\"text\":\"nice\"}}");

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (received.size() < 4 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(received).extracting(r -> SandboxHttp.JSON.readTree(r.body()).get("type").asText())
        .containsExactlyInAnyOrder("file.created", "file.upload.completed", "file.ready", "comment.created");
    for (Received r : received) {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String expected = "v0=" + HexFormat.of().formatHex(
          mac.doFinal(("v0:" + r.timestamp() + ":" + r.body()).getBytes(StandardCharsets.UTF_8)));
      assertThat(r.signature()).isEqualTo(expected);
      JsonNode event = SandboxHttp.JSON.readTree(r.body());
      assertThat(event.get("account").get("id").asText()).isEqualTo(sandbox.accountId());
      assertThat(event.get("workspace").get("id").asText()).isEqualTo(sandbox.workspaceId());
      assertThat(event.get("project").get("id").asText()).isEqualTo(sandbox.projectId());
      assertThat(event.get("user").get("id").asText()).isNotBlank();
    }
    JsonNode ready = received.stream().map(r -> read(r.body()))
        .filter(e -> e.get("type").asText().equals("file.ready")).findFirst().orElseThrow();
    assertThat(ready.get("resource").get("id").asText()).isEqualTo(fileId);
    assertThat(ready.get("resource").get("type").asText()).isEqualTo("file");
    assertThat(sandbox.inspect().webhookDeliveries()).hasSize(4);
  }

  @Test
  void delivery_thatFailsOnce_isRetriedAfterTheBackoff_waitedWithTheSandboxSleeper() throws Exception {
    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/flaky";
    http.post(hooks, "{\"data\":{\"name\":\"f\",\"url\":\"" + url + "\",\"events\":[\"folder.updated\"]}}");
    String folder = http.createFolder(sandbox.rootFolderId(), "SC01");
    http.patch(http.account() + "/folders/" + folder, "{\"data\":{\"name\":\"SC01_BUS\"}}");

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (sandbox.inspect().webhookDeliveries().stream().noneMatch(SandboxDelivery::delivered)
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(sandbox.inspect().webhookDeliveries()).singleElement()
        .satisfies(d -> assertThat(d.delivered()).isTrue())
        .satisfies(d -> assertThat(d.attempts()).isEqualTo(2));
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(15));
  }

  @Test
  void versionStack_andMoveIntoIt_emitFileVersioned() throws Exception {
    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    http.post(hooks, "{\"data\":{\"name\":\"v\",\"url\":\"" + url + "\",\"events\":[\"file.versioned\"]}}");
    String root = sandbox.rootFolderId();
    String v1 = http.localUpload(root, "a_v1.mov", 1).get("id").asText();
    String v2 = http.localUpload(root, "a_v2.mov", 1).get("id").asText();
    String v3 = http.localUpload(root, "a_v3.mov", 1).get("id").asText();
    String stack = SandboxHttp.data(http.post(http.account() + "/folders/" + root + "/version_stacks",
        "{\"data\":{\"file_ids\":[\"" + v1 + "\",\"" + v2 + "\"]}}")).get("id").asText();
    http.patch(http.account() + "/files/" + v3 + "/move", "{\"data\":{\"parent_id\":\"" + stack + "\"}}");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (received.size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(received).extracting(r -> read(r.body()).get("resource").get("id").asText())
        .containsExactlyInAnyOrder(v2, v3); // deliveries run on several threads
    assertThat(received).allMatch(r -> read(r.body()).get("type").asText().equals("file.versioned"));
  }

  @Test
  void renames_andFolderDelete_emitTheDocumentedEvents() throws Exception {
    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    http.post(hooks, "{\"data\":{\"name\":\"c\",\"url\":\"" + url
        + "\",\"events\":[\"folder.updated\",\"folder.deleted\",\"file.updated\"]}}");
    String folder = http.createFolder(sandbox.rootFolderId(), "SC01");
    String file = http.localUpload(folder, "a.mov", 1).get("id").asText();
    http.patch(http.account() + "/folders/" + folder, "{\"data\":{\"name\":\"SC01_BUS\"}}");
    http.patch(http.account() + "/files/" + file, "{\"data\":{\"name\":\"b.mov\"}}");
    http.patch(http.account() + "/files/" + file, "{\"data\":{}}"); // nothing changed: no event
    assertThat(http.delete(http.account() + "/folders/" + folder).statusCode()).isEqualTo(204);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (received.size() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    // Events are queued while the request that causes them is answered, so every delivery these
    // calls cause is listed already: exactly three, and the receiver got each of them.
    assertThat(sandbox.inspect().webhookDeliveries()).hasSize(3);
    while (!sandbox.inspect().webhookDeliveries().stream().allMatch(SandboxDelivery::delivered)
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(received).hasSize(3);
    assertThat(received).extracting(r -> read(r.body()).get("type").asText() + " "
            + read(r.body()).get("resource").get("type").asText() + " " + read(r.body()).get("resource").get("id").asText())
        .containsExactlyInAnyOrder("folder.updated folder " + folder, "file.updated file " + file,
            "folder.deleted folder " + folder);
  }

  @Test
  void folderCreate_fileDelete_andProjectCreate_areSentWhenSubscribed_withTheSendersUserAgent() throws Exception {
    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    http.post(hooks, "{\"data\":{\"name\":\"d\",\"url\":\"" + url
        + "\",\"events\":[\"folder.created\",\"file.deleted\",\"project.created\"]}}");
    String folder = http.createFolder(sandbox.rootFolderId(), "SC01");
    String file = http.localUpload(folder, "a.mov", 1).get("id").asText();
    assertThat(http.delete(http.account() + "/files/" + file).statusCode()).isEqualTo(204);
    String project = sandbox.createProject("Second").id();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (received.size() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(received).extracting(r -> read(r.body()).get("type").asText() + " "
        + read(r.body()).get("resource").get("id").asText())
        .containsExactlyInAnyOrder("folder.created " + folder, "file.deleted " + file, "project.created " + project);
    assertThat(received).allSatisfy(r -> assertThat(r.userAgent()).startsWith("Frame.io").doesNotContain("Java"));
  }

  @Test
  void createWebhook_withAnUndocumentedEvent_is422NamingIt() {
    HttpResponse<String> r = http.post(hooks,
        "{\"data\":{\"name\":\"x\",\"url\":\"https://example.com/h\",\"events\":[\"file.ready\",\"file.exploded\"]}}");
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.body()).contains("file.exploded").contains("/data/events");
    assertThat(http.post(hooks, "{\"data\":{\"name\":\"x\",\"url\":\"https://example.com/h\",\"events\":"
        + "[\"share.viewed\",\"metadata.value.updated\"]}}").statusCode()).isEqualTo(201);
  }

  @Test
  void createWebhook_withPlainHttp_is422ByDefault() {
    try (FrameioSandbox strict = FrameioSandbox.builder().rateLimits(false).start()) {
      SandboxHttp raw = new SandboxHttp(strict);
      String path = raw.account() + "/workspaces/" + strict.workspaceId() + "/webhooks";
      HttpResponse<String> r = raw.post(path,
          "{\"data\":{\"name\":\"x\",\"url\":\"http://127.0.0.1:8080/h\",\"events\":[\"file.ready\"]}}");
      assertThat(r.statusCode()).isEqualTo(422);
      assertThat(r.body()).contains("https").contains("/data/url");
      assertThat(raw.post(path, "{\"data\":{\"name\":\"x\",\"url\":\"https:no-host\",\"events\":[\"file.ready\"]}}")
          .statusCode()).isEqualTo(422);
    }
  }

  private static JsonNode read(String body) {
    try {
      return SandboxHttp.JSON.readTree(body);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
