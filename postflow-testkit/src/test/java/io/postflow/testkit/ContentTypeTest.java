package io.postflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A JSON body must be labelled {@code application/json}, the only request media type the document declares. */
class ContentTypeTest extends SandboxTestSupport {
  private static final String BODY = "{\"data\":{\"name\":\"SC03\"}}";

  private String folders() {
    return http.account() + "/folders/" + sandbox.rootFolderId() + "/folders";
  }

  @Test
  void post_withoutContentType_is422NamingTheHeader_andCreatesNothing() {
    // java.net.http sends no Content-Type unless told to: the mistake this check exists for
    HttpResponse<String> r = SandboxHttp.send(http.request(folders())
        .POST(HttpRequest.BodyPublishers.ofString(BODY)).build());
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(SandboxHttp.json(r).get("errors").get(0).get("detail").asText())
        .contains("Content-Type: application/json").contains("missing");
    assertThat(sandbox.inspect().tree().children()).isEmpty();
  }

  @Test
  void post_withTextPlain_is422_andPatchToo() {
    HttpResponse<String> r = SandboxHttp.send(http.request(folders()).header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString(BODY)).build());
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.body()).contains("'text/plain'");
    String id = http.createFolder(sandbox.rootFolderId(), "SC03");
    HttpResponse<String> patch = SandboxHttp.send(http.request(http.account() + "/folders/" + id)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"data\":{\"name\":\"SC04\"}}")).build());
    assertThat(patch.statusCode()).isEqualTo(422);
    assertThat(sandbox.inspect().tree().children().get(0).name()).isEqualTo("SC03");
  }

  @Test
  void post_withJsonAndCharset_isAccepted_andBodylessCallsNeedNoContentType() {
    HttpResponse<String> r = SandboxHttp.send(http.request(folders())
        .header("Content-Type", "Application/JSON; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(BODY)).build());
    assertThat(r.statusCode()).isEqualTo(201);
    String id = SandboxHttp.data(r).get("id").asText();
    assertThat(http.get(http.account() + "/folders/" + id).statusCode()).isEqualTo(200);
    assertThat(http.delete(http.account() + "/folders/" + id).statusCode()).isEqualTo(204);
  }
}
