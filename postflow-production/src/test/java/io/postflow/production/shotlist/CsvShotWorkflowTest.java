package io.postflow.production.shotlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.IllegalTransitionException;
import io.postflow.api.InvalidInputException;
import io.postflow.api.Shot;
import io.postflow.api.ShotStatus;
import io.postflow.api.StatusChange;
import io.postflow.production.workflow.Progress;
import io.postflow.production.workflow.Workflow;
import io.postflow.testkit.ManualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV repository under a workflow: refused moves, history, queries, progress, migration. */
class CsvShotWorkflowTest {
  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
  @TempDir Path dir;
  private final ManualClock clock = ManualClock.at(T0);

  private Path csv() throws IOException {
    return Files.write(dir.resolve("shots.csv"), ShotListReaderTest.fixture("shots_sample.csv"));
  }

  private CsvShotRepository open(Path csv) {
    return CsvShotRepository.builder().file(csv).reader(ShotListReaderTest.READER).clock(clock).open();
  }

  @Test
  void updateStatus_recordsWhoChangedWhatAndWhen_andTheHistorySurvivesReload() throws IOException {
    Path csv = csv();
    CsvShotRepository repo = open(csv);
    repo.updateStatus("KRAK_00005", ShotStatus.AE_IN_PROGRESS, StatusChange.Source.PERSON, "maya");
    clock.advance(Duration.ofHours(2));
    repo.updateStatus("KRAK_00005", ShotStatus.REVIEW_UPLOADED, StatusChange.Source.PIPELINE, "agent-1");
    repo.updateStatus("KRAK_00005", ShotStatus.REVIEW_UPLOADED, StatusChange.Source.PIPELINE, "agent-1");
    clock.advance(Duration.ofHours(1));
    repo.updateStatus("krak-00005", ShotStatus.REVIEW_APPROVED, StatusChange.Source.REVIEWER, "user-7");

    CsvShotRepository reloaded = open(csv);
    assertThat(reloaded.history("krak_00005")).as("the same status twice adds nothing")
        .extracting(c -> c.from().name() + ">" + c.to().name() + "@" + c.at() + " " + c.source() + " " + c.actor().orElse(""))
        .containsExactly(
            "pending>ae_in_progress@2026-01-05T10:00:00Z PERSON maya",
            "ae_in_progress>review_uploaded@2026-01-05T12:00:00Z PIPELINE agent-1",
            "review_uploaded>review_approved@2026-01-05T13:00:00Z REVIEWER user-7");
    assertThat(reloaded.findByNomenclature("KRAK_00005")).map(Shot::status).contains(ShotStatus.REVIEW_APPROVED);
    assertThat(reloaded.history("KRAK_00006")).isEmpty();
    assertThat(reloaded.history("KRAK_99999")).isEmpty();
  }

  @Test
  void updateStatus_illegalTransition_isRefusedNamingBothStatuses_andChangesNothing() throws IOException {
    CsvShotRepository repo = open(csv());
    assertThatThrownBy(() -> repo.updateStatus("KRAK_00005", ShotStatus.FINAL_DELIVERY))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageStartingWith("KRAK_00005: pending -> final_delivery is not allowed");
    assertThat(repo.statusFile()).doesNotExist();
    assertThat(repo.findByNomenclature("KRAK_00005")).map(Shot::status).contains(ShotStatus.PENDING);
    assertThat(repo.history("KRAK_00005")).isEmpty();
  }

  @Test
  void blocked_isPersistedWithWhereItCameFrom_andUnblockingGoesBack() throws IOException {
    Path csv = csv();
    CsvShotRepository repo = open(csv);
    repo.updateStatus("KRAK_00003", ShotStatus.EBSYNTH_IN_PROGRESS);
    repo.updateStatus("KRAK_00003", ShotStatus.blocked(ShotStatus.EBSYNTH_IN_PROGRESS));
    assertThat(Files.readString(repo.statusFile())).contains("\"status\" : \"blocked\"", "\"from\" : \"ebsynth_in_progress\"");

    CsvShotRepository reloaded = open(csv);
    Shot shot = reloaded.findByNomenclature("KRAK_00003").orElseThrow();
    assertThat(shot.status().blockedFrom()).contains(ShotStatus.EBSYNTH_IN_PROGRESS);
    assertThat(reloaded.shotsWithStatus("blocked")).containsExactly(shot);
    assertThat(reloaded.shotsInStage("ebsynth")).containsExactly(shot);
    reloaded.updateStatus("KRAK_00003", ShotStatus.EBSYNTH_IN_PROGRESS);
    assertThat(reloaded.history("KRAK_00003")).extracting(c -> c.to().toString())
        .containsExactly("ebsynth_in_progress", "blocked (from ebsynth_in_progress)", "ebsynth_in_progress");
  }

