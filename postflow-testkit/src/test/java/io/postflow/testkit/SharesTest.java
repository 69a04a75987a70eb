package io.postflow.testkit;

import static io.postflow.testkit.MetadataTest.assertPointer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Shares of a folder: create, show, list, delete, their errors and their limit, by raw HTTP. */
class SharesTest extends SandboxTestSupport {
  private String shares;
  private String folder;

  @BeforeEach
  void paths() {
    shares = http.account() + "/projects/" + sandbox.projectId() + "/shares";
    folder = http.createFolder(sandbox.rootFolderId(), "SC03_BUS");
  }

  @Test
  void createShareOfAFolder_is201_withAShortUrl_andCanBeShownListedAndDeleted() {
    HttpResponse<String> created = http.post(shares, "{\"data\":{\"type\":\"asset\",\"name\":\"SC03 review\","
        + "\"access\":\"public\",\"asset_ids\":[\"" + folder + "\"],\"downloading_enabled\":false}}");

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode share = SandboxHttp.data(created);
    assertThat(share.get("short_url").asText()).matches("https://f\\.io/[A-Za-z0-9]{8}");
    assertThat(share.get("name").asText()).isEqualTo("SC03 review");
    assertThat(share.get("access").asText()).isEqualTo("public");
    assertThat(share.get("enabled").asBoolean()).isTrue();
    assertThat(share.get("downloading_enabled").asBoolean()).isFalse();
    assertThat(share.get("passphrase").isNull()).isTrue();
    for (String field : new String[] {"id", "description", "collection_id", "commenting_enabled", "expiration",
        "last_viewed_at", "created_at", "updated_at"}) {
      assertThat(share.has(field)).as(field).isTrue();
    }
    String one = http.account() + "/shares/" + share.get("id").asText();
    assertThat(SandboxHttp.data(http.get(one)).get("short_url")).isEqualTo(share.get("short_url"));
    assertThat(SandboxHttp.json(http.get(shares)).get("data")).hasSize(1);
    assertThat(http.delete(one).statusCode()).isEqualTo(204);
    assertThat(http.get(one).statusCode()).isEqualTo(404);
  }

  @Test
  void secureShareWithoutPassphrase_getsOneGenerated() {
    JsonNode share = SandboxHttp.data(http.post(shares, "{\"data\":{\"type\":\"asset\",\"name\":\"s\","
        + "\"access\":\"secure\",\"asset_ids\":[\"" + folder + "\"]}}"));
    assertThat(share.get("passphrase").asText()).hasSize(12);
  }

  @Test
  void createShare_invalid_is422NamingTheField_or404ForAnUnknownProject() {
    assertPointer(http.post(shares, "{\"data\":{\"type\":\"asset\",\"access\":\"public\"}}"), "/data/name");
    assertPointer(http.post(shares, "{\"data\":{\"type\":\"link\",\"name\":\"s\",\"access\":\"public\"}}"),
        "/data/type");
    assertPointer(http.post(shares, "{\"data\":{\"type\":\"asset\",\"name\":\"a\\nb\",\"access\":\"public\"}}"),
        "/data/name");
    assertPointer(http.post(shares, "{\"data\":{\"type\":\"asset\",\"name\":\"s\",\"access\":\"everyone\"}}"),
        "/data/access");
    assertPointer(http.post(shares, "{\"data\":{\"type\":\"asset\",\"name\":\"s\",\"access\":\"public\","
        + "\"asset_ids\":[\"00000000-0000-0000-0000-000000000000\"]}}"), "/data/asset_ids/0");
    assertPointer(http.post(shares, "{\"data\":{\"type\":\"asset\",\"name\":\"s\",\"access\":\"public\","
        + "\"expiration\":\"yesterday\"}}"), "/data/expiration");
    assertThat(http.post(http.account() + "/projects/00000000-0000-0000-0000-000000000000/shares",
        "{\"data\":{\"type\":\"asset\",\"name\":\"s\",\"access\":\"public\"}}").statusCode()).isEqualTo(404);
  }

  @Test
  void createShare_eleventhInAMinute_is429() {
    sandbox.close();
    sandbox = FrameioSandbox.builder().clock(ManualClock.at(Instant.parse("2026-01-05T10:00:00Z"))).start();
    http = new SandboxHttp(sandbox);
    shares = http.account() + "/projects/" + sandbox.projectId() + "/shares";
    String body = "{\"data\":{\"type\":\"asset\",\"name\":\"s\",\"access\":\"public\"}}";
    for (int i = 0; i < 10; i++) {
      assertThat(http.post(shares, body).statusCode()).isEqualTo(201);
    }
    HttpResponse<String> limited = http.post(shares, body);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(SandboxHttp.json(limited).at("/errors/0/detail").asText()).contains("shares.create");
  }
}
