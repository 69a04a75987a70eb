package io.postflow.frameio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postflow.api.RemoteFileStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The client reads responses shaped exactly like the examples of Frame.io's OpenAPI document (the
 * same fields, nesting, types, nulls and enumerated values, with our own values, one file per
 * operation in {@code src/test/resources/openapi-examples}), and sends the request bodies the
 * document's schemas name. The sandbox and the client were written from the same notes; these
 * tests compare the client with the document itself, so a mistake shared by both is caught here.
 */
class DocumentExamplesTest extends WireMockSupport {
  private static final String A = "/v4/accounts/acc-1";

  @Test
  void me_accounts_workspaces_projects_readTheDocumentedFields() {
    JsonNode me = stub("GET", "/v4/me", "users.show");
    JsonNode account = stub("GET", "/v4/accounts", "accounts.index").get(0);
    JsonNode workspace = stub("GET", A + "/workspaces", "workspaces.index").get(0);
    JsonNode project = stub("GET", A + "/workspaces/ws/projects", "projects.index").get(0);
    JsonNode shown = stub("GET", A + "/projects/pr", "projects.show");

    User user = client.me();
    assertThat(user.id()).isEqualTo(me.path("id").asText());
    assertThat(user.email()).contains(me.path("email").asText());
    Account first = client.accounts().get(0);
    assertThat(first.id()).isEqualTo(account.path("id").asText());
    assertThat(first.displayName()).isEqualTo(account.path("display_name").asText());
    assertThat(first.roles()).isNotEmpty();
    assertThat(first.storageUsage()).hasValue(account.path("storage_usage").asLong());
    Workspace ws = account().workspaces().get(0);
    assertThat(ws.accountId()).isEqualTo(workspace.path("account_id").asText());
    for (Project p : List.of(account().projects("ws").get(0), account().project("pr"))) {
      JsonNode json = p.id().equals(project.path("id").asText()) ? project : shown;
      assertThat(p.rootFolderId()).isEqualTo(json.path("root_folder_id").asText());
      assertThat(p.workspaceId()).contains(json.path("workspace_id").asText());
      assertThat(p.status()).contains(json.path("status").asText());
      assertThat(p.viewUrl()).contains(json.path("view_url").asText());
      assertThat(p.createdAt()).contains(Instant.parse(json.path("created_at").asText()));
    }
  }

  @Test
  void folders_children_andTypedLists_readEveryKindOfEntry() {
    JsonNode folder = stub("GET", A + "/folders/fo", "folders.show");
    JsonNode children = stub("GET", A + "/folders/fo/children", "folders.index");
    JsonNode folders = stub("GET", A + "/folders/fo/folders", "folders.list");
    JsonNode files = stub("GET", A + "/folders/fo/files", "files.list");
    JsonNode stacks = stub("GET", A + "/folders/fo/version_stacks", "version_stacks.list");

    assertCommon(account().folder("fo"), folder);
    List<Asset> entries = account().children("fo").collect(Collectors.toList());
    assertThat(entries).hasSize(children.size());
    for (int i = 0; i < entries.size(); i++) {
      assertCommon(entries.get(i), children.get(i));
      assertThat(entries.get(i).type().toWire()).isEqualTo(children.get(i).path("type").asText());
    }
    assertCommon(account().folders("fo", 500).findFirst().orElseThrow(), folders.get(0));
    assertFile(account().files("fo", 500).findFirst().orElseThrow(), files.get(0));
    VersionStack stack = account().versionStacks("fo", 500).findFirst().orElseThrow();
    assertCommon(stack, stacks.get(0));
    assertFile(stack.headVersion().orElseThrow(), stacks.get(0).path("head_version"));
    wire.verify(getRequestedFor(urlPathEqualTo(A + "/folders/fo/version_stacks"))
        .withQueryParam("page_size", equalTo("500")));
  }

