package io.postflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Field definitions, a file's metadata, bulk updates and their webhook event, by raw HTTP. */
class MetadataTest extends SandboxTestSupport {
  /** The test's webhook points at plain HTTP on loopback, which the strict sandbox refuses. */
  @Override
  FrameioSandbox.Builder configure(FrameioSandbox.Builder builder) {
    return builder.plainHttpWebhooks(true);
  }

  private static final String STATUS_FIELD = "{\"data\":{\"name\":\"PostFlow status\",\"field_type\":\"select\","
      + "\"field_configuration\":{\"enable_add_new\":false,\"options\":[{\"display_name\":\"review_uploaded\"},"
      + "{\"display_name\":\"review_approved\"}]}}}";
  private String definitions;
  private String fileId;

  @BeforeEach
  void paths() {
    definitions = http.account() + "/metadata/field_definitions";
    fileId = http.localUpload(sandbox.rootFolderId(), "UNDLM_00042_v001.mov", 10).get("id").asText();
  }

  @Test
  void createSelectField_is201_withOptionIds_andListed() {
    HttpResponse<String> created = http.post(definitions, STATUS_FIELD);
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode field = SandboxHttp.data(created);
    assertThat(field.get("name").asText()).isEqualTo("PostFlow status");
    assertThat(field.get("field_type").asText()).isEqualTo("select");
    assertThat(field.get("mutable").asBoolean()).isTrue();
    assertThat(field.get("creator_id").asText()).isNotBlank();
    assertThat(field.at("/field_configuration/options")).hasSize(2)
        .allSatisfy(o -> assertThat(o.get("id").asText()).hasSize(36));

    JsonNode list = SandboxHttp.json(http.get(definitions + "?include=creator"));
    assertThat(list.get("data")).singleElement().satisfies(d -> {
      assertThat(d.get("id").asText()).isEqualTo(field.get("id").asText());
      assertThat(d.get("creator").get("id").asText()).isNotBlank();
    });
    assertThat(list.get("links").get("next").isNull()).isTrue();
  }

  @Test
  void createField_invalid_is422NamingTheField() {
    assertPointer(http.post(definitions, "{\"data\":{\"field_type\":\"text\"}}"), "/data/name");
    assertPointer(http.post(definitions, "{\"data\":{\"name\":\"x\",\"field_type\":\"colour\"}}"), "/data/field_type");
    assertPointer(http.post(definitions, "{\"data\":{\"name\":\"x\",\"field_type\":\"select\"}}"),
        "/data/field_configuration");
    assertPointer(http.post(definitions, "{\"data\":{\"name\":\"x\",\"field_type\":\"select\","
        + "\"field_configuration\":{\"options\":[]}}}"), "/data/field_configuration/options");
    assertPointer(http.post(definitions, "{\"data\":{\"name\":\"x\",\"field_type\":\"text\",\"mood\":1}}"),
        "/data/mood");
    assertThat(http.post(definitions, STATUS_FIELD).statusCode()).isEqualTo(201);
    assertPointer(http.post(definitions, STATUS_FIELD), "/data/name");
    assertThat(http.post(definitions, "{not json").statusCode()).isEqualTo(400);
  }

