package io.postflow.pipeline.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.Notification;
import io.postflow.api.ShotStatus;
import io.postflow.api.StatusChange;
import io.postflow.frameio.Comment;
import io.postflow.frameio.FieldDefinition;
import io.postflow.frameio.FrameioAccount;
import io.postflow.frameio.FrameioClient;
import io.postflow.frameio.auth.StaticTokenAuthenticator;
import io.postflow.frameio.webhooks.WebhookEvent;
import io.postflow.pipeline.journal.SqliteDeliveryJournal;
import io.postflow.production.nomenclature.NamePattern;
import io.postflow.production.nomenclature.Nomenclature;
import io.postflow.production.shotlist.CsvShotRepository;
import io.postflow.production.shotlist.ShotListReader;
import io.postflow.production.timecode.FrameRate;
import io.postflow.production.workflow.Workflow;
import io.postflow.testkit.FrameioSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Frame.io delivers at least once: each event handled twice has the effect of once. */
class ReviewEventsTest {
  @TempDir Path dir;
  private FrameioSandbox sandbox;
  private FrameioClient client;
  private FrameioAccount account;
  private SqliteDeliveryJournal journal;
  private CsvShotRepository shots;
  private StatusFieldWriter writer;
  private FieldDefinition field;
  private ReviewEvents events;
  private final List<Notification> told = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    sandbox = FrameioSandbox.builder().rateLimits(false).start();
    client = FrameioClient.builder().baseUri(sandbox.baseUri())
        .authenticator(StaticTokenAuthenticator.of(sandbox.issueAccessToken())).build();
    account = client.account(sandbox.accountId());
    Path csv = Files.writeString(dir.resolve("shots.csv"), "PLAN,SEQUENCE,TC IN,TC OUT,SOURCE NAME,NOMENCLATURE PLAN\n"
        + "001,PHARE - NUIT,01:00:00:00,01:00:04:00,A.mov,KRAK_00001\n");
    shots = CsvShotRepository.open(csv, ShotListReader.builder().rate(FrameRate.FPS_25).build());
    shots.updateStatus("KRAK_00001", ShotStatus.REVIEW_UPLOADED);
    journal = SqliteDeliveryJournal.open(dir.resolve("journal.db"));
    Nomenclature names = Nomenclature.builder()
        .pattern(NamePattern.of("render", "{project}_{shot}_v{version}.{extension}"))
        .folderTemplate("WIP/{project}_{shot}").shotTemplate("{project}_{shot}").build();
    field = account.metadata().ensureSelectField("PostFlow status", List.of("review_uploaded", "review_approved"));
    writer = new StatusFieldWriter(account.metadata(), sandbox.projectId(), field, Duration.ofSeconds(5));
    ReviewContext context = new ReviewContext(account, sandbox.projectId(), sandbox.workspaceId(),
        sandbox.rootFolderId(), shots, Workflow.standard(), names, journal, null, told::add,
        FrameRate.FPS_25, Clock.systemUTC());
    events = new ReviewEvents(context, field, writer, true);
  }

  @AfterEach
  void stop() {
    writer.close();
    journal.close();
    client.close();
    sandbox.close();
  }

  @Test
  void aCommentDeliveredTwice_isRelayedOnce() {
    String file = account.createLocalUpload(sandbox.rootFolderId(), "KRAK_00001_v001.mov", 8).file().id();
    Comment comment = account.createComment(file, "Flare", "00:00:01:00");

    events.onEvent(event("comment.created", comment.id()));
    events.onEvent(event("comment.created", comment.id()));

    assertThat(told).singleElement().satisfies(n -> {
      assertThat(n.kind()).isEqualTo(Notification.Kind.COMMENT_ADDED);
      assertThat(n.details()).containsEntry("Timecode", "00:00:01:00 @ 25 fps");
    });
  }

  @Test
  void anApprovalDeliveredTwice_changesTheShotOnce() {
    String file = account.createLocalUpload(sandbox.rootFolderId(), "KRAK_00001_v001.mov", 8).file().id();
    account.metadata().setSelect(sandbox.projectId(), List.of(file), field, "review_approved");

    events.onEvent(event("metadata.value.updated", file));
    events.onEvent(event("metadata.value.updated", file));

    assertThat(shots.findByNomenclature("KRAK_00001").orElseThrow().status()).isEqualTo(ShotStatus.REVIEW_APPROVED);
    assertThat(shots.history("KRAK_00001")).extracting(StatusChange::source)
        .containsExactly(StatusChange.Source.PERSON, StatusChange.Source.REVIEWER);
    assertThat(told).filteredOn(n -> n.kind() == Notification.Kind.STATUS_CHANGED).hasSize(1);
  }

  @Test
  void eventsAboutOtherProjectsOrFilesPostFlowDidNotName_areIgnored() {
    String other = account.createLocalUpload(sandbox.rootFolderId(), "notes.mov", 8).file().id();
    Comment comment = account.createComment(other, "Hello");
    events.onEvent(event("comment.created", comment.id()));
    events.onEvent(WebhookEvent.parse("{\"type\":\"comment.created\",\"resource\":{\"id\":\"" + comment.id()
        + "\",\"type\":\"comment\"},\"project\":{\"id\":\"another-project\"}}"));
    events.onEvent(event("comment.created", "00000000-0000-0000-0000-000000000000")); // deleted since
    assertThat(told).isEmpty();
  }

  private WebhookEvent event(String type, String resourceId) {
    return WebhookEvent.parse("{\"type\":\"" + type + "\",\"resource\":{\"id\":\"" + resourceId
        + "\",\"type\":\"x\"},\"account\":{\"id\":\"" + sandbox.accountId() + "\"},\"project\":{\"id\":\""
        + sandbox.projectId() + "\"},\"user\":{\"id\":\"reviewer-1\"}}");
  }
}
