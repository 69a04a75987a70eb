package io.postflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ApiConventionsTest extends SandboxTestSupport {

  @Test
  void me_withValidToken_returnsUserInEnvelope() {
    HttpResponse<String> r = http.get("/v4/me");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode me = SandboxHttp.data(r);
    assertThat(me.get("id").asText()).isNotBlank();
    assertThat(me.has("email")).isTrue();
    assertThat(me.has("avatar_url")).isTrue();
    assertThat(r.headers().firstValue("x-request-id")).isPresent();
  }

  @Test
  void anyPath_withoutBearer_is401WithErrorsBody() {
    http.token = null;
    for (String path : new String[] {"/v4/me", http.account() + "/folders/" + sandbox.rootFolderId(), "/v4/nope"}) {
      HttpResponse<String> r = http.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(401);
      assertThat(SandboxHttp.json(r).get("errors").get(0).get("detail").asText()).isNotBlank();
      assertThat(r.headers().firstValue("x-request-id")).isPresent();
    }
  }

  @Test
  void anyPath_withUnknownToken_is401() {
    http.token = "not-a-token";
    assertThat(http.get("/v4/me").statusCode()).isEqualTo(401);
  }

  @Test
  void accountsWorkspacesProjects_describeTheSeededTree() {
    JsonNode accounts = SandboxHttp.json(http.get("/v4/accounts"));
    assertThat(accounts.get("data").get(0).get("id").asText()).isEqualTo(sandbox.accountId());
    assertThat(accounts.get("links").get("next").isNull()).isTrue();
    assertThat(accounts.has("total_count")).isTrue();

    JsonNode workspaces = SandboxHttp.data(http.get(http.account() + "/workspaces"));
    assertThat(workspaces.get(0).get("id").asText()).isEqualTo(sandbox.workspaceId());
    assertThat(workspaces.get(0).get("account_id").asText()).isEqualTo(sandbox.accountId());

    JsonNode projects = SandboxHttp.data(http.get(http.account() + "/workspaces/" + sandbox.workspaceId() + "/projects"));
    assertThat(projects).hasSize(1);
    assertThat(projects.get(0).get("root_folder_id").asText()).isEqualTo(sandbox.rootFolderId());

    JsonNode project = SandboxHttp.data(http.get(http.account() + "/projects/" + sandbox.projectId()));
    assertThat(project.get("workspace_id").asText()).isEqualTo(sandbox.workspaceId());
    assertThat(project.get("status").asText()).isEqualTo("active");
  }

  @Test
  void createProject_appearsInProjectList() {
    SandboxProject second = sandbox.createProject("Second");
    JsonNode projects = SandboxHttp.data(http.get(http.account() + "/workspaces/" + sandbox.workspaceId() + "/projects"));
    assertThat(projects).extracting(p -> p.get("id").asText()).containsExactly(sandbox.projectId(), second.id());
    assertThat(http.get(http.account() + "/folders/" + second.rootFolderId()).statusCode()).isEqualTo(200);
  }

  @Test
  void unknownIds_andOtherAccounts_are404() {
    String random = UUID.randomUUID().toString();
    assertThat(http.get(http.account() + "/folders/" + random).statusCode()).isEqualTo(404);
    assertThat(http.get(http.account() + "/projects/" + random).statusCode()).isEqualTo(404);
    assertThat(http.get("/v4/accounts/" + random + "/folders/" + sandbox.rootFolderId()).statusCode()).isEqualTo(404);
    assertThat(http.get("/v4/accounts/" + random + "/workspaces").statusCode()).isEqualTo(404);
    assertThat(http.get(http.account() + "/workspaces/" + random + "/projects").statusCode()).isEqualTo(404);
    assertThat(http.get("/v4/unknown/path").statusCode()).isEqualTo(404);
  }

  @Test
  void pathsOutsideTheApi_are404WithRequestId() {
    HttpResponse<String> r = SandboxHttp.send(HttpRequest.newBuilder(URI.create(sandbox.baseUri() + "/v3/me")).build());
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("x-request-id")).isPresent();
    assertThat(SandboxHttp.json(r).get("errors")).isNotEmpty();
  }

  @Test
  void idsOfAnotherSandbox_are404() {
    try (FrameioSandbox other = FrameioSandbox.builder().rateLimits(false).start()) {
      assertThat(http.get(http.account() + "/folders/" + other.rootFolderId()).statusCode()).isEqualTo(404);
      assertThat(http.get("/v4/accounts/" + other.accountId() + "/folders/" + sandbox.rootFolderId()).statusCode())
          .isEqualTo(404);
    }
  }

  @Test
  void wrongMethod_is405WithAllow() {
    HttpResponse<String> r = http.delete("/v4/me");
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).contains("GET");
    assertThat(SandboxHttp.json(r).has("errors")).isTrue();
  }

  @Test
  void malformedJson_is400_andWrongWrapper_is422() {
    String folders = http.account() + "/folders/" + sandbox.rootFolderId() + "/folders";
    assertThat(http.post(folders, "{\"data\":").statusCode()).isEqualTo(400);

    HttpResponse<String> noWrapper = http.post(folders, "{\"name\":\"x\"}");
    assertThat(noWrapper.statusCode()).isEqualTo(422);
    assertThat(pointer(noWrapper)).isEqualTo("/name");

    HttpResponse<String> dataNotObject = http.post(folders, "{\"data\":\"x\"}");
    assertThat(dataNotObject.statusCode()).isEqualTo(422);
    assertThat(pointer(dataNotObject)).isEqualTo("/data");

    HttpResponse<String> unknownField = http.post(folders, "{\"data\":{\"name\":\"x\",\"color\":\"red\"}}");
    assertThat(unknownField.statusCode()).isEqualTo(422);
    assertThat(pointer(unknownField)).isEqualTo("/data/color");
  }

  @Test
  void everyAnswer_carriesRequestIdAndRateLimitHeaders() {
    for (HttpResponse<String> r : new HttpResponse[] {http.get("/v4/me"), http.get("/v4/nope"),
        http.delete("/v4/me")}) {
      assertThat(r.headers().firstValue("x-request-id")).isPresent();
      assertThat(r.headers().firstValue("x-ratelimit-limit")).isPresent();
      assertThat(r.headers().firstValue("x-ratelimit-remaining")).isPresent();
      assertThat(r.headers().firstValue("x-ratelimit-window")).isPresent();
    }
  }

  @Test
  void ims_isServedUnderImsBaseUri() {
    HttpResponse<String> r = SandboxHttp.send(HttpRequest.newBuilder(
        URI.create(sandbox.imsBaseUri() + "/.well-known/openid-configuration")).GET().build());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-request-id")).isPresent();
    assertThat(sandbox.clientId()).isNotBlank();
    assertThat(sandbox.clientSecret()).isNotBlank();
  }

  static String pointer(HttpResponse<String> r) {
    return SandboxHttp.json(r).get("errors").get(0).get("source").get("pointer").asText();
  }
}