  @Test
  void bulkUpdate_setsTheValue_showsOnTheFile_andEmitsMetadataValueUpdated() {
    http.post(http.account() + "/workspaces/" + sandbox.workspaceId() + "/webhooks",
        "{\"data\":{\"name\":\"pf\",\"url\":\"http://127.0.0.1:9/hook\",\"events\":[\"metadata.value.updated\"]}}");
    JsonNode field = SandboxHttp.data(http.post(definitions, STATUS_FIELD));
    String approved = field.at("/field_configuration/options/1/id").asText();
    assertThat(SandboxHttp.data(http.get(http.account() + "/files/" + fileId + "/metadata")).get("metadata"))
        .as("no values yet").isEmpty();

    HttpResponse<String> updated = http.patch(values(), "{\"data\":{\"file_ids\":[\"" + fileId + "\"],"
        + "\"values\":[{\"field_definition_id\":\"" + field.get("id").asText() + "\",\"value\":[\"" + approved + "\"]}]}}");

    assertThat(updated.statusCode()).isEqualTo(204);
    JsonNode metadata = SandboxHttp.data(http.get(http.account() + "/files/" + fileId + "/metadata"));
    assertThat(metadata.get("file_id").asText()).isEqualTo(fileId);
    assertThat(metadata.get("metadata")).singleElement().satisfies(m -> {
      assertThat(m.get("field_definition_name").asText()).isEqualTo("PostFlow status");
      assertThat(m.get("field_type").asText()).isEqualTo("select");
      assertThat(m.get("value")).singleElement().satisfies(v -> {
        assertThat(v.get("id").asText()).isEqualTo(approved);
        assertThat(v.get("display_name").asText()).isEqualTo("review_approved");
      });
      assertThat(m.get("field_options")).hasSize(2);
    });
    assertThat(sandbox.inspect().webhookDeliveries()).singleElement().satisfies(d -> {
      JsonNode event = SandboxHttp.JSON.readTree(d.body());
      assertThat(event.get("type").asText()).isEqualTo("metadata.value.updated");
      assertThat(event.at("/resource/id").asText()).isEqualTo(fileId);
      assertThat(event.at("/project/id").asText()).isEqualTo(sandbox.projectId());
    });
  }

  @Test
  void bulkUpdate_invalid_is422_or404_andChangesNothing() {
    JsonNode field = SandboxHttp.data(http.post(definitions, STATUS_FIELD));
    String id = field.get("id").asText();
    assertPointer(http.patch(values(), "{\"data\":{\"file_ids\":[],\"values\":[]}}"), "/data/file_ids");
    assertPointer(http.patch(values(), body(fileId, id, "[\"not-an-option\"]")), "/data/values/0/value");
    assertPointer(http.patch(values(), body(fileId, id, "\"review_approved\"")), "/data/values/0/value");
    assertPointer(http.patch(values(), body(fileId, "00000000-0000-0000-0000-000000000000", "[]")),
        "/data/values/0/field_definition_id");
    assertPointer(http.patch(values(), body("00000000-0000-0000-0000-000000000000", id, "[]")),
        "/data/file_ids/0");
    assertThat(http.patch(http.account() + "/projects/00000000-0000-0000-0000-000000000000/metadata/values",
        body(fileId, id, "[]")).statusCode()).isEqualTo(404);
    assertThat(SandboxHttp.data(http.get(http.account() + "/files/" + fileId + "/metadata?show_null=true"))
        .get("metadata")).singleElement().satisfies(m -> assertThat(m.get("value")).isEmpty());
  }

  @Test
  void fieldDefinitionsAndBulkUpdates_haveTheirLowPerMinuteLimits() {
    ManualClock clock = ManualClock.at(Instant.parse("2026-01-05T10:00:00Z"));
    sandbox.close();
    sandbox = FrameioSandbox.builder().clock(clock).start();
    http = new SandboxHttp(sandbox);
    String path = http.account() + "/metadata/field_definitions";
    for (int i = 0; i < 10; i++) {
      assertThat(http.post(path, "{\"data\":{\"name\":\"f" + i + "\",\"field_type\":\"text\"}}").statusCode())
          .isEqualTo(201);
    }
    HttpResponse<String> limited = http.post(path, "{\"data\":{\"name\":\"f10\",\"field_type\":\"text\"}}");
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("x-ratelimit-limit")).contains("10");
    assertThat(limited.headers().firstValue("x-ratelimit-window")).contains("60000");
    assertThat(http.get(path).statusCode()).as("reads have their own bucket").isEqualTo(200);
    clock.advance(Duration.ofSeconds(6));
    assertThat(http.post(path, "{\"data\":{\"name\":\"f10\",\"field_type\":\"text\"}}").statusCode()).isEqualTo(201);
  }

  private String values() {
    return http.account() + "/projects/" + sandbox.projectId() + "/metadata/values";
  }

  private static String body(String file, String field, String value) {
    return "{\"data\":{\"file_ids\":[\"" + file + "\"],\"values\":[{\"field_definition_id\":\"" + field
        + "\",\"value\":" + value + "}]}}";
  }

  static void assertPointer(HttpResponse<String> response, String pointer) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
    assertThat(SandboxHttp.json(response).at("/errors/0/source/pointer").asText()).isEqualTo(pointer);
  }
}
