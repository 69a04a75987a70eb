package io.postflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every answer PostFlow relies on, checked field by field against Frame.io's OpenAPI document:
 * status code, envelope, each required field present, each present field of the documented JSON
 * type and (where the document lists them) values, null only where the document says nullable, and no
 * field the document does not list.
 * {@code openapi-fields.json} holds those facts per operation, extracted from the document (the
 * document itself stays outside the repository).
 */
class DocumentConformanceTest extends SandboxTestSupport {
  private static final JsonNode SPEC = load("/openapi-fields.json");

  private final List<String> problems = new ArrayList<>();
  private String folder;

  @Override
  FrameioSandbox.Builder configure(FrameioSandbox.Builder builder) {
    return builder.remoteSources(RemoteSourceRules.lenient()); // the shape check pulls from loopback HTTP
  }

  @BeforeEach
  void folder() {
    folder = http.createFolder(sandbox.rootFolderId(), "Conformance");
  }

  @Test
  void userAccountsWorkspacesProjects_matchTheDocument() {
    String a = http.account();
    check("users.show", http.get("/v4/me"));
    check("accounts.index", http.get("/v4/accounts"));
    check("workspaces.index", http.get(a + "/workspaces"));
    check("projects.index", http.get(a + "/workspaces/" + sandbox.workspaceId() + "/projects"));
    check("projects.show", http.get(a + "/projects/" + sandbox.projectId()));
    assertThat(problems).isEmpty();
  }

  @Test
  void foldersFilesAndVersionStacks_matchTheDocument() {
    String a = http.account();
    check("folders.create", http.post(a + "/folders/" + folder + "/folders", "{\"data\":{\"name\":\"Sub\"}}"));
    check("folders.update", http.patch(a + "/folders/" + folder, "{\"data\":{\"name\":\"Renamed\"}}"));
    check("folders.show", http.get(a + "/folders/" + folder));
    HttpResponse<String> local = http.post(a + "/folders/" + folder + "/files/local_upload",
        "{\"data\":{\"name\":\"A_v001.mov\",\"file_size\":3}}");
    check("files.create_local_upload", local);
    JsonNode first = SandboxHttp.data(local);
    SandboxHttp.putAll(first, new byte[] {1, 2, 3});
    String second = upload("A_v002.mov");
    String fileId = first.get("id").asText();
    check("files.show", http.get(a + "/files/" + fileId + "?include=media_links.original"));
    check("files.show_file_upload_status", http.get(a + "/files/" + fileId + "/status"));
    check("files.update", http.patch(a + "/files/" + fileId, "{\"data\":{\"name\":\"A_v001b.mov\"}}"));
    HttpResponse<String> stack = http.post(a + "/folders/" + folder + "/version_stacks",
        "{\"data\":{\"file_ids\":[\"" + fileId + "\",\"" + second + "\"]}}");
    check("version_stacks.create", stack);
    String stackId = SandboxHttp.data(stack).get("id").asText();
    check("version_stacks.show", http.get(a + "/version_stacks/" + stackId));
    check("version_stacks.index", http.get(a + "/version_stacks/" + stackId + "/children"));
    check("files.move", http.patch(a + "/files/" + upload("B.mov") + "/move",
        "{\"data\":{\"parent_id\":\"" + folder + "\"}}"));
    check("folders.index", http.get(a + "/folders/" + folder + "/children?include_total_count=true"));
    check("folders.list", http.get(a + "/folders/" + folder + "/folders"));
    check("files.list", http.get(a + "/folders/" + folder + "/files"));
    check("version_stacks.list", http.get(a + "/folders/" + folder + "/version_stacks"));
    check("files.create_remote_upload", http.post(a + "/folders/" + folder + "/files/remote_upload",
        "{\"data\":{\"name\":\"R.mov\",\"source_url\":\"http://127.0.0.1:9/R.mov\"}}"));
    assertThat(problems).isEmpty();
  }

