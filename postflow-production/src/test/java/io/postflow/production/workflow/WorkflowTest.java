package io.postflow.production.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.IllegalTransitionException;
import io.postflow.api.InvalidInputException;
import io.postflow.api.ShotStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowTest {
  private static final Workflow STANDARD = Workflow.standard();

  @Test
  void standard_hasTwelveStatusesInFiveStages_inTheProductionsOrder() {
    assertThat(STANDARD.stages()).containsExactly("source", "after_effects", "ebsynth", "review", "delivery");
    assertThat(STANDARD.statuses()).containsExactlyElementsOf(ShotStatus.defaults());
    assertThat(STANDARD.statuses()).extracting(ShotStatus::name).containsExactly("pending", "sources_verified",
        "ae_ready", "ae_in_progress", "ae_completed", "ebsynth_ready", "ebsynth_in_progress", "ebsynth_completed",
        "review_uploaded", "review_approved", "final_delivery");
    assertThat(STANDARD.statuses().size() + 1).as("with blocked").isEqualTo(12);
    assertThat(STANDARD.statuses("review")).containsExactly(ShotStatus.REVIEW_UPLOADED, ShotStatus.REVIEW_APPROVED);
    assertThat(STANDARD.initial()).isEqualTo(ShotStatus.PENDING);
    assertThat(STANDARD.delivered()).isEqualTo(ShotStatus.REVIEW_UPLOADED);
    assertThat(STANDARD.approved()).isEqualTo(ShotStatus.REVIEW_APPROVED);
  }

  @Test
  void standard_allowsWorkReviewAndDelivery_butNoApprovalWithoutAnUploadNorDeliveryWithoutApproval() {
    assertThat(STANDARD.allows(ShotStatus.PENDING, ShotStatus.AE_IN_PROGRESS)).isTrue();
    assertThat(STANDARD.allows(ShotStatus.EBSYNTH_COMPLETED, ShotStatus.REVIEW_UPLOADED)).isTrue();
    assertThat(STANDARD.allows(ShotStatus.PENDING, ShotStatus.REVIEW_UPLOADED)).as("a render may come early").isTrue();
    assertThat(STANDARD.allows(ShotStatus.REVIEW_UPLOADED, ShotStatus.REVIEW_APPROVED)).isTrue();
    assertThat(STANDARD.allows(ShotStatus.REVIEW_UPLOADED, ShotStatus.AE_IN_PROGRESS)).as("changes asked").isTrue();
    assertThat(STANDARD.allows(ShotStatus.REVIEW_APPROVED, ShotStatus.FINAL_DELIVERY)).isTrue();
    assertThat(STANDARD.allows(ShotStatus.FINAL_DELIVERY, ShotStatus.REVIEW_UPLOADED)).as("a fix").isTrue();

    assertThat(STANDARD.allows(ShotStatus.PENDING, ShotStatus.REVIEW_APPROVED)).isFalse();
    assertThat(STANDARD.allows(ShotStatus.AE_COMPLETED, ShotStatus.FINAL_DELIVERY)).isFalse();
    assertThat(STANDARD.allows(ShotStatus.REVIEW_UPLOADED, ShotStatus.FINAL_DELIVERY)).isFalse();
  }

  @Test
  void check_refusesAnIllegalTransition_namingTheShotBothStatusesAndWhatIsAllowed() {
    assertThatThrownBy(() -> STANDARD.check("UNDLM_00042", ShotStatus.PENDING, ShotStatus.FINAL_DELIVERY))
        .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
          assertThat(e.shot()).isEqualTo("UNDLM_00042");
          assertThat(e.from()).isEqualTo(ShotStatus.PENDING);
          assertThat(e.to()).isEqualTo(ShotStatus.FINAL_DELIVERY);
        })
        .hasMessageStartingWith("UNDLM_00042: pending -> final_delivery is not allowed")
        .hasMessageContaining("review_uploaded").hasMessageContaining("blocked (from pending)");
  }

  @Test
  void blocked_remembersWhereItCameFrom_andGoesBackThereOrOnward() {
    ShotStatus blocked = ShotStatus.blocked(ShotStatus.AE_IN_PROGRESS);
    assertThat(blocked.name()).isEqualTo("blocked");
    assertThat(blocked.stage()).isEqualTo("after_effects");
    assertThat(blocked.blockedFrom()).contains(ShotStatus.AE_IN_PROGRESS);
    assertThat(ShotStatus.blocked(blocked)).as("blocking twice keeps the origin").isEqualTo(blocked);
    assertThat(blocked).hasToString("blocked (from ae_in_progress)");

    assertThat(STANDARD.allows(ShotStatus.AE_IN_PROGRESS, blocked)).isTrue();
    assertThat(STANDARD.allows(ShotStatus.AE_READY, blocked)).as("blocked elsewhere").isFalse();
    assertThat(STANDARD.allows(blocked, ShotStatus.AE_IN_PROGRESS)).isTrue();
    assertThat(STANDARD.allows(blocked, ShotStatus.REVIEW_UPLOADED)).isTrue();
    assertThat(STANDARD.allows(blocked, ShotStatus.REVIEW_APPROVED)).isFalse();
    assertThat(STANDARD.allows(ShotStatus.blocked(ShotStatus.REVIEW_UPLOADED), ShotStatus.REVIEW_APPROVED)).isTrue();
    assertThat(STANDARD.position(blocked)).isEqualTo(STANDARD.position(ShotStatus.AE_IN_PROGRESS));
  }

  @Test
  void shotStatus_valueOf_readsTheOldEnumNames() {
    assertThat(ShotStatus.valueOf("APPROVED")).isEqualTo(ShotStatus.REVIEW_APPROVED);
    assertThat(ShotStatus.valueOf("REVIEW_UPLOADED")).isEqualTo(ShotStatus.REVIEW_UPLOADED);
    assertThat(ShotStatus.valueOf("UPLOAD_FAILED")).isEqualTo(ShotStatus.PENDING);
    assertThat(ShotStatus.valueOf("ae_ready")).isEqualTo(ShotStatus.AE_READY);
    assertThatThrownBy(() -> ShotStatus.valueOf("LOST")).hasMessageContaining("'LOST'");
    assertThatThrownBy(() -> ShotStatus.of("Bad Name", "x")).hasMessageContaining("'Bad Name'");
  }

  @Test
  void load_aStudiosOwnWorkflow_withStageShorthandsAndWildcards(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("workflow.json"), """
        {"format": "postflow-workflow/1",
         "stages": [{"name": "prep", "statuses": ["todo", "roto"]},
                    {"name": "comp", "statuses": ["comp_wip", "comp_done"]},
                    {"name": "review", "statuses": ["client_review", "client_ok"]}],
         "delivered": "client_review", "approved": "client_ok",
         "transitions": {"@prep": ["@prep", "comp_wip"], "comp_wip": ["comp_done"],
                         "*": ["client_review"], "client_review": ["client_ok", "comp_wip"]}}
        """, StandardCharsets.UTF_8);

    Workflow studio = Workflow.load(file);

    ShotStatus todo = studio.initial();
    ShotStatus review = studio.delivered();
    assertThat(todo).isEqualTo(ShotStatus.of("todo", "prep"));
    assertThat(studio.status("comp_done")).contains(ShotStatus.of("comp_done", "comp"));
    assertThat(studio.allows(todo, ShotStatus.of("roto", "prep"))).isTrue();
    assertThat(studio.allows(todo, ShotStatus.of("comp_done", "comp"))).isFalse();
    assertThat(studio.allows(ShotStatus.of("comp_done", "comp"), review)).as("*").isTrue();
    assertThat(studio.allows(review, studio.approved())).isTrue();
    assertThat(studio.allows(todo, ShotStatus.REVIEW_UPLOADED)).as("not this workflow's").isFalse();
    assertThatThrownBy(() -> studio.check("S1", todo, ShotStatus.REVIEW_UPLOADED))
        .hasMessageContaining("'review_uploaded' is not a status of workflow " + file);
  }

  @Test
  void load_badFiles_nameTheFileAndTheField(@TempDir Path dir) throws IOException {
    assertBad(dir, "{\"format\": \"x\"}", "format");
    assertBad(dir, "{\"format\": \"postflow-workflow/1\", \"stages\": []}", "stages");
    assertBad(dir, base("\"delivered\": \"nope\"", "{}"), "delivered");
    assertBad(dir, base("\"delivered\": \"a\"", "{\"a\": [\"zz\"]}"), "transitions.a[0]");
    assertBad(dir, base("\"delivered\": \"a\"", "{\"@nostage\": [\"b\"]}"), "transitions.@nostage");
    assertBad(dir, base("\"delivered\": \"a\"", "{}"), "transitions.a");
    assertBad(dir, "{\"format\": \"postflow-workflow/1\", \"stages\": [{\"name\": \"s\", \"statuses\": [\"a\", \"a\"]}],"
        + " \"delivered\": \"a\", \"approved\": \"a\", \"transitions\": {}}", "stages[0].statuses[1]");
    assertBad(dir, "{\"format\": \"postflow-workflow/1\", \"stages\": [{\"name\": \"s\", \"statuses\": [\"blocked\"]}],"
        + " \"delivered\": \"a\", \"approved\": \"a\", \"transitions\": {}}", "stages[0].statuses[0]");
    assertBad(dir, "{\"format\": \"postflow-workflow/1\", \"colour\": 1}", "colour");
    assertBad(dir, "{not json", null);
  }

  private static String base(String delivered, String transitions) {
    return "{\"format\": \"postflow-workflow/1\", \"stages\": [{\"name\": \"s\", \"statuses\": [\"a\", \"b\"]}], "
        + delivered + ", \"approved\": \"b\", \"transitions\": " + transitions + "}";
  }

  private static void assertBad(Path dir, String json, String field) throws IOException {
    Path file = Files.writeString(dir.resolve("workflow.json"), json, StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Workflow.load(file)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
      assertThat(e.getMessage()).contains(file.toString());
      if (field != null) {
        assertThat(e.getMessage()).contains(field);
      }
    });
  }
}