  @Test
  void files_showStatusUpdateMove_readTheDocumentedFields() {
    JsonNode shown = stub("GET", A + "/files/fi", "files.show");
    JsonNode status = stub("GET", A + "/files/fi/status", "files.show_file_upload_status");
    JsonNode updated = stub("PATCH", A + "/files/fi", "files.update");
    JsonNode moved = stub("PATCH", A + "/files/fi/move", "files.move");

    FileAsset file = account().file("fi", "media_links.original");
    assertFile(file, shown);
    assertThat(file.originalDownloadUrl())
        .contains(shown.path("media_links").path("original").path("download_url").asText());
    FileUploadStatus upload = account().fileStatus("fi");
    assertThat(upload.id()).isEqualTo(status.path("id").asText());
    assertThat(upload.fileType()).contains(status.path("filetype").asText());
    assertThat(upload.uploadComplete()).isEqualTo(status.path("upload_complete").asBoolean());
    assertThat(upload.uploadFailed()).isEqualTo(status.path("upload_failed").asBoolean());
    assertThat(upload.uploadedAt()).contains(Instant.parse(status.path("uploaded_at").asText()));
    assertThat(upload.uploadCompletedAt()).contains(Instant.parse(status.path("upload_completed_at").asText()));
    assertFile(account().updateFile("fi", "new.mov"), updated);
    assertFile(account().moveFile("fi", "fo2"), moved);

    wire.verify(patchRequestedFor(urlPathEqualTo(A + "/files/fi"))
        .withRequestBody(equalToJson("{\"data\":{\"name\":\"new.mov\"}}")));
    wire.verify(patchRequestedFor(urlPathEqualTo(A + "/files/fi/move"))
        .withRequestBody(equalToJson("{\"data\":{\"parent_id\":\"fo2\"}}")));
  }

  @Test
  void uploads_sendTheDocumentedBodies_andReadUploadUrlsAnd202() {
    JsonNode local = stub("POST", A + "/folders/fo/files/local_upload", "files.create_local_upload");
    JsonNode remote = stub("POST", A + "/folders/fo/files/remote_upload", "files.create_remote_upload");

    PresignedUpload upload = account().createLocalUpload("fo", "asset.png", 20_000_000);
    assertFile(upload.file(), local);
    assertThat(upload.parts()).hasSize(local.path("upload_urls").size());
    assertThat(upload.parts().get(0).size()).isEqualTo(local.path("upload_urls").get(0).path("size").asLong());
    assertThat(upload.parts().get(0).url()).isEqualTo(local.path("upload_urls").get(0).path("url").asText());
    assertFile(account().createRemoteUpload("fo", "asset.png", URI.create("https://src.example/a.png")), remote);

    wire.verify(postRequestedFor(urlPathEqualTo(A + "/folders/fo/files/local_upload"))
        .withRequestBody(equalToJson("{\"data\":{\"name\":\"asset.png\",\"file_size\":20000000}}")));
    wire.verify(postRequestedFor(urlPathEqualTo(A + "/folders/fo/files/remote_upload"))
        .withRequestBody(equalToJson(
            "{\"data\":{\"name\":\"asset.png\",\"source_url\":\"https://src.example/a.png\"}}")));
  }

  @Test
  void versionStacks_createShowChildren_readHeadVersionAndEntries() {
    JsonNode created = stub("POST", A + "/folders/fo/version_stacks", "version_stacks.create");
    JsonNode shown = stub("GET", A + "/version_stacks/vs", "version_stacks.show");
    JsonNode children = stub("GET", A + "/version_stacks/vs/children", "version_stacks.index");

    VersionStack stack = account().createVersionStack("fo", List.of("f1", "f2"));
    assertCommon(stack, created);
    assertFile(stack.headVersion().orElseThrow(), created.path("head_version"));
    assertCommon(account().versionStack("vs"), shown);
    assertFile(account().versionStackChildren("vs").findFirst().orElseThrow(), children.get(0));

    wire.verify(postRequestedFor(urlPathEqualTo(A + "/folders/fo/version_stacks"))
        .withRequestBody(equalToJson("{\"data\":{\"file_ids\":[\"f1\",\"f2\"]}}")));
  }

  @Test
  void comments_readIntegerTimestampsOwnerAndDuration() {
    JsonNode created = stub("POST", A + "/files/fi/comments", "comments.create");
    JsonNode listed = stub("GET", A + "/files/fi/comments", "comments.index").get(0);

    Comment comment = account().createComment("fi", "This is great!", "00:00:02:12");
    assertThat(comment.id()).isEqualTo(created.path("id").asText());
    assertThat(comment.fileId()).contains(created.path("file_id").asText());
    assertThat(comment.timestamp()).contains(created.path("timestamp").asText()); // 123: a frame
    assertThat(comment.duration()).hasValue(created.path("duration").asInt());
    Comment first = account().comments("fi").findFirst().orElseThrow();
    assertThat(first.owner().orElseThrow().id()).isEqualTo(listed.path("owner").path("id").asText());
    assertThat(first.createdAt()).contains(Instant.parse(listed.path("created_at").asText()));

    wire.verify(postRequestedFor(urlPathEqualTo(A + "/files/fi/comments"))
        .withQueryParam("timestamp_as_timecode", equalTo("true"))
        .withRequestBody(equalToJson("{\"data\":{\"text\":\"This is great!\",\"timestamp\":\"00:00:02:12\"}}")));
    wire.verify(getRequestedFor(urlPathEqualTo(A + "/files/fi/comments"))
        .withQueryParam("include", equalTo("owner,replies")).withQueryParam("page_size", equalTo("100"))
        .withQueryParam("timestamp_as_timecode", equalTo("true")));
  }

