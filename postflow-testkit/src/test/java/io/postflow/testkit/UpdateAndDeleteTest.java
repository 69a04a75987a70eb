package io.postflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code PATCH}/{@code DELETE .../folders/{id}} and {@code PATCH .../files/{id}}, with raw HTTP. */
class UpdateAndDeleteTest extends SandboxTestSupport {
  private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-05T10:00:00Z"));
  @TempDir
  Path temp;
  private String root;

  @Override
  FrameioSandbox.Builder configure(FrameioSandbox.Builder builder) {
    return builder.clock(clock).tempDirectory(temp);
  }

  @BeforeEach
  void start() {
    root = sandbox.rootFolderId();
  }

  private String folderPath(String id) {
    return http.account() + "/folders/" + id;
  }

  private String filePath(String id) {
    return http.account() + "/files/" + id;
  }

  private static String name(String name) {
    return "{\"data\":{\"name\":\"" + name + "\"}}";
  }

  @Test
  void deleteFolder_is204_removesTheWholeSubtree_andLeavesSiblingsAlone() {
    String shots = http.createFolder(root, "SHOTS");
    String scene = http.createFolder(shots, "SC01");
    String shot = http.createFolder(scene, "SH010");
    String clip = http.localUpload(shot, "a_v1.mov", 10).get("id").asText();
    String v2 = http.localUpload(scene, "b_v1.mov", 10).get("id").asText();
    String v3 = http.localUpload(scene, "b_v2.mov", 10).get("id").asText();
    String stack = SandboxHttp.data(http.post(folderPath(scene) + "/version_stacks",
        "{\"data\":{\"file_ids\":[\"" + v2 + "\",\"" + v3 + "\"]}}")).get("id").asText();
    http.post(filePath(clip) + "/comments", "{\"data\":{\"text\":\"grain\"}}");
    String sibling = http.createFolder(shots, "SC02");

    HttpResponse<String> deleted = http.delete(folderPath(scene));

    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    for (String gone : List.of(folderPath(scene), folderPath(shot), filePath(clip), filePath(v2), filePath(v3),
        http.account() + "/version_stacks/" + stack, filePath(clip) + "/comments")) {
      assertThat(http.get(gone).statusCode()).as(gone).isEqualTo(404);
    }
    assertThat(http.get(folderPath(sibling)).statusCode()).isEqualTo(200);
    assertThat(SandboxHttp.data(http.get(folderPath(shots) + "/children")))
        .extracting(c -> c.get("id").asText()).containsExactly(sibling);
    assertThat(sandbox.inspect().files()).isEmpty();
    assertThat(http.delete(folderPath(scene)).statusCode()).as("second delete").isEqualTo(404);
  }

