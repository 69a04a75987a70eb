package io.postflow.frameio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.postflow.api.ConfigurationException;
import io.postflow.api.FolderPath;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FrameioStructureManagerTest extends WireMockSupport {
  private static final String ROOT_CHILDREN = "/v4/accounts/acc-1/folders/root/children";

  private FrameioStructureManager manager() {
    return FrameioStructureManager.builder().client(client).accountId(ACCOUNT).ttl(Duration.ofMinutes(5)).build();
  }

  private void listing(String folderId, String... folders) {
    wire.stubFor(get(urlPathEqualTo("/v4/accounts/acc-1/folders/" + folderId + "/children"))
        .willReturn(okJson("{\"data\":[" + String.join(",", folders) + "],\"links\":{\"next\":null}}")));
  }

  private void creates(String parentId, String name, String id) {
    wire.stubFor(post(urlEqualTo("/v4/accounts/acc-1/folders/" + parentId + "/folders"))
        .withRequestBody(equalToJson("{\"data\":{\"name\":\"" + name + "\"}}"))
        .willReturn(aResponse().withStatus(201).withBody(data(folderJson(id, name, "2026-01-01T00:00:00Z")))));
  }

  @Test
  void ensure_createsOnlyTheMissingFoldersTopDown() {
    listing("root", folderJson("wip", "WIP_BYSHOT", "2025-01-01T00:00:00Z"));
    listing("wip");
    creates("wip", "SC01_BUS", "sc1");
    creates("sc1", "UNDLM_00042", "sh42");

    String id = manager().ensure("root", FolderPath.parse("WIP_BYSHOT/SC01_BUS/UNDLM_00042"));

    assertThat(id).isEqualTo("sh42");
    wire.verify(0, postRequestedFor(urlEqualTo("/v4/accounts/acc-1/folders/root/folders")));
    wire.verify(1, postRequestedFor(urlEqualTo("/v4/accounts/acc-1/folders/wip/folders")));
    wire.verify(1, postRequestedFor(urlEqualTo("/v4/accounts/acc-1/folders/sc1/folders")));
    // listed with the folder filter and the largest page; the new SC01 folder is not listed at all
    wire.verify(getRequestedFor(urlPathEqualTo(ROOT_CHILDREN)).withQueryParam("type", equalTo("folder"))
        .withQueryParam("page_size", equalTo("500")));
    wire.verify(0, getRequestedFor(urlPathEqualTo("/v4/accounts/acc-1/folders/sc1/children")));
  }

  @Test
  void ensure_sameAndSiblingPathsAgain_costNoFurtherListings() {
    listing("root", folderJson("wip", "WIP_BYSHOT", "2025-01-01T00:00:00Z"));
    listing("wip", folderJson("sc1", "SC01", "2025-01-01T00:00:00Z"), folderJson("sc2", "SC02", "2025-01-01T00:00:00Z"));
    FrameioStructureManager manager = manager();

    assertThat(manager.ensure("root", FolderPath.parse("WIP_BYSHOT/SC01"))).isEqualTo("sc1");
    assertThat(manager.ensure("root", FolderPath.parse("WIP_BYSHOT/SC01"))).isEqualTo("sc1");
    assertThat(manager.ensure("root", FolderPath.parse("WIP_BYSHOT/SC02"))).isEqualTo("sc2");
    assertThat(manager.ensure("root", FolderPath.root())).isEqualTo("root");

    wire.verify(1, getRequestedFor(urlPathEqualTo(ROOT_CHILDREN)));
    wire.verify(1, getRequestedFor(urlPathEqualTo("/v4/accounts/acc-1/folders/wip/children")));
    wire.verify(0, postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
  }

  @Test
  void ensure_whenTheTtlRunsOut_listsAgain() {
    listing("root", folderJson("wip", "WIP_BYSHOT", "2025-01-01T00:00:00Z"));
    FrameioStructureManager manager = manager();
    manager.ensure("root", FolderPath.parse("WIP_BYSHOT"));
    time.advance(Duration.ofMinutes(6));

    manager.ensure("root", FolderPath.parse("WIP_BYSHOT"));

    wire.verify(2, getRequestedFor(urlPathEqualTo(ROOT_CHILDREN)));
  }

  @Test
  void ensure_whenTwoFoldersShareAName_picksTheOldestEveryTime() {
    listing("root", folderJson("newer", "SC01", "2026-02-01T00:00:00Z"),
        folderJson("older", "SC01", "2025-02-01T00:00:00Z"), folderJson("other", "SC02", "2024-01-01T00:00:00Z"));

    assertThat(manager().ensure("root", FolderPath.parse("SC01"))).isEqualTo("older");
    assertThat(manager().ensure("root", FolderPath.parse("SC01"))).isEqualTo("older");
  }

  @Test
  void ensure_whenACachedFolderWasDeleted_forgetsItAndCreatesThePathAgain() {
    listing("root");
    wire.stubFor(post(urlEqualTo("/v4/accounts/acc-1/folders/root/folders")).inScenario("root")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("second")
        .willReturn(aResponse().withStatus(201).withBody(data(folderJson("sc1", "SC01", "2026-01-01T00:00:00Z")))));
    wire.stubFor(post(urlEqualTo("/v4/accounts/acc-1/folders/root/folders")).inScenario("root")
        .whenScenarioStateIs("second")
        .willReturn(aResponse().withStatus(201).withBody(data(folderJson("sc1b", "SC01", "2026-01-01T00:00:00Z")))));
    creates("sc1", "SH1", "sh1");
    wire.stubFor(post(urlEqualTo("/v4/accounts/acc-1/folders/sc1/folders"))
        .withRequestBody(equalToJson("{\"data\":{\"name\":\"SH2\"}}"))
        .willReturn(aResponse().withStatus(404).withBody("{\"errors\":[{\"detail\":\"Not Found\"}]}")));
    creates("sc1b", "SH2", "sh2");
    FrameioStructureManager manager = manager();
    assertThat(manager.ensure("root", FolderPath.parse("SC01/SH1"))).isEqualTo("sh1");

    // someone deletes SC01 in the web app; the manager still has its id cached
    String id = manager.ensure("root", FolderPath.parse("SC01/SH2"));

    assertThat(id).isEqualTo("sh2");
    wire.verify(2, postRequestedFor(urlEqualTo("/v4/accounts/acc-1/folders/root/folders")));
    wire.verify(2, getRequestedFor(urlPathEqualTo(ROOT_CHILDREN))); // listed again after the 404
    assertThat(manager.ensure("root", FolderPath.parse("SC01"))).isEqualTo("sc1b");
  }

  @Test
  void ensure_whenTheStartingFolderItselfIsGone_throwsNotFound() {
    wire.stubFor(get(urlPathEqualTo(ROOT_CHILDREN)).willReturn(aResponse().withStatus(404)));

    assertThatThrownBy(() -> manager().ensure("root", FolderPath.parse("A/B")))
        .isInstanceOf(ResourceNotFoundException.class);
    // nothing cached was involved, so there is nothing to forget and retry
    wire.verify(1, getRequestedFor(urlPathEqualTo(ROOT_CHILDREN)));
    wire.verify(0, postRequestedFor(urlPathEqualTo("/v4/accounts/acc-1/folders/root/folders")));
  }

  @Test
  void invalidate_forgetsThePathAndItsListings() {
    listing("root", folderJson("wip", "WIP_BYSHOT", "2025-01-01T00:00:00Z"));
    listing("wip", folderJson("sc1", "SC01", "2025-01-01T00:00:00Z"));
    FrameioStructureManager manager = manager();
    manager.ensure("root", FolderPath.parse("WIP_BYSHOT/SC01"));

    manager.invalidate("root", FolderPath.parse("WIP_BYSHOT"));
    manager.ensure("root", FolderPath.parse("WIP_BYSHOT/SC01"));

    wire.verify(2, getRequestedFor(urlPathEqualTo(ROOT_CHILDREN)));
    wire.verify(2, getRequestedFor(urlPathEqualTo("/v4/accounts/acc-1/folders/wip/children")));
  }

  @Test
  void ensure_whenACreateFails_looksAgainBeforeTheNextCreate() {
    listing("root");
    wire.stubFor(post(urlEqualTo("/v4/accounts/acc-1/folders/root/folders")).willReturn(aResponse().withStatus(422)));
    FrameioStructureManager manager = manager();
    assertThatThrownBy(() -> manager.ensure("root", FolderPath.parse("SC01"))).isInstanceOf(io.postflow.api.ServiceException.class);

    assertThatThrownBy(() -> manager.ensure("root", FolderPath.parse("SC01"))).isInstanceOf(io.postflow.api.ServiceException.class);

    wire.verify(2, getRequestedFor(urlPathEqualTo(ROOT_CHILDREN)));
  }

  @Test
  void ensureAsync_cancelledDuringACreate_leavesNothingHalfDoneInTheCache() throws Exception {
    listing("root");
    wire.stubFor(post(urlEqualTo("/v4/accounts/acc-1/folders/root/folders")).inScenario("slow")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("fast")
        .willReturn(aResponse().withStatus(201).withFixedDelay(20_000)
            .withBody(data(folderJson("lost", "SC01", "2026-01-01T00:00:00Z")))));
    wire.stubFor(post(urlEqualTo("/v4/accounts/acc-1/folders/root/folders")).inScenario("slow")
        .whenScenarioStateIs("fast")
        .willReturn(aResponse().withStatus(201).withBody(data(folderJson("sc1", "SC01", "2026-01-01T00:00:00Z")))));
    client = clientBuilder().attemptTimeout(Duration.ofSeconds(30)).build();
    FrameioStructureManager manager = manager();
    java.util.concurrent.CompletableFuture<String> pending = manager.ensureAsync("root", FolderPath.parse("SC01"));
    while (wire.findAll(postRequestedFor(urlEqualTo("/v4/accounts/acc-1/folders/root/folders"))).isEmpty()) {
      Thread.sleep(10);
    }

    assertThat(pending.cancel(true)).isTrue();

    // the cancelled create may have happened: the next ensure looks again before creating
    assertThat(manager.ensure("root", FolderPath.parse("SC01"))).isEqualTo("sc1");
    wire.verify(2, getRequestedFor(urlPathEqualTo(ROOT_CHILDREN)));
  }

  @Test
  void builder_namesTheSettingItRejects() {
    assertThatThrownBy(() -> FrameioStructureManager.builder().accountId("a").build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'client'");
    assertThatThrownBy(() -> FrameioStructureManager.builder().client(client).accountId("a").pageSize(501).build())
        .hasMessageContaining("'pageSize'");
    assertThatThrownBy(() -> FrameioStructureManager.builder().client(client).accountId("a").ttl(Duration.ZERO).build())
        .hasMessageContaining("'ttl'");
  }
}
