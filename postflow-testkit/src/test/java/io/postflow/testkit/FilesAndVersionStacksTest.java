package io.postflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesAndVersionStacksTest extends SandboxTestSupport {
  private String root;

  @BeforeEach
  void start() {
    root = sandbox.rootFolderId();
  }

  @Test
  void showFile_hasTheFileFields_andUnknownIdIs404() {
    String id = http.localUpload(root, "a.mov", 10).get("id").asText();
    JsonNode file = SandboxHttp.data(http.get(http.account() + "/files/" + id));
    for (String field : new String[] {"id", "name", "type", "parent_id", "project_id", "file_size", "media_type",
        "status", "view_url", "created_at", "updated_at"}) {
      assertThat(file.has(field)).as(field).isTrue();
    }
    assertThat(file.has("upload_urls")).isFalse();
    assertThat(file.has("media_links")).isFalse();
    assertThat(http.get(http.account() + "/files/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    assertThat(http.get(http.account() + "/files/" + root).statusCode()).as("a folder is not a file").isEqualTo(404);
  }

  @Test
  void include_acceptsTheDocumentedValues_andRefusesOthersWith422() {
    String id = http.localUpload(root, "a.mov", 10).get("id").asText();
    JsonNode links = SandboxHttp.data(http.get(http.account() + "/files/" + id
        + "?include=media_links.original,media_links.thumbnail,creator")).get("media_links");
    assertThat(links.get("original").isNull()).isTrue();
    assertThat(links.get("thumbnail").isNull()).isTrue();
    HttpResponse<String> bad = http.get(http.account() + "/files/" + id + "?include=media_links.poster");
    assertThat(bad.statusCode()).isEqualTo(422);
    assertThat(ApiConventionsTest.pointer(bad)).isEqualTo("/include");
    assertThat(http.get(http.account() + "/folders/" + root + "/children?include=owner").statusCode()).isEqualTo(422);
    assertThat(http.get(http.account() + "/folders/" + root + "?include=metadata").statusCode()).isEqualTo(200);
    assertThat(http.get(http.account() + "/files/" + id + "/comments?include=creator").statusCode()).isEqualTo(422);
    JsonNode child = SandboxHttp.data(http.get(http.account() + "/folders/" + root
        + "/children?include=media_links.original")).get(0);
    assertThat(child.get("media_links").get("original").isNull()).isTrue();
  }

  @Test
  void status_hasExactlyTheDocumentedFields() {
    String id = http.localUpload(root, "a.mov", 10).get("id").asText();
    JsonNode status = SandboxHttp.data(http.get(http.account() + "/files/" + id + "/status"));
    assertThat(status.fieldNames()).toIterable().containsExactlyInAnyOrder("id", "filetype", "upload_complete",
        "upload_failed", "uploaded_at", "upload_completed_at");
    assertThat(status.get("uploaded_at").isNull()).isTrue();
  }

  @Test
  void deleteFile_is204_thenGone() {
    String id = http.localUpload(root, "a.mov", 10).get("id").asText();
    assertThat(http.delete(http.account() + "/files/" + id).statusCode()).isEqualTo(204);
    assertThat(http.get(http.account() + "/files/" + id).statusCode()).isEqualTo(404);
    assertThat(http.delete(http.account() + "/files/" + id).statusCode()).isEqualTo(404);
    assertThat(sandbox.inspect().files()).isEmpty();
  }

  @Test
  void deleteFile_removesItsReceivedBytes_fromAGivenTempDirectory(@TempDir Path dir) throws Exception {
    try (FrameioSandbox own = FrameioSandbox.builder().rateLimits(false).tempDirectory(dir).start()) {
      SandboxHttp ownHttp = new SandboxHttp(own);
      JsonNode upload = ownHttp.localUpload(own.rootFolderId(), "a.mov", 3);
      SandboxHttp.putAll(upload, new byte[] {1, 2, 3});
      try (var files = Files.list(dir)) {
        assertThat(files.count()).isEqualTo(1);
      }
      assertThat(ownHttp.delete(ownHttp.account() + "/files/" + upload.get("id").asText()).statusCode()).isEqualTo(204);
      try (var files = Files.list(dir)) {
        assertThat(files.count()).isZero();
      }
    }
    assertThat(dir).exists(); // a directory the caller gave is left in place
  }

  @Test
  void moveFile_intoAFolder_changesParent_andBadTargetsAre422() {
    String id = http.localUpload(root, "a.mov", 10).get("id").asText();
    String folder = http.createFolder(root, "F");
    HttpResponse<String> moved = http.patch(http.account() + "/files/" + id + "/move",
        "{\"data\":{\"parent_id\":\"" + folder + "\"}}");
    assertThat(moved.statusCode()).isEqualTo(200);
    assertThat(SandboxHttp.data(moved).get("parent_id").asText()).isEqualTo(folder);
    assertThat(SandboxHttp.data(http.get(http.account() + "/folders/" + folder + "/files"))).hasSize(1);

    String other = http.localUpload(root, "b.mov", 10).get("id").asText();
    HttpResponse<String> intoFile = http.patch(http.account() + "/files/" + id + "/move",
        "{\"data\":{\"parent_id\":\"" + other + "\"}}");
    assertThat(intoFile.statusCode()).isEqualTo(422);
    assertThat(ApiConventionsTest.pointer(intoFile)).isEqualTo("/data/parent_id");
    assertThat(http.patch(http.account() + "/files/" + id + "/move", "{\"data\":{}}").statusCode()).isEqualTo(422);
  }

  @Test
  void createVersionStack_movesTheFilesIn_lastIsHead() {
    String v1 = http.localUpload(root, "A001_v001.mov", 10).get("id").asText();
    String v2 = http.localUpload(root, "A001_v002.mov", 10).get("id").asText();
    HttpResponse<String> created = http.post(http.account() + "/folders/" + root + "/version_stacks",
        "{\"data\":{\"file_ids\":[\"" + v1 + "\",\"" + v2 + "\"]}}");
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode stack = SandboxHttp.data(created);
    assertThat(stack.get("type").asText()).isEqualTo("version_stack");
    assertThat(stack.get("parent_id").asText()).isEqualTo(root);
    assertThat(stack.get("head_version").get("id").asText()).isEqualTo(v2);
    assertThat(stack.get("name").asText()).isEqualTo("A001_v002.mov");
    String stackId = stack.get("id").asText();

    JsonNode versions = SandboxHttp.data(http.get(http.account() + "/version_stacks/" + stackId + "/children"));
    assertThat(versions).extracting(v -> v.get("id").asText()).containsExactly(v1, v2);
    assertThat(versions).allMatch(v -> v.get("parent_id").asText().equals(stackId));
    JsonNode children = SandboxHttp.data(http.get(http.account() + "/folders/" + root + "/children"));
    assertThat(children).extracting(c -> c.get("type").asText()).containsExactly("version_stack");
    assertThat(SandboxHttp.data(http.get(http.account() + "/folders/" + root + "/version_stacks"))).hasSize(1);

    String v3 = http.localUpload(root, "A001_v003.mov", 10).get("id").asText();
    assertThat(http.patch(http.account() + "/files/" + v3 + "/move", "{\"data\":{\"parent_id\":\"" + stackId + "\"}}")
        .statusCode()).isEqualTo(200);
    JsonNode shown = SandboxHttp.data(http.get(http.account() + "/version_stacks/" + stackId));
    assertThat(shown.get("head_version").get("id").asText()).isEqualTo(v3);
    assertThat(sandbox.inspect().tree().print()).contains("[stack] A001_v003.mov");
  }

  @Test
  void createVersionStack_withBadFileIds_is422() {
    String v1 = http.localUpload(root, "a.mov", 10).get("id").asText();
    String elsewhere = http.localUpload(http.createFolder(root, "F"), "b.mov", 10).get("id").asText();
    String path = http.account() + "/folders/" + root + "/version_stacks";
    assertThat(http.post(path, "{\"data\":{\"file_ids\":[\"" + v1 + "\"]}}").statusCode()).isEqualTo(422);
    assertThat(http.post(path, "{\"data\":{\"file_ids\":[\"" + v1 + "\",\"" + v1 + "\"]}}").statusCode()).isEqualTo(422);
    HttpResponse<String> notHere = http.post(path, "{\"data\":{\"file_ids\":[\"" + v1 + "\",\"" + elsewhere + "\"]}}");
    assertThat(notHere.statusCode()).isEqualTo(422);
    assertThat(ApiConventionsTest.pointer(notHere)).isEqualTo("/data/file_ids/1");
    StringBuilder eleven = new StringBuilder();
    for (int i = 0; i < 11; i++) {
      eleven.append(i == 0 ? "" : ",").append('"').append(UUID.randomUUID()).append('"');
    }
    assertThat(http.post(path, "{\"data\":{\"file_ids\":[" + eleven + "]}}").statusCode()).isEqualTo(422);
    assertThat(http.post(path, "{\"data\":{}}").statusCode()).isEqualTo(422);
    assertThat(SandboxHttp.data(http.get(http.account() + "/folders/" + root + "/files"))).hasSize(1);
  }
}
