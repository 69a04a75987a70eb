package io.postflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

class InspectorTest extends SandboxTestSupport {

  @Override
  FrameioSandbox.Builder configure(FrameioSandbox.Builder builder) {
    return builder.names("Acme", "Post", "Feature");
  }

  @Test
  void tree_showsFoldersFilesAndStatuses() {
    String shots = http.createFolder(sandbox.rootFolderId(), "SHOTS");
    JsonNode upload = http.localUpload(shots, "A001.mov", 2);
    SandboxHttp.putAll(upload, new byte[] {1, 2});
    http.localUpload(shots, "A002.mov", 2);

    SandboxNode tree = sandbox.inspect().tree();
    assertThat(tree.name()).isEqualTo("Feature");
    assertThat(tree.children()).singleElement().extracting(SandboxNode::name).isEqualTo("SHOTS");
    assertThat(tree.print()).isEqualTo("Feature/\n  SHOTS/\n    A001.mov  (uploaded)\n    A002.mov  (created)\n");
    assertThatThrownBy(() -> sandbox.inspect().tree("nope")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void files_reportBytesPartsAndSha() {
    JsonNode upload = http.localUpload(sandbox.rootFolderId(), "a.wav", 3);
    SandboxFile before = sandbox.inspect().fileNamed("a.wav").orElseThrow();
    assertThat(before.partsExpected()).isEqualTo(1);
    assertThat(before.partsReceived()).isZero();
    assertThat(before.sha256()).isNull();
    SandboxHttp.putAll(upload, "abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    SandboxFile after = sandbox.inspect().file(upload.get("id").asText()).orElseThrow();
    assertThat(after.bytesReceived()).isEqualTo(3);
    assertThat(after.mediaType()).isEqualTo("audio/wav");
    assertThat(after.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void requestLog_masksSecrets_andCountsOperations() {
    JsonNode upload = http.localUpload(sandbox.rootFolderId(), "a.mov", 2);
    SandboxHttp.send(HttpRequest.newBuilder(URI.create(upload.get("upload_urls").get(0).get("url").asText()))
        .header("Content-Type", "video/quicktime").header("x-amz-acl", "private").header("Cookie", "session=s3cr3t")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[2])).build());
    http.get("/v4/me");

    var all = sandbox.inspect().requests();
    assertThat(all).extracting(RecordedRequest::operation)
        .containsExactly("files.create_local_upload", "s3.put_part", "users.show");
    RecordedRequest api = all.get(0);
    assertThat(api.header("Authorization")).isEqualTo("***");
    assertThat(api.status()).isEqualTo(201);
    assertThat(api.method()).isEqualTo("POST");
    RecordedRequest part = all.get(1);
    assertThat(part.path()).contains("X-Amz-Signature=***").contains("X-Amz-Credential=***")
        .doesNotContain(upload.get("upload_urls").get(0).get("url").asText().replaceAll(".*X-Amz-Signature=", ""));
    assertThat(part.header("cookie")).isEqualTo("***");
    assertThat(part.header("content-type")).isEqualTo("video/quicktime");
    assertThat(all.toString()).doesNotContain(http.token);

    assertThat(sandbox.inspect().count("s3.put_part")).isEqualTo(1);
    assertThat(sandbox.inspect().operationCounts()).containsEntry("users.show", 1L);
    assertThat(sandbox.inspect().requests(r -> r.status() == 200)).hasSize(2);
  }

  @Test
  void imsRequests_areLoggedWithCredentialsMasked() throws Exception {
    String basic = java.util.Base64.getEncoder().encodeToString(
        (sandbox.clientId() + ":" + sandbox.clientSecret()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    SandboxHttp.send(HttpRequest.newBuilder(URI.create(sandbox.imsBaseUri() + "/token/v3"))
        .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=not-issued")).build());
    long deadline = System.nanoTime() + 2_000_000_000L;
    while (sandbox.inspect().count("ims") == 0 && System.nanoTime() < deadline) {
      Thread.sleep(5); // the IMS entry is written just after its answer
    }
    RecordedRequest ims = sandbox.inspect().requests(r -> r.operation().equals("ims")).get(0);
    assertThat(ims.path()).isEqualTo("/ims/token/v3");
    assertThat(ims.header("Authorization")).isEqualTo("***");
    assertThat(ims.status()).isBetween(400, 401);
    assertThat(sandbox.inspect().requests().toString()).doesNotContain(basic);
  }
}
