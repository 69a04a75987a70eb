package io.postflow.frameio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.postflow.api.InvalidInputException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Creates whose answer was lost: the client looks before it repeats them. */
class CreateChecksTest extends WireMockSupport {
  private static final String STACKS = "/v4/accounts/acc-1/folders/fo-1/version_stacks";

  private static String stackJson(String id) {
    return "{\"id\":\"" + id + "\",\"name\":\"vs\",\"type\":\"version_stack\",\"parent_id\":\"fo-1\"}";
  }

  @Test
  void createVersionStack_whenTheAnswerIsLostButTheStackExists_returnsItWithoutASecondPost() {
    wire.stubFor(post(urlEqualTo(STACKS)).willReturn(aResponse().withStatus(503)));
    wire.stubFor(get(urlEqualTo("/v4/accounts/acc-1/files/v2")).willReturn(okJson(data(fileJson("v2", "vs-1", "uploaded")))));
    wire.stubFor(get(urlEqualTo("/v4/accounts/acc-1/version_stacks/vs-1")).willReturn(okJson(data(stackJson("vs-1")))));

    VersionStack stack = account().createVersionStack("fo-1", List.of("v1", "v2"));

    assertThat(stack.id()).isEqualTo("vs-1");
    wire.verify(1, postRequestedFor(urlEqualTo(STACKS)).withRequestBody(equalToJson("{\"data\":{\"file_ids\":[\"v1\",\"v2\"]}}")));
  }

  @Test
  void createVersionStack_whenTheAnswerIsLostAndNothingHappened_postsAgain() {
    wire.stubFor(post(urlEqualTo(STACKS)).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
        .willSetStateTo("up").willReturn(aResponse().withStatus(500)));
    wire.stubFor(post(urlEqualTo(STACKS)).inScenario("s").whenScenarioStateIs("up")
        .willReturn(aResponse().withStatus(201).withBody(data(stackJson("vs-2")))));
    wire.stubFor(get(urlEqualTo("/v4/accounts/acc-1/files/v2")).willReturn(okJson(data(fileJson("v2", "fo-1", "uploaded")))));

    assertThat(account().createVersionStack("fo-1", List.of("v1", "v2")).id()).isEqualTo("vs-2");
    wire.verify(2, postRequestedFor(urlEqualTo(STACKS)));
  }

  @Test
  void createWebhook_whenTheAnswerIsLost_deletesTheSecretlessOrphanAndCreatesAgain() {
    String hooks = "/v4/accounts/acc-1/workspaces/ws/webhooks";
    wire.stubFor(post(urlEqualTo(hooks)).inScenario("w").whenScenarioStateIs(Scenario.STARTED)
        .willSetStateTo("up").willReturn(aResponse().withStatus(502)));
    wire.stubFor(post(urlEqualTo(hooks)).inScenario("w").whenScenarioStateIs("up")
        .willReturn(aResponse().withStatus(201).withBody(data("{\"id\":\"w2\",\"name\":\"pf\",\"url\":\"https://h/x\","
            + "\"events\":[\"file.ready\"],\"secret\":\"sek\"}"))));
    // the lost attempt did create w1 (just now, on the client's clock); an older namesake is left alone
    wire.stubFor(get(urlPathEqualTo(hooks)).willReturn(okJson("{\"data\":["
        + "{\"id\":\"w1\",\"name\":\"pf\",\"url\":\"https://h/x\",\"events\":[\"file.ready\"],\"created_at\":\"2026-01-01T00:00:20Z\"},"
        + "{\"id\":\"w0\",\"name\":\"pf\",\"url\":\"https://h/x\",\"events\":[\"file.ready\"],\"created_at\":\"2025-06-01T00:00:00Z\"}"
        + "],\"links\":{\"next\":null}}")));
    wire.stubFor(delete(urlEqualTo("/v4/accounts/acc-1/webhooks/w1")).willReturn(aResponse().withStatus(204)));

    Webhook webhook = account().createWebhook("ws", "pf", URI.create("https://h/x"), List.of("file.ready"));

    assertThat(webhook.secret()).contains("sek");
    wire.verify(1, deleteRequestedFor(urlEqualTo("/v4/accounts/acc-1/webhooks/w1")));
    wire.verify(0, deleteRequestedFor(urlEqualTo("/v4/accounts/acc-1/webhooks/w0")));
    wire.verify(2, postRequestedFor(urlEqualTo(hooks)));
  }

  @Test
  void createComment_whenTheAnswerIsLostButTheCommentIsThere_returnsIt() {
    String comments = "/v4/accounts/acc-1/files/f/comments";
    wire.stubFor(post(urlPathEqualTo(comments)).willReturn(aResponse().withStatus(500)));
    wire.stubFor(get(urlPathEqualTo(comments)).willReturn(okJson("{\"data\":[{\"id\":\"c1\",\"text\":\"Too dark\","
        + "\"timestamp\":\"00:00:02:12\",\"created_at\":\"2026-01-01T00:00:10Z\"}],\"links\":{\"next\":null}}")));

    Comment comment = account().createComment("f", "Too dark", "00:00:02:12");

    assertThat(comment.id()).isEqualTo("c1");
    wire.verify(1, postRequestedFor(urlPathEqualTo(comments)));
  }

  @Test
  void createComment_rejectsATimecodeThatIsNotHhMmSsFf() {
    assertThatThrownBy(() -> account().createComment("f", "x", "2.5s"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("timecode");
  }

  @Test
  void stackVersion_whenThePreviousVersionIsInAStack_movesTheNewOneIntoIt() {
    wire.stubFor(get(urlEqualTo("/v4/accounts/acc-1/files/v2")).willReturn(okJson(data(fileJson("v2", "vs-1", "transcoded")))));
    wire.stubFor(get(urlEqualTo("/v4/accounts/acc-1/files/v3")).willReturn(okJson(data(fileJson("v3", "fo-1", "uploaded")))));
    wire.stubFor(get(urlEqualTo("/v4/accounts/acc-1/version_stacks/vs-1")).willReturn(okJson(data(stackJson("vs-1")))));
    wire.stubFor(com.github.tomakehurst.wiremock.client.WireMock.patch(urlEqualTo("/v4/accounts/acc-1/files/v3/move"))
        .willReturn(okJson(data(fileJson("v3", "vs-1", "uploaded")))));

    assertThat(account().stackVersion("v2", "v3").id()).isEqualTo("vs-1");
    wire.verify(patchRequestedFor(urlEqualTo("/v4/accounts/acc-1/files/v3/move"))
        .withRequestBody(equalToJson("{\"data\":{\"parent_id\":\"vs-1\"}}")));
    wire.verify(0, postRequestedFor(urlPathEqualTo(STACKS)));
  }

  @Test
  void stackVersion_whenTheFilesAreInDifferentFolders_saysSo() {
    wire.stubFor(get(urlEqualTo("/v4/accounts/acc-1/files/v1")).willReturn(okJson(data(fileJson("v1", "fo-A", "uploaded")))));
    wire.stubFor(get(urlEqualTo("/v4/accounts/acc-1/files/v2")).willReturn(okJson(data(fileJson("v2", "fo-B", "uploaded")))));
    wire.stubFor(get(urlEqualTo("/v4/accounts/acc-1/version_stacks/fo-A")).willReturn(aResponse().withStatus(404)));

    assertThatThrownBy(() -> account().stackVersion("v1", "v2"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("no version stack");
  }
}