  @Test
  void webhooks_readSecretEventsAndTheExamplesStringActive() {
    JsonNode created = stub("POST", A + "/workspaces/ws/webhooks", "webhooks.create");
    JsonNode listed = stub("GET", A + "/workspaces/ws/webhooks", "webhooks.index").get(0);
    JsonNode shown = stub("GET", A + "/webhooks/wh", "webhooks.show");
    JsonNode updated = stub("PATCH", A + "/webhooks/wh", "webhooks.update");

    Webhook webhook = account().createWebhook("ws", "My First Webhook", URI.create("https://my.webhook.url.dev"),
        List.of("file.ready"));
    assertThat(webhook.secret()).contains(created.path("secret").asText());
    assertThat(webhook.events()).hasSize(created.path("events").size());
    assertThat(webhook.active()).contains(true); // the document's example writes "true", a string
    assertThat(webhook.workspaceId()).contains(created.path("workspace_id").asText());
    assertThat(account().webhooks("ws").findFirst().orElseThrow().id()).isEqualTo(listed.path("id").asText());
    assertThat(account().webhook("wh").url()).isEqualTo(shown.path("url").asText());
    Webhook off = account().updateWebhook("wh", WebhookUpdate.builder().active(false).build());
    assertThat(off.id()).isEqualTo(updated.path("id").asText());

    wire.verify(postRequestedFor(urlPathEqualTo(A + "/workspaces/ws/webhooks")).withRequestBody(equalToJson(
        "{\"data\":{\"name\":\"My First Webhook\",\"url\":\"https://my.webhook.url.dev\",\"events\":[\"file.ready\"]}}")));
    wire.verify(patchRequestedFor(urlPathEqualTo(A + "/webhooks/wh"))
        .withRequestBody(equalToJson("{\"data\":{\"active\":false}}")));
  }

  @Test
  void metadata_fieldDefinitionsFileValuesAndTheBulkUpdate_readAndSendTheDocumentedShapes() {
    JsonNode listed = stub("GET", A + "/metadata/field_definitions", "metadata.field_definitions.index").get(0);
    JsonNode created = stub("POST", A + "/metadata/field_definitions", "metadata.field_definitions.create");
    JsonNode shown = stub("GET", A + "/files/fi/metadata", "metadata.show");
    wire.stubFor(patch(urlPathEqualTo(A + "/projects/pr/metadata/values")).willReturn(aResponse().withStatus(204)));

    FieldDefinition first = account().metadata().fieldDefinitions().get(0);
    assertThat(first.id()).isEqualTo(listed.path("id").asText());
    assertThat(first.name()).isEqualTo(listed.path("name").asText());
    assertThat(first.fieldType()).isEqualTo(listed.path("field_type").asText());
    assertThat(first.options()).extracting(SelectOption::id).containsExactly(
        listed.at("/field_configuration/options/0/id").asText(), listed.at("/field_configuration/options/1/id").asText());
    FieldDefinition made = account().metadata().createSelectField("PostFlow status",
        List.of("review_uploaded", "review_approved"));
    assertThat(made.id()).isEqualTo(created.path("id").asText());
    List<MetadataField> fields = account().metadata().fileMetadata("fi");
    assertThat(fields).hasSize(shown.path("metadata").size());
    JsonNode select = shown.path("metadata").get(0);
    assertThat(fields.get(0).definitionId()).isEqualTo(select.path("field_definition_id").asText());
    assertThat(fields.get(0).selected()).extracting(SelectOption::displayName)
        .containsExactly(select.at("/value/0/display_name").asText());
    assertThat(fields.get(1).text()).contains(shown.at("/metadata/1/value").asText());
    account().metadata().setSelect("pr", List.of("f1", "f2"), made, "review_approved");

    wire.verify(postRequestedFor(urlPathEqualTo(A + "/metadata/field_definitions")).withRequestBody(equalToJson(
        "{\"data\":{\"name\":\"PostFlow status\",\"field_type\":\"select\",\"field_configuration\":"
            + "{\"enable_add_new\":false,\"options\":[{\"display_name\":\"review_uploaded\"},"
            + "{\"display_name\":\"review_approved\"}]}}}")));
    wire.verify(patchRequestedFor(urlPathEqualTo(A + "/projects/pr/metadata/values")).withRequestBody(equalToJson(
        "{\"data\":{\"file_ids\":[\"f1\",\"f2\"],\"values\":[{\"field_definition_id\":\"" + made.id()
            + "\",\"value\":[\"" + made.option("review_approved").orElseThrow().id() + "\"]}]}}")));
  }

