package io.postflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommentsTest extends SandboxTestSupport {
  private String comments;

  @BeforeEach
  void start() {
    String id = http.localUpload(sandbox.rootFolderId(), "a.mov", 10).get("id").asText();
    comments = http.account() + "/files/" + id + "/comments";
  }

  @Test
  void createComment_withTimecode_is201_andListedWithIncludes() {
    HttpResponse<String> created = http.post(comments,
        "{\"data\":{\"text\":\"Fix the flare\",\"timestamp\":\"00:00:02:12\",\"duration\":24}}");
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode comment = SandboxHttp.data(created);
    assertThat(comment.get("text").asText()).isEqualTo("Fix the flare");
    assertThat(comment.get("timestamp").asText()).isEqualTo("00:00:02:12");
    assertThat(comment.get("duration").asInt()).isEqualTo(24);

    http.post(comments, "{\"data\":{\"text\":\"second\",\"timestamp\":48}}");
    JsonNode list = SandboxHttp.json(http.get(comments + "?include=owner,replies"));
    assertThat(list.get("data")).extracting(c -> c.get("text").asText()).containsExactly("Fix the flare", "second");
    assertThat(list.get("data").get(0).get("owner").get("id").asText()).isNotBlank();
    assertThat(list.get("data").get(0).get("replies")).isEmpty();
    assertThat(list.get("links").get("next").isNull()).isTrue();
  }

  @Test
  void createComment_invalid_is422() {
    assertThat(http.post(comments, "{\"data\":{}}").statusCode()).isEqualTo(422);
    assertThat(http.post(comments, "{\"data\":{\"text\":\"\"}}").statusCode()).isEqualTo(422);
    assertThat(http.post(comments, "{\"data\":{\"text\":\"x\",\"timestamp\":\"2 seconds\"}}").statusCode()).isEqualTo(422);
    assertThat(http.post(comments, "{\"data\":{\"text\":\"x\",\"duration\":5}}").statusCode()).isEqualTo(422);
    assertThat(http.post(comments, "{\"data\":{\"text\":\"x\",\"mood\":\"happy\"}}").statusCode()).isEqualTo(422);
    String pdf = http.localUpload(sandbox.rootFolderId(), "notes.pdf", 10).get("id").asText();
    assertThat(http.post(http.account() + "/files/" + pdf + "/comments",
        "{\"data\":{\"text\":\"x\",\"timestamp\":3}}").statusCode()).isEqualTo(422);
    assertThat(http.post(http.account() + "/files/" + java.util.UUID.randomUUID() + "/comments",
        "{\"data\":{\"text\":\"x\"}}").statusCode()).isEqualTo(404);
  }
}
