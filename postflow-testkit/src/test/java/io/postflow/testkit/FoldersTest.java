package io.postflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FoldersTest extends SandboxTestSupport {
  private String root;

  @BeforeEach
  void start() {
    root = sandbox.rootFolderId();
  }

  @Test
  void createFolder_returns201WithTheFolder_andShowFindsIt() {
    HttpResponse<String> created = http.post(http.account() + "/folders/" + root + "/folders",
        "{\"data\":{\"name\":\"SHOTS\"}}");
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode folder = SandboxHttp.data(created);
    assertThat(folder.get("type").asText()).isEqualTo("folder");
    assertThat(folder.get("parent_id").asText()).isEqualTo(root);
    assertThat(folder.get("project_id").asText()).isEqualTo(sandbox.projectId());
    for (String field : List.of("id", "name", "created_at", "updated_at", "view_url", "cover_file_id")) {
      assertThat(folder.has(field)).as(field).isTrue();
    }
    JsonNode shown = SandboxHttp.data(http.get(http.account() + "/folders/" + folder.get("id").asText()));
    assertThat(shown.get("name").asText()).isEqualTo("SHOTS");
  }

  @Test
  void createFolder_withSameNameTwice_makesTwoSiblings() {
    String a = http.createFolder(root, "DUP");
    String b = http.createFolder(root, "DUP");
    assertThat(a).isNotEqualTo(b);
    JsonNode children = SandboxHttp.data(http.get(http.account() + "/folders/" + root + "/folders"));
    assertThat(children).extracting(c -> c.get("name").asText()).containsExactly("DUP", "DUP");
  }

  @Test
  void createFolder_withBadNames_is422NamingTheField() {
    String path = http.account() + "/folders/" + root + "/folders";
    for (String body : List.of("{\"data\":{\"name\":\"\"}}", "{\"data\":{}}", "{\"data\":{\"name\":7}}",
        "{\"data\":{\"name\":\"" + "x".repeat(256) + "\"}}")) {
      HttpResponse<String> r = http.post(path, body);
      assertThat(r.statusCode()).as(body).isEqualTo(422);
      assertThat(ApiConventionsTest.pointer(r)).isEqualTo("/data/name");
    }
    assertThat(http.post(path, "{\"data\":{\"name\":\"" + "x".repeat(255) + "\"}}").statusCode()).isEqualTo(201);
  }

  @Test
  void createFolder_inUnknownFolder_is404() {
    assertThat(http.post(http.account() + "/folders/" + java.util.UUID.randomUUID() + "/folders",
        "{\"data\":{\"name\":\"x\"}}").statusCode()).isEqualTo(404);
  }

  @Test
  void children_filterByType_andTypedLists() {
    String folder = http.createFolder(root, "F");
    JsonNode upload = http.localUpload(root, "clip.mov", 10);
    JsonNode all = SandboxHttp.data(http.get(http.account() + "/folders/" + root + "/children"));
    assertThat(all).extracting(c -> c.get("type").asText()).containsExactly("folder", "file");

    JsonNode files = SandboxHttp.data(http.get(http.account() + "/folders/" + root + "/children?type=file"));
    assertThat(files).extracting(c -> c.get("id").asText()).containsExactly(upload.get("id").asText());
    JsonNode both = SandboxHttp.data(http.get(http.account() + "/folders/" + root + "/children?type=file,folder"));
    assertThat(both).hasSize(2);
    assertThat(SandboxHttp.data(http.get(http.account() + "/folders/" + root + "/folders")))
        .extracting(c -> c.get("id").asText()).containsExactly(folder);
    assertThat(SandboxHttp.data(http.get(http.account() + "/folders/" + root + "/files"))).hasSize(1);
    assertThat(SandboxHttp.data(http.get(http.account() + "/folders/" + root + "/version_stacks"))).isEmpty();
    assertThat(http.get(http.account() + "/folders/" + root + "/children?type=album").statusCode()).isEqualTo(422);
  }

  @Test
  void children_paginate_nextLinkCarriesOnlyTheCursor() {
    for (int i = 0; i < 7; i++) {
      http.createFolder(root, "F" + i);
    }
    http.localUpload(root, "a.mov", 5);
    List<String> names = new ArrayList<>();
    String query = "page_size=3&type=folder&include_total_count=true";
    String next = http.account() + "/folders/" + root + "/children?" + query;
    int pages = 0;
    while (next != null) {
      JsonNode page = SandboxHttp.json(http.get(next));
      pages++;
      assertThat(page.get("total_count").asInt()).isEqualTo(7);
      page.get("data").forEach(f -> names.add(f.get("name").asText()));
      JsonNode link = page.get("links").get("next");
      if (link.isNull()) {
        next = null;
      } else {
        assertThat(link.asText()).startsWith("/v4/accounts/").contains("after=")
            .doesNotContain("page_size").doesNotContain("type=").doesNotContain("include_total_count");
        next = link.asText() + "&" + query; // the client re-appends its query, as it must on Frame.io
      }
    }
    assertThat(pages).isEqualTo(3);
    assertThat(names).containsExactly("F0", "F1", "F2", "F3", "F4", "F5", "F6");
  }

  @Test
  void pagination_defaults_andLimits() {
    for (int i = 0; i < 51; i++) {
      http.createFolder(root, "F" + i);
    }
    JsonNode first = SandboxHttp.json(http.get(http.account() + "/folders/" + root + "/children"));
    assertThat(first.get("data")).hasSize(50);
    assertThat(first.get("total_count").isNull()).isTrue();
    assertThat(first.get("links").get("next").isNull()).isFalse();
    assertThat(http.get(http.account() + "/folders/" + root + "/children?page_size=500").statusCode()).isEqualTo(200);
    assertThat(http.get(http.account() + "/folders/" + root + "/children?page_size=501").statusCode()).isEqualTo(422);
    assertThat(http.get(http.account() + "/folders/" + root + "/children?page_size=0").statusCode()).isEqualTo(422);
    assertThat(http.get("/v4/accounts?page_size=101").statusCode()).isEqualTo(422);
    assertThat(http.get("/v4/accounts?page_size=100").statusCode()).isEqualTo(200);
    assertThat(http.get(http.account() + "/folders/" + root + "/children?after=garbage!").statusCode())
        .isEqualTo(422);
  }
}
