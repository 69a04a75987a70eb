package io.postflow.frameio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.postflow.api.ServiceException;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The exact requests of updateFolder, deleteFolder and updateFile, and how they are retried. */
class FolderAndFileUpdatesTest extends WireMockSupport {
  private static final String FOLDER = "/v4/accounts/acc-1/folders/fo-1";
  private static final String FILE = "/v4/accounts/acc-1/files/f-1";

  /** Scripts answers for one request in order: the last one stays. */
  private void sequence(Supplier<MappingBuilder> request, ResponseDefinitionBuilder... answers) {
    for (int i = 0; i < answers.length; i++) {
      var mapping = request.get().inScenario("s")
          .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "step-" + i).willReturn(answers[i]);
      if (i + 1 < answers.length) {
        mapping = mapping.willSetStateTo("step-" + (i + 1));
      }
      wire.stubFor(mapping);
    }
  }

  @Test
  void updateFolder_sendsAPatchWithOnlyTheNewName_andReturnsTheFolder() {
    wire.stubFor(patch(urlEqualTo(FOLDER))
        .willReturn(okJson(data(folderJson("fo-1", "SC01_BUS", "2026-01-01T00:00:00Z")))));

    Folder folder = account().updateFolder("fo-1", "SC01_BUS");

    assertThat(folder.id()).isEqualTo("fo-1");
    assertThat(folder.name()).isEqualTo("SC01_BUS");
    wire.verify(1, patchRequestedFor(urlEqualTo(FOLDER))
        .withHeader("Authorization", equalTo("Bearer token-1"))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson("{\"data\":{\"name\":\"SC01_BUS\"}}")));
  }

  @Test
  void updateFile_sendsAPatchWithOnlyTheNewName_andReturnsTheFile() {
    wire.stubFor(patch(urlEqualTo(FILE)).willReturn(okJson(data(fileJson("f-1", "fo-1", "transcoded")))));

    FileAsset file = account().updateFile("f-1", "UNDLM_00042_v002.mov");

    assertThat(file.id()).isEqualTo("f-1");
    wire.verify(1, patchRequestedFor(urlEqualTo(FILE))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson("{\"data\":{\"name\":\"UNDLM_00042_v002.mov\"}}")));
  }

  @Test
  void updates_withBadNames_areRefusedBeforeAnyRequest() {
    for (String bad : new String[] {null, "", "x".repeat(256)}) {
      assertThatThrownBy(() -> account().updateFolder("fo-1", bad))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("newName");
      assertThatThrownBy(() -> account().updateFile("f-1", bad))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("newName");
    }
    assertThatThrownBy(() -> account().deleteFolder(""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("folder_id");
    wire.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void updateFolder_when500Then200_isRetriedAfterThirtySeconds() {
    sequence(() -> patch(urlEqualTo(FOLDER)), aResponse().withStatus(500),
        okJson(data(folderJson("fo-1", "SC01_BUS", "2026-01-01T00:00:00Z"))));

    assertThat(account().updateFolder("fo-1", "SC01_BUS").name()).isEqualTo("SC01_BUS");

    wire.verify(2, patchRequestedFor(urlEqualTo(FOLDER)));
    assertThat(time.sleeps).anySatisfy(wait -> assertThat(wait).isGreaterThanOrEqualTo(Duration.ofSeconds(30)));
  }

  @Test
  void updateFile_whenConnectionResetThen200_isRetried() {
    sequence(() -> patch(urlEqualTo(FILE)), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
        okJson(data(fileJson("f-1", "fo-1", "uploaded"))));

    assertThat(account().updateFile("f-1", "b.mov").id()).isEqualTo("f-1");
    wire.verify(2, patchRequestedFor(urlEqualTo(FILE)));
  }

  @Test
  void updateFolder_when422_isNotRetried_andNamesTheField() {
    wire.stubFor(patch(urlEqualTo(FOLDER)).willReturn(aResponse().withStatus(422).withHeader("Content-Type",
        "application/json").withBody("{\"errors\":[{\"title\":\"Invalid value\",\"detail\":\"name is too long\","
        + "\"source\":{\"pointer\":\"/data/name\"}}]}")));

    assertThatThrownBy(() -> account().updateFolder("fo-1", "A"))
        .isInstanceOf(ServiceException.class)
        .hasMessageContaining("PATCH /v4/accounts/{account_id}/folders/{folder_id}")
        .hasMessageContaining("422").hasMessageContaining("/data/name");
    wire.verify(1, patchRequestedFor(urlEqualTo(FOLDER)));
  }

  @Test
  void deleteFolder_sendsABodilessDelete() {
    wire.stubFor(delete(urlEqualTo(FOLDER)).willReturn(aResponse().withStatus(204)));

    account().deleteFolder("fo-1");

    wire.verify(1, deleteRequestedFor(urlEqualTo(FOLDER))
        .withHeader("Authorization", equalTo("Bearer token-1"))
        .withHeader("Content-Type", absent()));
    assertThat(wire.findAll(deleteRequestedFor(urlEqualTo(FOLDER))).get(0).getBody()).isEmpty();
  }

  @Test
  void deleteFolder_when404OnTheFirstAttempt_throwsResourceNotFound() {
    wire.stubFor(delete(urlEqualTo(FOLDER)).willReturn(aResponse().withStatus(404)));

    assertThatThrownBy(() -> account().deleteFolder("fo-1"))
        .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.attempts()).isEqualTo(1));
    wire.verify(1, deleteRequestedFor(urlEqualTo(FOLDER)));
  }

  @Test
  void deleteFolder_when503Then404_countsAsDone_becauseTheLostAttemptDeletedIt() {
    sequence(() -> delete(urlEqualTo(FOLDER)), aResponse().withStatus(503), aResponse().withStatus(404));

    account().deleteFolder("fo-1");

    wire.verify(2, deleteRequestedFor(urlEqualTo(FOLDER)));
  }

  @Test
  void deleteFolder_whenTheAnswerTimesOutThen404_countsAsDone() {
    client.close();
    client = clientBuilder().attemptTimeout(Duration.ofMillis(300)).build();
    sequence(() -> delete(urlEqualTo(FOLDER)), aResponse().withStatus(204).withFixedDelay(2_000),
        aResponse().withStatus(404));

    account().deleteFolder("fo-1");

    wire.verify(2, deleteRequestedFor(urlEqualTo(FOLDER)));
  }

  @Test
  void deleteFolder_theRootFolder_isRefusedWith409_notRetried() {
    wire.stubFor(any(urlEqualTo(FOLDER)).willReturn(aResponse().withStatus(409).withHeader("Content-Type",
        "application/json").withBody("{\"errors\":[{\"detail\":\"The root folder cannot be deleted\"}]}")));

    assertThatThrownBy(() -> account().deleteFolder("fo-1"))
        .isInstanceOfSatisfying(ServiceException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(409);
          assertThat(e.isRetryable()).isFalse();
        })
        .hasMessageContaining("root folder");
    wire.verify(1, deleteRequestedFor(urlEqualTo(FOLDER)));
  }
}
