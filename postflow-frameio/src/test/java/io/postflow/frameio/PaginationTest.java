package io.postflow.frameio;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PaginationTest extends WireMockSupport {
  private static final String CHILDREN = "/v4/accounts/acc-1/folders/fo-1/children";

  @BeforeEach
  void twoPages() {
    wire.stubFor(get(urlPathEqualTo(CHILDREN)).withQueryParam("after", absent()).willReturn(okJson(
        "{\"data\":[" + folderJson("a", "A", "2026-01-01T00:00:00Z") + ","
            + fileJson("b", "fo-1", "uploaded") + ",{\"id\":\"z\",\"type\":\"hologram\"}],"
            + "\"links\":{\"next\":\"/v4/accounts/acc-1/folders/fo-1/children?after=cursor%2F2\"},"
            + "\"total_count\":3}")));
    wire.stubFor(get(urlPathEqualTo(CHILDREN)).withQueryParam("after", equalTo("cursor/2")).willReturn(okJson(
        "{\"data\":[{\"id\":\"c\",\"name\":\"vs\",\"type\":\"version_stack\",\"parent_id\":\"fo-1\","
            + "\"head_version\":" + fileJson("d", "c", "transcoded") + "}],\"links\":{\"next\":null}}")));
  }

  @Test
  void children_followsRelativeNextLinksAndReappendsTheOriginalQuery() {
    List<Asset> all = account().children("fo-1", null, 2).collect(Collectors.toList());

    assertThat(all).extracting(Asset::id).containsExactly("a", "b", "c"); // unknown type skipped
    assertThat(all).extracting(Asset::type)
        .containsExactly(AssetType.FOLDER, AssetType.FILE, AssetType.VERSION_STACK);
    assertThat(((VersionStack) all.get(2)).headVersion().orElseThrow().id()).isEqualTo("d");
    wire.verify(getRequestedFor(urlPathEqualTo(CHILDREN)).withQueryParam("after", equalTo("cursor/2"))
        .withQueryParam("page_size", equalTo("2")));
  }

  @Test
  void children_withTypeFilter_sendsTheFilterOnEveryPage() {
    account().children("fo-1", AssetType.FOLDER, 500).count();

    wire.verify(2, getRequestedFor(urlPathEqualTo(CHILDREN)).withQueryParam("type", equalTo("folder"))
        .withQueryParam("page_size", equalTo("500")));
  }

  @Test
  void children_isLazy_fetchesTheNextPageOnlyWhenNeeded() {
    Iterator<Asset> iterator = account().children("fo-1", null, 2).iterator();
    assertThat(iterator.next().id()).isEqualTo("a");
    assertThat(iterator.next().id()).isEqualTo("b");
    wire.verify(1, getRequestedFor(urlPathEqualTo(CHILDREN)));

    assertThat(iterator.next().id()).isEqualTo("c");
    assertThat(iterator.hasNext()).isFalse();
    wire.verify(2, getRequestedFor(urlPathEqualTo(CHILDREN)));
  }

  @Test
  void childrenPage_returnsTheCursorAndTotal() {
    Page<Asset> first = account().childrenPage("fo-1", null, 2, Optional.empty());
    assertThat(first.items()).hasSize(2);
    assertThat(first.totalCount()).hasValue(3);
    assertThat(first.next()).contains("/v4/accounts/acc-1/folders/fo-1/children?after=cursor%2F2");

    Page<Asset> second = account().childrenPage("fo-1", null, 2, first.next());
    assertThat(second.items()).extracting(Asset::id).containsExactly("c");
    assertThat(second.hasNext()).isFalse();
    // Frame.io answers total_count: null unless asked (the stub answers it regardless)
    wire.verify(2, getRequestedFor(urlPathEqualTo(CHILDREN)).withQueryParam("include_total_count", equalTo("true")));
  }

  @Test
  void children_rejectsPageSizesFrameioWouldRefuse() {
    assertThatThrownBy(() -> account().children("fo-1", null, 501)).hasMessageContaining("pageSize");
    assertThatThrownBy(() -> account().folders("fo-1", 501)).hasMessageContaining("pageSize");
    assertThatThrownBy(() -> account().versionStacks("fo-1", 0)).hasMessageContaining("pageSize");
  }

  @Test
  void follow_keepsTheLinksOwnParametersAndAddsMissingOnes() {
    ApiRequest first = ApiRequest.of(Endpoint.FOLDER_CHILDREN, "/v4/x")
        .withQuery(new java.util.LinkedHashMap<>(java.util.Map.of("page_size", "500", "type", "folder")));

    ApiRequest next = Pager.follow(first, "/v4/x?after=abc&page_size=500");

    assertThat(next.path()).isEqualTo("/v4/x");
    assertThat(next.query()).containsEntry("after", "abc").containsEntry("type", "folder")
        .containsEntry("page_size", "500").hasSize(3);
  }
}