  @Test
  void shares_andACommentById_readTheDocumentedFields() {
    JsonNode created = stub("POST", A + "/projects/pr/shares", "shares.create");
    JsonNode comment = stub("GET", A + "/comments/co", "comments.show");

    Share share = account().shares().createShare("pr", "SC03 review", List.of("fo"), false, java.util.Optional.empty());
    assertThat(share.id()).isEqualTo(created.path("id").asText());
    assertThat(share.shortUrl()).contains(URI.create(created.path("short_url").asText()));
    assertThat(share.expiration()).contains(Instant.parse(created.path("expiration").asText()));
    assertThat(share.passphrase()).contains(created.path("passphrase").asText());
    assertThat(share.toString()).doesNotContain(created.path("passphrase").asText());
    Comment shown = account().comment("co");
    assertThat(shown.fileId()).contains(comment.path("file_id").asText());
    assertThat(shown.timestamp()).contains(comment.path("timestamp").asText());

    wire.verify(postRequestedFor(urlPathEqualTo(A + "/projects/pr/shares")).withRequestBody(equalToJson(
        "{\"data\":{\"type\":\"asset\",\"name\":\"SC03 review\",\"access\":\"public\","
            + "\"downloading_enabled\":false,\"asset_ids\":[\"fo\"]}}")));
    wire.verify(getRequestedFor(urlPathEqualTo(A + "/comments/co")).withQueryParam("include", equalTo("owner")));
  }

  private static void assertCommon(Asset asset, JsonNode json) {
    assertThat(asset.id()).isEqualTo(json.path("id").asText());
    assertThat(asset.name()).isEqualTo(json.path("name").asText());
    assertThat(asset.parentId()).isEqualTo(Json.text(json, "parent_id"));
    assertThat(asset.projectId()).isEqualTo(Json.text(json, "project_id"));
    assertThat(asset.viewUrl()).isEqualTo(Json.text(json, "view_url"));
    assertThat(asset.createdAt()).isEqualTo(Json.instant(json, "created_at"));
  }

  private static void assertFile(FileAsset file, JsonNode json) {
    assertCommon(file, json);
    assertThat(file.fileSize()).hasValue(json.path("file_size").asLong());
    assertThat(file.mediaType()).contains(json.path("media_type").asText());
    assertThat(file.status()).isEqualTo(RemoteFileStatus.fromWire(json.path("status").asText()));
  }

  /** Answers {@code method path} with the document's example for {@code operationId}; returns its data. */
  private JsonNode stub(String method, String path, String operationId) {
    String resource = "/openapi-examples/" + operationId + ".json";
    try (InputStream in = getClass().getResourceAsStream(resource)) {
      JsonNode example = Json.parse(in.readAllBytes());
      if (example.path("links").has("next")) {
        // the examples' next links are placeholders ("/v4/accounts/123/..."): make each the last page
        ((ObjectNode) example.path("links")).putNull("next");
      }
      byte[] body = Json.bytes(example);
      int status = operationId.equals("files.create_remote_upload") ? 202
          : method.equals("POST") ? 201 : 200;
      var request = switch (method) {
        case "GET" -> get(urlPathEqualTo(path));
        case "POST" -> post(urlPathEqualTo(path));
        default -> patch(urlPathEqualTo(path));
      };
      wire.stubFor(request.willReturn(aResponse().withStatus(status)
          .withHeader("Content-Type", "application/json").withBody(body)));
      return example.path("data");
    } catch (IOException e) {
      throw new UncheckedIOException(resource, e);
    }
  }
}