  @Test
  void commentsAndWebhooks_matchTheDocument() {
    String a = http.account();
    String file = upload("C.mov");
    check("comments.create", http.post(a + "/files/" + file + "/comments",
        "{\"data\":{\"text\":\"Too dark\",\"timestamp\":\"00:00:02:12\",\"duration\":10}}"));
    check("comments.create", http.post(a + "/files/" + file + "/comments", "{\"data\":{\"text\":\"Fine\"}}"));
    check("comments.index", http.get(a + "/files/" + file + "/comments"));
    HttpResponse<String> created = http.post(a + "/workspaces/" + sandbox.workspaceId() + "/webhooks",
        "{\"data\":{\"name\":\"hook\",\"url\":\"https://example.com/hook\",\"events\":[\"file.ready\"]}}");
    check("webhooks.create", created);
    String hook = SandboxHttp.data(created).get("id").asText();
    check("webhooks.index", http.get(a + "/workspaces/" + sandbox.workspaceId() + "/webhooks"));
    check("webhooks.show", http.get(a + "/webhooks/" + hook));
    check("webhooks.update", http.patch(a + "/webhooks/" + hook, "{\"data\":{\"active\":false}}"));
    assertThat(problems).isEmpty();
  }

  @Test
  void metadataSharesAndCommentShow_matchTheDocument() {
    String a = http.account();
    String file = upload("M.mov");
    HttpResponse<String> definition = http.post(a + "/metadata/field_definitions", "{\"data\":{\"name\":\"Status\","
        + "\"field_type\":\"select\",\"field_configuration\":{\"options\":[{\"display_name\":\"ok\"}]}}}");
    check("metadata.field_definitions.create", definition);
    check("metadata.field_definitions.index", http.get(a + "/metadata/field_definitions?include=creator"));
    JsonNode field = SandboxHttp.data(definition);
    http.patch(a + "/projects/" + sandbox.projectId() + "/metadata/values", "{\"data\":{\"file_ids\":[\"" + file
        + "\"],\"values\":[{\"field_definition_id\":\"" + field.get("id").asText() + "\",\"value\":[\""
        + field.at("/field_configuration/options/0/id").asText() + "\"]}]}}");
    check("metadata.show", http.get(a + "/files/" + file + "/metadata"));
    HttpResponse<String> share = http.post(a + "/projects/" + sandbox.projectId() + "/shares", "{\"data\":{"
        + "\"type\":\"asset\",\"name\":\"Review\",\"access\":\"public\",\"asset_ids\":[\"" + folder + "\"]}}");
    check("shares.create", share);
    check("shares.index", http.get(a + "/projects/" + sandbox.projectId() + "/shares"));
    check("shares.show", http.get(a + "/shares/" + SandboxHttp.data(share).get("id").asText()));
    JsonNode comment = SandboxHttp.data(http.post(a + "/files/" + file + "/comments",
        "{\"data\":{\"text\":\"Flare\",\"timestamp\":\"00:00:01:05\"}}"));
    check("comments.show", http.get(a + "/comments/" + comment.get("id").asText() + "?include=owner"));
    assertThat(problems).isEmpty();
  }

