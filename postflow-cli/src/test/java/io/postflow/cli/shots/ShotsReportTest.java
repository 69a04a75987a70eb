package io.postflow.cli.shots;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShotsReportTest extends ReportTestBase {
  private Path csv;
  private Path edl;

  @BeforeEach
  void copyFixtures() throws IOException {
    csv = copy("shots_sample.csv");
    edl = copy("edit_25fps.edl");
  }

  @Test
  void json_withEdl_givesTheFixtureAnswersUnderTheAgreedKeys() throws IOException {
    assertThat(run(csv.toString(), "--edl", edl.toString(), "--json")).isZero();
    JsonNode root = new ObjectMapper().readTree(out());
    assertThat(root.get("shots").asInt()).isEqualTo(30);
    assertThat(root.get("scenes").asInt()).isEqualTo(6);
    assertThat(root.get("scenesNormalised").asInt()).isEqualTo(5);
    assertThat(root.get("uniqueSources").asInt()).isEqualTo(7);
    assertThat(root.get("uniqueSourcesNormalised").asInt()).isEqualTo(6);
    assertThat(root.get("rate").isNumber()).isTrue();
    assertThat(root.get("rate").decimalValue()).isEqualByComparingTo("25");
    assertThat(root.get("duplicatesMarked").asInt()).isEqualTo(28);
    assertThat(root.get("missingNomenclature").asInt()).isEqualTo(2);
    assertThat(root.get("firstRecordIn").asText()).isEqualTo("01:00:00:00");
    assertThat(root.get("lastRecordOut").asText()).isEqualTo("01:02:34:09");
    assertThat(root.get("totalFrames").asLong()).isEqualTo(3859);
    JsonNode e = root.get("edl");
    assertThat(e.get("events").asInt()).isEqualTo(8);
    assertThat(e.get("eventLines").asInt()).isEqualTo(9);
    assertThat(e.get("recordStart").asText()).isEqualTo("01:00:00:00");
    assertThat(e.get("recordEnd").asText()).isEqualTo("01:00:38:13");
    assertThat(e.get("gaps").asInt()).isEqualTo(1);
    assertThat(e.at("/gapDetails/0/frames").asInt()).isEqualTo(10);
    assertThat(e.get("motionEffects").asInt()).isEqualTo(1);
    assertThat(e.get("transitions").asInt()).isEqualTo(1);
    assertThat(e.get("warnings").asInt()).isEqualTo(2);
    assertThat(root.at("/reconciliation/changed").asInt()).isEqualTo(6);
    assertThat(root.at("/reconciliation/changedDetails")).hasSize(6);
    assertThat(root.at("/reconciliation/notInShotList").asInt()).isEqualTo(1);
    assertThat(root.at("/reconciliation/notInShotListDetails")).hasSize(1);
    assertThat(err()).isEmpty();
  }

  @Test
  void text_showsStatisticsWarningsAndReconciliation() {
    assertThat(run(csv.toString(), "--edl", edl.toString())).isZero();
    assertThat(out())
        .contains("  shots                          30\n")
        .contains("  missingNomenclatureShots       [013, 021]\n")
        .contains("  totalFrames                    3859\n")
        .contains("  totalDuration                  00:02:34:09\n")
        .contains("line 27 [GAP]: 10 frames of record gap between events 006 and 007")
        .contains("'ARCHIVE_ina_phare_1962.movCaméra multiple' -> 'ARCHIVE_ina_phare_1962.mov'")
        .contains("shot 004 KRAK_00004 -> event 005 (CLIP_OVERLAP) record in +46, out +48 frames")
        .contains("Events not in the shot list: 1");
  }

  @Test
  void exportDir_writesAllExports() {
    Path exports = dir.resolve("exports");
    assertThat(run(csv.toString(), "--export-dir", exports.toString())).isZero();
    assertThat(exports.resolve("shots_production.csv")).exists();
    assertThat(exports.resolve("shots_after_effects.json")).exists();
    assertThat(exports.resolve("shots_detailed.json")).exists();
    assertThat(exports.resolve("shots_flat.csv")).exists();
    assertThat(exports.resolve("scenes").toFile().list()).hasSize(5);
    assertThat(out()).contains("Exports written: 9");
  }

  @Test
  void strict_withEdlWarnings_exitsOneNamingTheProblem() {
    assertThat(run(csv.toString(), "--edl", edl.toString(), "--strict")).isEqualTo(1);
    assertThat(err()).contains("edit_25fps.edl:15").contains("strict mode");
    assertThat(out()).isEmpty();
  }

  @Test
  void unreadableInput_exitsOneWithClearMessage() throws IOException {
    assertThat(run(dir.resolve("missing.csv").toString())).isEqualTo(1);
    assertThat(err()).isEqualTo("shots-report: the shot list " + dir.resolve("missing.csv")
        + " does not exist" + System.lineSeparator());
    resetOutput();
    assertThat(run(csv.toString(), "--edl", dir.resolve("cut.edl").toString())).isEqualTo(1);
    assertThat(err()).contains("the EDL " + dir.resolve("cut.edl") + " does not exist");
    assertThat(out()).isEmpty();
    resetOutput();
    Path bad = Files.writeString(dir.resolve("bad.csv"), "A,B\n1,2\n");
    assertThat(run(bad.toString())).isEqualTo(1);
    assertThat(err()).contains("bad.csv:1").contains("missing required columns");
  }

  @Test
  void usageErrors_exitTwo() {
    assertThat(run()).isEqualTo(2);
    assertThat(err()).contains("required").contains("usage:");
    assertThat(run(csv.toString(), "--rate", "31")).isEqualTo(2);
    assertThat(run(csv.toString(), "--edl")).isEqualTo(2);
    assertThat(run(csv.toString(), "--bogus")).isEqualTo(2);
    assertThat(run(csv.toString(), "--edl", edl.toString(), "--fallback-charset", "nope")).isEqualTo(2);
    assertThat(run("--help")).isZero();
    assertThat(out()).contains("usage:");
  }

  @Test
  void fallbackCharsetAndRate_arePassedToTheReaders() throws IOException {
    assertThat(run(csv.toString(), "--edl", edl.toString(), "--fallback-charset", "ISO-8859-1",
        "--rate", "25", "--json")).isZero();
    JsonNode root = new ObjectMapper().readTree(out());
    assertThat(root.at("/edl/warningDetails/0/message").asText()).contains("ISO-8859-1");
    resetOutput();
    // At 24 fps the list's frames 24 are out of range: lenient, so warnings, not failure.
    assertThat(run(csv.toString(), "--rate", "24", "--json")).isZero();
    JsonNode at24 = new ObjectMapper().readTree(out());
    assertThat(at24.get("warnings").asInt()).isGreaterThan(0).isEqualTo(at24.get("warningDetails").size());
  }

  @Test
  void dropFrame_countsAListTypedWithColonsDropFrame_andIsAUsageErrorAtRatesWithoutIt()
      throws IOException {
    Path list = Files.writeString(dir.resolve("df.csv"),
        "PLAN,SEQUENCE,TC IN,TC OUT,SOURCE NAME,NOMENCLATURE PLAN\r\n"
            + "001,A,01:00:10:00,01:00:20:00,a.mov,KRAK_00010\r\n");
    Path cut = Files.writeString(dir.resolve("df.edl"), "FCM: DROP FRAME\n"
        + "001  A001  V  C  00:00:00:00 00:00:10:00 01:00:10;00 01:00:20;00\n"
        + "* FROM CLIP NAME: a.mov\n");
    assertThat(run(list.toString(), "--edl", cut.toString(), "--rate", "29.97", "--drop-frame",
        "--json")).isZero();
    JsonNode root = new ObjectMapper().readTree(out());
    assertThat(root.at("/reconciliation/unchanged").asInt()).isEqualTo(1);
    assertThat(run(list.toString(), "--drop-frame")).isEqualTo(2);
    assertThat(err()).contains("'dropFrame'");
  }
}
