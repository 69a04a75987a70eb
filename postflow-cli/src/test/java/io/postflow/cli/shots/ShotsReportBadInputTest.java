package io.postflow.cli.shots;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The report on garbage and on a re-edited cut with real-world quirks. */
class ShotsReportBadInputTest extends ReportTestBase {
  private Path quirks;
  private Path rippled;

  @BeforeEach
  void copyFixtures() throws IOException {
    quirks = copy("shots_quirks.csv");
    rippled = copy("edit_rippled.edl");
  }

  @Test
  void edlThatIsBinaryEmptyOrTheShotList_exitsOneSayingWhy() throws IOException {
    byte[] random = new byte[1 << 20];
    new Random(1).nextBytes(random);
    Path binary = Files.write(dir.resolve("binary.edl"), random);
    assertThat(run(quirks.toString(), "--edl", binary.toString())).isEqualTo(1);
    assertThat(err()).startsWith("shots-report: binary.edl: not an EDL: it holds binary data");
    assertThat(out()).isEmpty();
    Path empty = Files.write(dir.resolve("empty.edl"), new byte[0]);
    assertThat(run(quirks.toString(), "--edl", empty.toString())).isEqualTo(1);
    assertThat(err()).contains("empty.edl: not an EDL: it is empty");
    assertThat(run(quirks.toString(), "--edl", quirks.toString())).isEqualTo(1);
    assertThat(err()).contains("shots_quirks.csv:1: not an EDL: its first line is a spreadsheet's header row");
  }

  @Test
  void damagedShotList_warnsLenientlyAndFailsStrict() throws IOException {
    String csv = Files.readString(quirks);
    // Row 004 cut to 4 fields, and the file cut off in the middle of its last row.
    String damaged = csv.replace("004,,QUAI - MATIN,01:00:13:15,01:00:16:01,09:15:00:00,09:15:02:11,"
        + "00:00:02:11,B_0001C002X240916_0915BB_KRAK.mov,,KRAK_00004,", "004,,QUAI - MATIN,01:00:13:15");
    damaged = damaged.substring(0, damaged.lastIndexOf("22:18:00:00"));
    Path file = Files.writeString(dir.resolve("damaged.csv"), damaged);
    assertThat(run(file.toString(), "--json")).isZero();
    JsonNode root = new ObjectMapper().readTree(out());
    assertThat(root.get("warnings").asInt()).isEqualTo(root.get("warningDetails").size()).isEqualTo(3);
    assertThat(root.at("/warningDetails/0/line").asInt()).isEqualTo(5);
    assertThat(root.at("/warningDetails/0/column").asText()).isEqualTo("TC OUT");
    assertThat(run(file.toString(), "--strict")).isEqualTo(1);
    assertThat(err()).startsWith("shots-report: damaged.csv:5 [TC OUT]: strict mode: 3 problem(s)");
  }

  @Test
  void rippledCut_reportsTheFixtureAnswers_textAndJsonGivingTheSameFiguresUnderTheSameNames()
      throws IOException {
    assertThat(run(quirks.toString(), "--edl", rippled.toString(), "--json")).isZero();
    JsonNode root = new ObjectMapper().readTree(out());
    JsonNode r = root.get("reconciliation");
    assertThat(r.get("matched").asInt()).isEqualTo(11);
    assertThat(r.get("unchanged").asInt()).isEqualTo(2);
    assertThat(r.get("movedByRipple").asInt()).isEqualTo(8);
    assertThat(r.get("changed").asInt()).isEqualTo(1);
    assertThat(r.get("removedFromCut").asInt()).isEqualTo(1);
    assertThat(r.get("notInShotList").asInt()).isEqualTo(1);
    assertThat(r.at("/rippleDetails/0/description").asText()).isEqualTo("shots 004 to 007: -5 frames");
    assertThat(r.at("/rippleDetails/1/description").asText()).isEqualTo("shots 008 to 012: +30 frames");
    assertThat(r.at("/changedDetails/0/sourceOutDelta").asInt()).isEqualTo(-5);
    assertThat(root.get("placedShots").asInt()).isEqualTo(11);
    assertThat(root.get("totalFrames").asInt()).isEqualTo(1096);
    assertThat(root.get("normalisations").asInt()).isEqualTo(3);
    assertThat(root.at("/noteDetails/0/note").asText()).isEqualTo("SOURCE NAME: M2   20240916 025.0  10:10:03:12");

    assertThat(run(quirks.toString(), "--edl", rippled.toString())).isZero();
    String text = out();
    assertThat(text).contains("  shots 004 to 007: -5 frames\n", "  shots 008 to 012: +30 frames\n",
        "  shot 003 KRAK_00003 -> event 003 (SOURCE_OVERLAP) record in +0, out -5 frames source in +0, out -5 frames");
    // Every scalar figure of the JSON is in the text under its own name with the same value.
    assertSameFigures(root, text);
    assertSameFigures(root.get("edl"), text);
    assertSameFigures(r, text);
  }

  private static void assertSameFigures(JsonNode section, String text) {
    for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode v = field.getValue();
      if (v.isNumber() && !field.getKey().equals("rate")) {
        assertThat(text).contains(String.format("  %-30s %s%n", field.getKey(), v.asText()));
      }
    }
  }

  @Test
  void exportDirThatCannotBeWritten_leavesNothingHalfWritten() throws IOException {
    Path exports = Files.createDirectories(dir.resolve("exports"));
    Files.writeString(exports.resolve("scenes"), "a file where the scenes folder goes");
    assertThat(run(quirks.toString(), "--export-dir", exports.toString())).isEqualTo(1);
    assertThat(err()).contains("scenes");
    assertThat(exports.toFile().list()).containsExactly("scenes");
  }
}