  @Test
  void readCalls_acceptExactlyTheDocumentedIncludeValuesAndPageSizes() {
    String a = http.account();
    String file = upload("D_v001.mov");
    String stack = SandboxHttp.data(http.post(a + "/folders/" + folder + "/version_stacks",
        "{\"data\":{\"file_ids\":[\"" + file + "\",\"" + upload("D_v002.mov") + "\"]}}")).get("id").asText();
    String hook = SandboxHttp.data(http.post(a + "/workspaces/" + sandbox.workspaceId() + "/webhooks",
        "{\"data\":{\"name\":\"h\",\"url\":\"https://example.com/h\",\"events\":[\"file.ready\"]}}"))
        .get("id").asText();
    Map<String, String> paths = new java.util.LinkedHashMap<>();
    paths.put("accounts.index", "/v4/accounts");
    paths.put("workspaces.index", a + "/workspaces");
    paths.put("projects.index", a + "/workspaces/" + sandbox.workspaceId() + "/projects");
    paths.put("projects.show", a + "/projects/" + sandbox.projectId());
    paths.put("folders.show", a + "/folders/" + folder);
    paths.put("folders.index", a + "/folders/" + folder + "/children");
    paths.put("folders.list", a + "/folders/" + folder + "/folders");
    paths.put("files.list", a + "/folders/" + folder + "/files");
    paths.put("version_stacks.list", a + "/folders/" + folder + "/version_stacks");
    paths.put("files.show", a + "/files/" + file);
    paths.put("version_stacks.show", a + "/version_stacks/" + stack);
    paths.put("version_stacks.index", a + "/version_stacks/" + stack + "/children");
    paths.put("comments.index", a + "/files/" + file + "/comments");
    paths.put("webhooks.index", a + "/workspaces/" + sandbox.workspaceId() + "/webhooks");
    paths.put("webhooks.show", a + "/webhooks/" + hook);
    for (Map.Entry<String, String> call : paths.entrySet()) {
      JsonNode spec = SPEC.get(call.getKey());
      String path = call.getValue();
      if (spec.has("include")) {
        List<String> all = new ArrayList<>();
        spec.get("include").forEach(value -> all.add(value.asText()));
        expect(call.getKey() + " every documented include", path + "?include=" + String.join(",", all), 200);
        // a value another call takes (media links on a folder list) or none at all
        String other = all.contains("media_links.original") ? "media_links.bogus" : "media_links.original";
        expect(call.getKey() + " include=" + other, path + "?include=" + other, 422);
      }
      if (spec.has("page_size_max")) {
        int max = spec.get("page_size_max").asInt();
        expect(call.getKey() + " page_size=" + max, path + "?page_size=" + max, 200);
        expect(call.getKey() + " page_size=" + (max + 1), path + "?page_size=" + (max + 1), 422);
        expect(call.getKey() + " page_size=0", path + "?page_size=0", 422);
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void deletesAnswer204_andErrorsHaveTheDocumentedShape() {
    String a = http.account();
    String hook = SandboxHttp.data(http.post(a + "/workspaces/" + sandbox.workspaceId() + "/webhooks",
        "{\"data\":{\"name\":\"h\",\"url\":\"https://example.com/h\",\"events\":[\"file.ready\"]}}"))
        .get("id").asText();
    String file = upload("E.mov");
    for (String path : List.of(a + "/files/" + file, a + "/webhooks/" + hook, a + "/folders/" + folder)) {
      HttpResponse<String> deleted = http.delete(path);
      assertThat(deleted.statusCode()).as(path).isEqualTo(204);
      HttpResponse<String> again = http.get(path);
      assertThat(again.statusCode()).as(path).isEqualTo(404);
      errorShape(path, SandboxHttp.json(again));
    }
    HttpResponse<String> invalid = http.post(a + "/folders/" + sandbox.rootFolderId() + "/files/local_upload",
        "{\"data\":{\"name\":\"F.mov\",\"file_size\":0}}");
    assertThat(invalid.statusCode()).isEqualTo(422);
    errorShape("local_upload file_size 0", SandboxHttp.json(invalid));
    assertThat(problems).isEmpty();
  }

  /** {@code {"errors":[{"detail", "title"?, "source":{"pointer"}?}]}}, nothing else in an error. */
  private void errorShape(String where, JsonNode body) {
    JsonNode errors = body.path("errors");
    if (!errors.isArray() || errors.isEmpty()) {
      problems.add(where + ": no errors array in " + body);
      return;
    }
    for (JsonNode error : errors) {
      if (!error.path("detail").isTextual()) {
        problems.add(where + ": error without a detail: " + error);
      }
      error.fieldNames().forEachRemaining(name -> {
        if (!List.of("detail", "title", "source").contains(name)) {
          problems.add(where + ": error member '" + name + "' is not in the document");
        }
      });
      if (error.has("source") && !error.path("source").path("pointer").isTextual()) {
        problems.add(where + ": source without a pointer: " + error);
      }
    }
  }

  private void expect(String what, String pathAndQuery, int status) {
    HttpResponse<String> response = http.get(pathAndQuery);
    if (response.statusCode() != status) {
      problems.add(what + ": " + response.statusCode() + ", documented " + status);
    }
  }

  /** A local upload of three bytes in the test's folder, sent; returns the file id. */
  private String upload(String name) {
    JsonNode upload = http.localUpload(folder, name, 3);
    SandboxHttp.putAll(upload, new byte[] {1, 2, 3});
    return upload.get("id").asText();
  }

  private void check(String operation, HttpResponse<String> response) {
    JsonNode spec = SPEC.get(operation);
    if (response.statusCode() != spec.get("status").asInt()) {
      problems.add(operation + ": status " + response.statusCode() + ", documented " + spec.get("status")
          + " (" + response.body() + ")");
      return;
    }
    JsonNode root = SandboxHttp.json(response);
    for (JsonNode member : spec.get("envelope")) {
      if (!root.has(member.asText())) {
        problems.add(operation + ": no top-level '" + member.asText() + "'");
      }
    }
    JsonNode data = root.path("data");
    for (JsonNode item : spec.get("list").asBoolean() ? data : List.of(data)) {
      JsonNode fields = spec.has("by_type") ? spec.get("by_type").path(item.path("type").asText())
          : spec.get("fields");
      checkObject(operation, item, fields);
      JsonNode head = item.path("head_version");
      if (spec.has("head_version") && head.isObject()) {
        checkObject(operation + " head_version", head, spec.get("head_version"));
      }
      for (JsonNode part : item.path("upload_urls")) {
        checkObject(operation + " upload_urls[]", part, spec.get("upload_urls"));
      }
    }
  }

  private void checkObject(String where, JsonNode item, JsonNode fields) {
    if (fields.isMissingNode() || fields.isEmpty()) {
      problems.add(where + ": no documented shape for " + item);
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      JsonNode rule = field.getValue();
      JsonNode value = item.get(name);
      if (value == null) {
        if (rule.get("required").asBoolean()) {
          problems.add(where + ": required '" + name + "' missing");
        }
      } else if (value.isNull()) {
        if (!rule.get("nullable").asBoolean()) {
          problems.add(where + ": '" + name + "' is null but not nullable");
        }
      } else if (!typed(value, rule.get("types"))) {
        problems.add(where + ": '" + name + "' is " + value.getNodeType() + ", documented " + rule.get("types"));
      } else if (rule.has("enum") && !contains(rule.get("enum"), value)) {
        problems.add(where + ": '" + name + "' is " + value + ", documented one of " + rule.get("enum"));
      }
    }
    for (Iterator<String> names = item.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!fields.has(name)) {
        problems.add(where + ": '" + name + "' is not in the document");
      }
    }
  }

  private static boolean contains(JsonNode allowed, JsonNode value) {
    for (JsonNode candidate : allowed) {
      if (candidate.equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean typed(JsonNode value, JsonNode types) {
    for (JsonNode type : types) {
      boolean ok = switch (type.asText()) {
        case "string" -> value.isTextual();
        case "integer" -> value.isIntegralNumber();
        case "number" -> value.isNumber();
        case "boolean" -> value.isBoolean();
        case "array" -> value.isArray();
        case "object" -> value.isObject();
        default -> false;
      };
      if (ok) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode load(String resource) {
    try (InputStream in = DocumentConformanceTest.class.getResourceAsStream(resource)) {
      return SandboxHttp.JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(resource, e);
    }
  }
}
