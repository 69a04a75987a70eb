package io.postflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Folder listings come in the documented sort order, and cursors survive deletes (keyset). */
class ListingOrderTest extends SandboxTestSupport {
  private String children() {
    return http.account() + "/folders/" + sandbox.rootFolderId() + "/children";
  }

  private List<String> names(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    SandboxHttp.data(r).forEach(n -> names.add(n.get("name").asText()));
    return names;
  }

  @Test
  void children_areByName_notByCreation_soTheLastIsNotTheNewest() {
    for (String name : List.of("SC02", "SC03", "SC01")) {
      http.createFolder(sandbox.rootFolderId(), name);
    }
    List<String> listed = names(http.get(children()));
    assertThat(listed).containsExactly("SC01", "SC02", "SC03");
    assertThat(listed.get(listed.size() - 1)).isNotEqualTo("SC01"); // SC01 is the newest
  }

  @Test
  void filesList_honoursTheDocumentedSortValues_andRefusesOthers() {
    for (String name : List.of("b.mov", "c.mov", "a.mov")) {
      http.localUpload(sandbox.rootFolderId(), name, name.equals("c.mov") ? 5 : 1);
    }
    String files = http.account() + "/folders/" + sandbox.rootFolderId() + "/files";
    assertThat(names(http.get(files))).containsExactly("a.mov", "b.mov", "c.mov");
    assertThat(names(http.get(files + "?sort=created_at_desc"))).containsExactly("a.mov", "c.mov", "b.mov");
    assertThat(names(http.get(files + "?sort=created_at_asc"))).containsExactly("b.mov", "c.mov", "a.mov");
    assertThat(names(http.get(files + "?sort=file_size_desc")).get(0)).isEqualTo("c.mov");
    assertThat(names(http.get(files + "?sort=name_desc"))).containsExactly("c.mov", "b.mov", "a.mov");
    HttpResponse<String> bad = http.get(files + "?sort=newest");
    assertThat(bad.statusCode()).isEqualTo(422);
    assertThat(bad.body()).contains("/sort").contains("name_asc");
  }

  @Test
  void cursor_afterADeleteOfAServedItem_neitherSkipsNorRepeats() {
    List<String> ids = new ArrayList<>();
    for (String name : List.of("SC01", "SC02", "SC03", "SC04")) {
      ids.add(http.createFolder(sandbox.rootFolderId(), name));
    }
    HttpResponse<String> first = http.get(children() + "?page_size=2");
    assertThat(names(first)).containsExactly("SC01", "SC02");
    String next = SandboxHttp.json(first).get("links").get("next").asText();

    assertThat(http.delete(http.account() + "/folders/" + ids.get(0)).statusCode()).isEqualTo(204);
    assertThat(names(http.get(next + "&page_size=2"))).containsExactly("SC03", "SC04");

    // the item the cursor names is gone too: the next page still starts right after where it was
    assertThat(http.delete(http.account() + "/folders/" + ids.get(1)).statusCode()).isEqualTo(204);
    assertThat(names(http.get(next + "&page_size=2"))).containsExactly("SC03", "SC04");
  }

  @Test
  void cursor_isOpaqueAndAForgedOneIs422() {
    http.createFolder(sandbox.rootFolderId(), "SC01");
    http.createFolder(sandbox.rootFolderId(), "SC02");
    JsonNode page = SandboxHttp.json(http.get(children() + "?page_size=1"));
    assertThat(page.get("links").get("next").asText()).doesNotContain("SC01");
    assertThat(http.get(children() + "?after=bm90LWEtY3Vyc29y").statusCode()).isEqualTo(422);
  }
}
