package io.postflow.pipeline.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.ShotStatus;
import io.postflow.frameio.FieldDefinition;
import io.postflow.frameio.FrameioAccount;
import io.postflow.frameio.FrameioClient;
import io.postflow.frameio.SelectOption;
import io.postflow.frameio.auth.StaticTokenAuthenticator;
import io.postflow.testkit.FrameioSandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The status field writer on the sandbox, with its documented limit of 10 bulk updates a minute. */
class StatusFieldWriterTest {
  private FrameioSandbox sandbox;
  private FrameioClient client;
  private FrameioAccount account;
  private FieldDefinition field;

  @BeforeEach
  void start() {
    sandbox = FrameioSandbox.builder().start();
    client = FrameioClient.builder().baseUri(sandbox.baseUri())
        .authenticator(StaticTokenAuthenticator.of(sandbox.issueAccessToken())).build();
    account = client.account(sandbox.accountId());
    field = account.metadata().ensureSelectField("PostFlow status",
        ShotStatus.defaults().stream().map(ShotStatus::name).toList());
  }

  @AfterEach
  void stop() {
    client.close();
    sandbox.close();
  }

  @Test
  void aBurstOf30Deliveries_isWrittenInAFewBulkUpdates_andTheLatestStatusOfAFileWins() throws Exception {
    List<String> files = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      files.add(account.createLocalUpload(sandbox.rootFolderId(), String.format("KRAK_%05d_v001.mov", i), 8).file().id());
    }
    try (StatusFieldWriter writer = new StatusFieldWriter(account.metadata(), sandbox.projectId(), field,
        Duration.ofSeconds(10))) {
      for (String file : files) {
        writer.write(file, ShotStatus.REVIEW_UPLOADED);
      }
      writer.write(files.get(0), ShotStatus.REVIEW_APPROVED);
      writer.write(files.get(1), ShotStatus.blocked(ShotStatus.AE_READY)); // not an option: the field keeps its value
      assertThat(writer.wroteLast(files.get(0), "review_approved")).isTrue();
      assertThat(writer.wroteLast(files.get(0), "review_uploaded")).isFalse();
    }

    assertThat(value(files.get(0))).isEqualTo("review_approved");
    for (String file : files.subList(1, 30)) {
      assertThat(value(file)).isEqualTo("review_uploaded");
    }
    assertThat(sandbox.inspect().requests(r -> r.operation().equals("metadata.bulk_update")))
        .as("batched: far under the 10 a minute Frame.io allows").hasSizeBetween(1, 4)
        .allSatisfy(r -> assertThat(r.status()).isEqualTo(204));
  }

  @Test
  void close_withNothingWaiting_returnsAtOnce_andLaterWritesAreDropped() {
    StatusFieldWriter writer = new StatusFieldWriter(account.metadata(), sandbox.projectId(), field, Duration.ofSeconds(10));
    writer.close();
    writer.write("any-file", ShotStatus.REVIEW_UPLOADED);
    writer.close();
    assertThat(writer.idle()).isTrue();
    assertThat(sandbox.inspect().requests(r -> r.operation().equals("metadata.bulk_update"))).isEmpty();
  }

  private String value(String file) {
    return account.metadata().fileMetadata(file).stream().flatMap(m -> m.selected().stream())
        .map(SelectOption::displayName).findFirst().orElse("");
  }
}