  @Test
  void queriesAndProgress_perSceneAndOverall() throws IOException {
    CsvShotRepository repo = open(csv());
    repo.updateStatus("KRAK_00001", ShotStatus.REVIEW_UPLOADED);
    repo.updateStatus("KRAK_00001", ShotStatus.REVIEW_APPROVED);
    repo.updateStatus("KRAK_00002", ShotStatus.AE_READY);
    repo.updateStatus("KRAK_00002", ShotStatus.blocked(ShotStatus.AE_READY));
    int scene = repo.findByNomenclature("KRAK_00001").orElseThrow().scene().number();

    assertThat(repo.shotsWithStatus("review_approved")).extracting(s -> s.nomenclature().orElse(""))
        .containsExactly("KRAK_00001");
    assertThat(repo.shotsInStage("review")).hasSize(1);
    assertThat(repo.shotsInScene(scene)).isNotEmpty().allMatch(s -> s.scene().number() == scene);

    Progress overall = repo.progress();
    assertThat(overall.shots()).isEqualTo(30);
    assertThat(overall.approved()).isEqualTo(1);
    assertThat(overall.blocked()).isEqualTo(1);
    assertThat(overall.byStatus()).containsEntry("review_approved", 1).containsEntry("blocked", 1)
        .containsEntry("final_delivery", 0).containsEntry("pending", 28);
    assertThat(overall.byStage()).containsEntry("after_effects", 1).containsEntry("review", 1)
        .containsEntry("source", 28);
    // positions: approved 9, ae_ready 2, 28 at 0; of 10 steps each
    assertThat(overall.percent()).isEqualTo(Math.round(1000.0 * 11 / 10 / 30) / 10.0);
    assertThat(repo.progressByScene()).hasSize(repo.scenes().size());
    assertThat(repo.progressByScene().get(scene).approved()).isEqualTo(1);
    assertThat(repo.progressByScene().values().stream().mapToInt(Progress::shots).sum()).isEqualTo(30);
  }

  @Test
  void open_oldStatusFile_migratesTheEnumNames_andSavesTheNewFormat() throws IOException {
    Path csv = csv();
    Files.writeString(dir.resolve("shots.csv.postflow-status.json"), "{\"format\":\"postflow-shot-status/1\","
        + "\"statuses\":{\"KRAK_00001\":\"APPROVED\",\"KRAK_00002\":\"UPLOADING\",\"KRAK_00003\":\"UPLOAD_FAILED\","
        + "\"KRAK_00004\":\"REVIEW_UPLOADED\"}}", StandardCharsets.UTF_8);
    CsvShotRepository repo = open(csv);
    assertThat(repo.findByNomenclature("KRAK_00001")).map(Shot::status).contains(ShotStatus.REVIEW_APPROVED);
    assertThat(repo.findByNomenclature("KRAK_00002")).map(Shot::status).contains(ShotStatus.PENDING);
    assertThat(repo.findByNomenclature("KRAK_00003")).map(Shot::status).contains(ShotStatus.PENDING);
    assertThat(repo.findByNomenclature("KRAK_00004")).map(Shot::status).contains(ShotStatus.REVIEW_UPLOADED);

    repo.updateStatus("KRAK_00004", ShotStatus.REVIEW_APPROVED);
    String saved = Files.readString(repo.statusFile());
    assertThat(saved).contains("postflow-shot-status/2", "\"KRAK_00001\" : \"review_approved\"")
        .doesNotContain("KRAK_00002");
    assertThat(open(csv).findByNomenclature("KRAK_00001")).map(Shot::status).contains(ShotStatus.REVIEW_APPROVED);
  }

  @Test
  void open_statusTheWorkflowDoesNotHave_namesTheFileAndTheShot() throws IOException {
    Path csv = csv();
    Files.writeString(dir.resolve("shots.csv.postflow-status.json"), "{\"format\":\"postflow-shot-status/2\","
        + "\"statuses\":{\"KRAK_00001\":\"color_grading\"}}", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> open(csv)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("shots.csv.postflow-status.json").hasMessageContaining("statuses.KRAK_00001")
        .hasMessageContaining("'color_grading'");
  }

  @Test
  void aCustomWorkflow_startsShotsAtItsFirstStatus() throws IOException {
    Workflow custom = Workflow.parse(("{\"format\": \"postflow-workflow/1\", \"stages\": [{\"name\": \"prep\","
        + " \"statuses\": [\"todo\", \"review\", \"ok\"]}], \"delivered\": \"review\", \"approved\": \"ok\","
        + " \"transitions\": {\"*\": [\"review\"], \"review\": [\"ok\"]}}").getBytes(StandardCharsets.UTF_8), "mine");
    CsvShotRepository repo = CsvShotRepository.builder().file(csv()).reader(ShotListReaderTest.READER)
        .workflow(custom).clock(clock).open();
    assertThat(repo.shots()).allMatch(s -> s.status().name().equals("todo"));
    repo.updateStatus("KRAK_00001", custom.delivered());
    assertThatThrownBy(() -> open(dir.resolve("shots.csv"))).as("the standard workflow has no 'review'")
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("'review'");
  }
}
