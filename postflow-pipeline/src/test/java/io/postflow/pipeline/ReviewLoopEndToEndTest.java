package io.postflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postflow.api.DeliveryState;
import io.postflow.api.Notification;
import io.postflow.api.PostFlowException;
import io.postflow.api.Shot;
import io.postflow.api.ShotStatus;
import io.postflow.api.StatusChange;
import io.postflow.frameio.FieldDefinition;
import io.postflow.frameio.FrameioAccount;
import io.postflow.frameio.FrameioClient;
import io.postflow.frameio.SelectOption;
import io.postflow.frameio.Share;
import io.postflow.frameio.auth.StaticTokenAuthenticator;
import io.postflow.production.shotlist.CsvShotRepository;
import io.postflow.production.shotlist.ShotListReader;
import io.postflow.production.timecode.FrameRate;
import io.postflow.testkit.FrameioSandbox;
import io.postflow.testkit.TestFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review loop on the sandbox, through Frame.io's own API as a reviewer would use it: the
 * status field on delivered files, an approval that lands in the CSV with "reviewer" in the
 * history, a move the workflow refuses, a timecoded comment relayed with its SMPTE timecode, a
 * review link for a scene, and the webhook removed at close.
 */
class ReviewLoopEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir Path work;
  private SandboxPipeline env;
  private PostFlow postflow;
  private FrameioClient reviewer;
  private FrameioAccount account;
  private String token;
  private final List<Notification> told = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    // Frame.io's events carry ids only: two updates of one file's field within a second are the
    // same signed request, which the receiver refuses as a replay until Frame.io retries with a
    // fresh timestamp (15 s later). The sandbox retries here as soon as the second has changed.
    // The receiver listens on loopback over plain HTTP, which Frame.io (and the strict sandbox)
    // refuses as a webhook URL: a studio gives the review loop its public HTTPS address.
    env = new SandboxPipeline(work, FrameioSandbox.builder().transcodeDelay(Duration.ZERO)
        .plainHttpWebhooks(true).sleeper(d -> Thread.sleep(1_100)));
    postflow = env.builder().shotListRate(FrameRate.FPS_25).notifier(told::add)
        .reviewLoop(ReviewLoop.builder().build()).build().start();
    token = env.sandbox.issueAccessToken();
    reviewer = FrameioClient.builder().baseUri(env.sandbox.baseUri())
        .authenticator(StaticTokenAuthenticator.of(token)).build();
    account = reviewer.account(env.sandbox.accountId());
  }

  @AfterEach
  void stop() {
    if (postflow != null) {
      postflow.close();
    }
    reviewer.close();
    env.close();
  }

  @Test
  void approvalInFrameio_makesTheShotReviewApprovedInTheCsv_withReviewerInItsHistory() throws Exception {
    String file = deliver("KRAK_00001_v001.mov", 1);
    FieldDefinition field = account.metadata().fieldDefinition(ReviewLoop.DEFAULT_FIELD_NAME).orElseThrow();
    assertThat(field.options()).extracting(SelectOption::displayName)
        .containsExactlyElementsOf(ShotStatus.defaults().stream().map(ShotStatus::name).collect(Collectors.toList()));
    await("the delivered file shows review_uploaded", () -> fieldValue(file).equals("review_uploaded"));

    setFieldThroughTheApi(file, field, "review_approved");

    await("the shot is approved", () -> status("KRAK_00001").equals(ShotStatus.REVIEW_APPROVED));
    CsvShotRepository csv = CsvShotRepository.open(env.shotList, ShotListReader.builder().rate(FrameRate.FPS_25).build());
    assertThat(csv.findByNomenclature("KRAK_00001")).map(Shot::status).contains(ShotStatus.REVIEW_APPROVED);
    assertThat(csv.history("KRAK_00001")).extracting(c -> c.from().name() + ">" + c.to().name() + " " + c.source())
        .containsExactly("pending>review_uploaded PIPELINE", "review_uploaded>review_approved REVIEWER");
    StatusChange approval = csv.history("KRAK_00001").get(1);
    assertThat(approval.actor()).as("the Frame.io user").isPresent();
    await("the change is told", () -> told.stream().anyMatch(n -> n.kind() == Notification.Kind.STATUS_CHANGED));
    Notification change = told.stream().filter(n -> n.kind() == Notification.Kind.STATUS_CHANGED).findFirst()
        .orElseThrow();
    assertThat(change.details()).containsEntry("Shot", "KRAK_00001").containsEntry("Version", "v1")
        .containsEntry("To", "review_approved").containsEntry("By", "reviewer in Frame.io");
    assertThat(change.link()).isPresent();
  }

  @Test
  void aMoveTheWorkflowRefuses_leavesTheShot_andPutsTheFieldBack() throws Exception {
    String file = deliver("KRAK_00002_v001.mov", 2);
    FieldDefinition field = account.metadata().fieldDefinition(ReviewLoop.DEFAULT_FIELD_NAME).orElseThrow();
    await("the delivered file shows review_uploaded", () -> fieldValue(file).equals("review_uploaded"));

    setFieldThroughTheApi(file, field, "final_delivery"); // review_uploaded -> final_delivery skips approval

    await("the field is set back", () -> fieldValue(file).equals("review_uploaded"));
    assertThat(status("KRAK_00002")).isEqualTo(ShotStatus.REVIEW_UPLOADED);
    assertThat(postflow.shots().history("KRAK_00002")).hasSize(1);
  }

  @Test
  void timecodedComments_areRelayedOnce_withShotVersionAndSmpteTimecode() throws Exception {
    String file = deliver("KRAK_00001_v001.mov", 1);

    post("/files/" + file + "/comments", "{\"data\":{\"text\":\"Flare at the window\",\"timestamp\":\"00:00:02:12\"}}");
    post("/files/" + file + "/comments", "{\"data\":{\"text\":\"Matte edge\",\"timestamp\":62}}");
    post("/files/" + file + "/comments", "{\"data\":{\"text\":\"Nice overall\"}}");

    await("three comments relayed", () -> comments().size() == 3);
    assertThat(comments()).extracting(n -> n.details().getOrDefault("Timecode", "-") + " " + n.details().get("Comment"))
        .containsExactlyInAnyOrder("00:00:02:12 @ 25 fps Flare at the window", "00:00:02:12 @ 25 fps Matte edge",
            "- Nice overall");
    Notification flare = comments().stream().filter(n -> n.message().contains("Flare")).findFirst().orElseThrow();
    assertThat(flare.shot()).map(s -> s.nomenclature().orElse("")).contains("KRAK_00001");
    assertThat(flare.details()).containsEntry("Version", "v1").containsEntry("Scene", "SC01 PHARE - NUIT");
    assertThat(flare.message()).contains("KRAK_00001 v1 at 00:00:02:12: Flare at the window");
  }

  @Test
  void reviewLink_sharesTheScenesFolder_andTellsTheTeam() throws Exception {
    deliver("KRAK_00001_v001.mov", 1);
    deliver("KRAK_00002_v001.mov", 2);
    assertThatThrownBy(() -> postflow.reviewLink(2)).isInstanceOf(PostFlowException.class)
        .hasMessageContaining("SC02 PORT - AUBE has no version on Frame.io yet");
    assertThatThrownBy(() -> postflow.reviewLink(9)).hasMessageContaining("no scene 9");

    URI link = postflow.reviewLink(1);

    assertThat(link.toString()).startsWith("https://f.io/");
    List<Share> shares = account.shares().shares(env.sandbox.projectId()).collect(Collectors.toList());
    assertThat(shares).singleElement().satisfies(s -> assertThat(s.name()).isEqualTo("SC01 PHARE - NUIT review"));
    assertThat(told).filteredOn(n -> n.kind() == Notification.Kind.REVIEW_LINK).singleElement().satisfies(n -> {
      assertThat(n.link()).contains(link);
      assertThat(n.details()).containsEntry("Shots on Frame.io", "2 of 2");
    });
  }

  @Test
  void close_removesTheWebhook_andARestartRegistersAFreshOne() throws Exception {
    assertThat(account.webhooks(env.sandbox.workspaceId()).collect(Collectors.toList())).singleElement()
        .satisfies(w -> assertThat(w.url()).startsWith("http://127.0.0.1:"));
    postflow.close();
    assertThat(account.webhooks(env.sandbox.workspaceId()).count()).isZero();

    postflow = env.builder().notifier(told::add).reviewLoop(ReviewLoop.builder().build()).build().start();
    assertThat(account.webhooks(env.sandbox.workspaceId()).count()).isOne();
    assertThat(account.metadata().fieldDefinitions()).as("the field is created once").hasSize(1);
  }

  private List<Notification> comments() {
    return told.stream().filter(n -> n.kind() == Notification.Kind.COMMENT_ADDED).collect(Collectors.toList());
  }

  /** Writes a render, waits until it is delivered, returns its Frame.io file id. */
  private String deliver(String name, long seed) throws Exception {
    long before = postflow.deliveries().counts().getOrDefault(DeliveryState.DELIVERED, 0L);
    Path render = TestFiles.random(work.resolve(name), 2000, seed);
    java.nio.file.Files.move(render, env.renders.resolve(name));
    SandboxPipeline.await(postflow, SandboxPipeline.exactly(DeliveryState.DELIVERED, before + 1));
    return postflow.deliveries().list(java.util.Set.of(DeliveryState.DELIVERED), 10).stream()
        .filter(d -> d.file().fileName().equals(name)).findFirst().orElseThrow().facts().fileId().orElseThrow();
  }

  private ShotStatus status(String shot) {
    return postflow.shots().findByNomenclature(shot).orElseThrow().status();
  }

  private String fieldValue(String file) {
    return account.metadata().fileMetadata(file).stream()
        .filter(m -> m.definitionName().equals(ReviewLoop.DEFAULT_FIELD_NAME))
        .flatMap(m -> m.selected().stream()).map(SelectOption::displayName).findFirst().orElse("");
  }

  /** What a reviewer's click does: the project's bulk update, by raw HTTP. */
  private void setFieldThroughTheApi(String file, FieldDefinition field, String status) throws Exception {
    String option = field.option(status).orElseThrow().id();
    HttpResponse<String> r = send("PATCH", "/projects/" + env.sandbox.projectId() + "/metadata/values",
        "{\"data\":{\"file_ids\":[\"" + file + "\"],\"values\":[{\"field_definition_id\":\"" + field.id()
            + "\",\"value\":[\"" + option + "\"]}]}}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
  }

  private JsonNode post(String path, String json) throws Exception {
    HttpResponse<String> r = send("POST", path, json);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body());
  }

  private HttpResponse<String> send(String method, String path, String json) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(
            URI.create(env.sandbox.baseUri() + "/v4/accounts/" + env.sandbox.accountId() + path))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json)).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(20);
    }
  }
}