  @Test
  void deleteFolder_deletesTheReceivedBytesOfItsFiles() throws Exception {
    String folder = http.createFolder(root, "RENDERS");
    JsonNode upload = http.localUpload(folder, "a.mov", 64);
    SandboxHttp.putAll(upload, new byte[64]);
    try (var received = Files.list(temp)) {
      assertThat(received.count()).as("part files while the folder exists").isPositive();
    }

    assertThat(http.delete(folderPath(folder)).statusCode()).isEqualTo(204);

    try (var received = Files.walk(temp)) {
      assertThat(received.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @Test
  void deleteFolder_whileAFileInsideIsUploading_refusesItsRemainingParts() {
    String folder = http.createFolder(root, "RENDERS");
    JsonNode upload = http.localUpload(folder, "a.mov", 10);
    String url = upload.get("upload_urls").get(0).get("url").asText();

    assertThat(http.delete(folderPath(folder)).statusCode()).isEqualTo(204);

    HttpResponse<String> put = SandboxHttp.putPart(url, upload.get("media_type").asText(), new byte[10]);
    assertThat(put.statusCode()).isEqualTo(404);
    assertThat(put.body()).contains("NoSuchUpload");
  }

  @Test
  void deleteFolder_theProjectRootIs409_andStaysIntact() {
    String child = http.createFolder(root, "KEEP");

    HttpResponse<String> refused = http.delete(folderPath(root));

    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(SandboxHttp.json(refused).get("errors").get(0).get("detail").asText()).contains("root folder");
    assertThat(http.get(folderPath(root)).statusCode()).isEqualTo(200);
    assertThat(http.get(folderPath(child)).statusCode()).isEqualTo(200);
  }

  @Test
  void deleteFolder_unknownId_aFileId_andNoToken_areRefused() {
    String file = http.localUpload(root, "a.mov", 1).get("id").asText();
    assertThat(http.delete(folderPath(UUID.randomUUID().toString())).statusCode()).isEqualTo(404);
    assertThat(http.delete(folderPath(file)).statusCode()).as("a file is not a folder").isEqualTo(404);
    String folder = http.createFolder(root, "X");
    http.token = null;
    assertThat(http.delete(folderPath(folder)).statusCode()).isEqualTo(401);
    http.token = "not-a-token";
    assertThat(http.delete(folderPath(folder)).statusCode()).isEqualTo(401);
    http.token = sandbox.issueAccessToken();
    assertThat(http.get(folderPath(folder)).statusCode()).as("still there").isEqualTo(200);
  }

  @Test
  void updateFolder_renames_returns200WithTheFolder_andBumpsUpdatedAt() {
    String folder = http.createFolder(root, "SC01");
    clock.advance(Duration.ofMinutes(5));

    HttpResponse<String> updated = http.patch(folderPath(folder), name("SC01_BUS"));

    assertThat(updated.statusCode()).isEqualTo(200);
    JsonNode data = SandboxHttp.data(updated);
    assertThat(data.get("id").asText()).isEqualTo(folder);
    assertThat(data.get("name").asText()).isEqualTo("SC01_BUS");
    assertThat(data.get("type").asText()).isEqualTo("folder");
    assertThat(data.get("parent_id").asText()).isEqualTo(root);
    assertThat(Instant.parse(data.get("updated_at").asText()))
        .isAfter(Instant.parse(data.get("created_at").asText()));
    assertThat(SandboxHttp.data(http.get(folderPath(folder))).get("name").asText()).isEqualTo("SC01_BUS");
    assertThat(updated.headers().firstValue("x-ratelimit-limit")).contains("10");
    assertThat(updated.headers().firstValue("x-ratelimit-window")).contains("60000");
  }

  @Test
  void updateFolder_withoutName_changesNothing() {
    String folder = http.createFolder(root, "SC01");
    clock.advance(Duration.ofMinutes(5));

    JsonNode data = SandboxHttp.data(http.patch(folderPath(folder), "{\"data\":{}}"));

    assertThat(data.get("name").asText()).isEqualTo("SC01");
    assertThat(data.get("updated_at").asText()).isEqualTo(data.get("created_at").asText());
  }

  @Test
  void updateFolder_badBodies_are422NamingTheField_likeCreate() {
    String folder = http.createFolder(root, "SC01");
    for (String body : List.of("{\"data\":{\"name\":\"\"}}", "{\"data\":{\"name\":7}}",
        "{\"data\":{\"name\":\"" + "x".repeat(256) + "\"}}")) {
      HttpResponse<String> r = http.patch(folderPath(folder), body);
      assertThat(r.statusCode()).as(body).isEqualTo(422);
      assertThat(ApiConventionsTest.pointer(r)).isEqualTo("/data/name");
    }
    HttpResponse<String> unknown = http.patch(folderPath(folder), "{\"data\":{\"name\":\"A\",\"parent_id\":\"x\"}}");
    assertThat(unknown.statusCode()).isEqualTo(422);
    assertThat(ApiConventionsTest.pointer(unknown)).isEqualTo("/data/parent_id");
    assertThat(http.patch(folderPath(folder), "{\"name\":\"A\"}").statusCode()).isEqualTo(422);
    assertThat(http.patch(folderPath(folder), "{not json").statusCode()).isEqualTo(400);
    assertThat(SandboxHttp.data(http.get(folderPath(folder))).get("name").asText()).isEqualTo("SC01");
  }

  @Test
  void updateFolder_unknownId_is404_andNoToken_is401() {
    assertThat(http.patch(folderPath(UUID.randomUUID().toString()), name("A")).statusCode()).isEqualTo(404);
    String folder = http.createFolder(root, "SC01");
    http.token = null;
    assertThat(http.patch(folderPath(folder), name("A")).statusCode()).isEqualTo(401);
  }

  @Test
  void updateFile_renames_keepsTheMediaType_andReturnsTheFile() {
    JsonNode upload = http.localUpload(root, "A001_v001.mov", 10);
    String id = upload.get("id").asText();
    clock.advance(Duration.ofSeconds(1));

    HttpResponse<String> updated = http.patch(filePath(id), name("A001_v001_graded.mov"));

    assertThat(updated.statusCode()).isEqualTo(200);
    JsonNode file = SandboxHttp.data(updated);
    assertThat(file.get("id").asText()).isEqualTo(id);
    assertThat(file.get("name").asText()).isEqualTo("A001_v001_graded.mov");
    assertThat(file.get("media_type").asText()).isEqualTo("video/quicktime");
    assertThat(file.has("upload_urls")).isFalse();
    assertThat(Instant.parse(file.get("updated_at").asText())).isAfter(Instant.parse(file.get("created_at").asText()));
    assertThat(sandbox.inspect().file(id).orElseThrow().name()).isEqualTo("A001_v001_graded.mov");
    assertThat(updated.headers().firstValue("x-ratelimit-limit")).contains("100");
  }

  @Test
  void updateFile_ofTheHeadVersion_renamesItsStack() {
    String v1 = http.localUpload(root, "a_v1.mov", 1).get("id").asText();
    String v2 = http.localUpload(root, "a_v2.mov", 1).get("id").asText();
    String stack = SandboxHttp.data(http.post(folderPath(root) + "/version_stacks",
        "{\"data\":{\"file_ids\":[\"" + v1 + "\",\"" + v2 + "\"]}}")).get("id").asText();

    http.patch(filePath(v1), name("a_v1_old.mov"));
    assertThat(SandboxHttp.data(http.get(http.account() + "/version_stacks/" + stack)).get("name").asText())
        .as("not the head").isEqualTo("a_v2.mov");
    http.patch(filePath(v2), name("a_v2_final.mov"));
    assertThat(SandboxHttp.data(http.get(http.account() + "/version_stacks/" + stack)).get("name").asText())
        .isEqualTo("a_v2_final.mov");
  }

  @Test
  void updateFile_badBodies_are422_unknownIdIs404_andNoTokenIs401() {
    String id = http.localUpload(root, "a.mov", 1).get("id").asText();
    for (String body : List.of("{\"data\":{\"name\":\"\"}}", "{\"data\":{\"name\":\"" + "x".repeat(256) + "\"}}",
        "{\"data\":{\"name\":\"b.mov\",\"file_size\":5}}")) {
      HttpResponse<String> r = http.patch(filePath(id), body);
      assertThat(r.statusCode()).as(body).isEqualTo(422);
    }
    assertThat(ApiConventionsTest.pointer(http.patch(filePath(id), "{\"data\":{\"media_type\":\"image/png\"}}")))
        .isEqualTo("/data/media_type");
    assertThat(http.patch(filePath(UUID.randomUUID().toString()), name("b.mov")).statusCode()).isEqualTo(404);
    assertThat(http.patch(filePath(root), name("b.mov")).statusCode()).as("a folder is not a file").isEqualTo(404);
    http.token = null;
    assertThat(http.patch(filePath(id), name("b.mov")).statusCode()).isEqualTo(401);
    http.token = sandbox.issueAccessToken();
    assertThat(SandboxHttp.data(http.get(filePath(id))).get("name").asText()).isEqualTo("a.mov");
  }

  @Test
  void deleteFolder_andUpdates_haveTheDocumentedRateLimits() {
    String folder = http.createFolder(root, "X");
    HttpResponse<String> deleted = http.delete(folderPath(folder));
    assertThat(deleted.headers().firstValue("x-ratelimit-limit")).contains("60");
    assertThat(deleted.headers().firstValue("x-ratelimit-window")).contains("60000");
    assertThat(sandbox.inspect().count("folders.delete")).isEqualTo(1);
  }
}
