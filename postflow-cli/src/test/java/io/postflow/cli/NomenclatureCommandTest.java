package io.postflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NomenclatureCommandTest {
  @TempDir Path dir;

  private Path shotList() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/shots/shots_sample.csv")) {
      Path csv = dir.resolve("shots.csv");
      Files.copy(in, csv);
      return csv;
    }
  }

  @Test
  void matchingName_showsItsPartsShotAndFolder() throws Exception {
    CliRun cli = new CliRun(dir, null).env("POSTFLOW_SHOT_LIST", shotList().toString());

    int exit = cli.run("nomenclature", "KRAK_00003_v002.mov");

    assertThat(exit).as(cli.err()).isZero();
    assertThat(cli.out()).contains("KRAK_00003_v002.mov: matches").contains("version").contains("002")
        .contains("of shot    KRAK_00003").contains("folder     WIP_BYSHOT/SC01_");
  }

  @Test
  void json_isOneObject() throws Exception {
    CliRun cli = new CliRun(dir, null);

    assertThat(cli.run("nomenclature", "KRAK_00003_v002.mov", "--json")).isZero();

    JsonNode node = new ObjectMapper().readTree(cli.out());
    assertThat(node.get("matched").asBoolean()).isTrue();
    assertThat(node.get("shot").asText()).isEqualTo("KRAK_00003");
    assertThat(node.get("note").asText()).contains("POSTFLOW_SHOT_LIST");
  }

  @Test
  void nameThatDoesNotMatch_exitsOneWithTheReason() throws Exception {
    CliRun cli = new CliRun(dir, null);

    assertThat(cli.run("nomenclature", "final_FINAL_2.mov")).isEqualTo(1);
    assertThat(cli.out()).contains("final_FINAL_2.mov: does not match");
    CliRun json = new CliRun(dir, null);
    assertThat(json.run("nomenclature", "final_FINAL_2.mov", "--json")).isEqualTo(1);
    assertThat(new ObjectMapper().readTree(json.out()).get("matched").asBoolean()).isFalse();
  }

  @Test
  void unknownShot_saysThePipelineWouldQuarantineIt() throws Exception {
    CliRun cli = new CliRun(dir, null).env("POSTFLOW_SHOT_LIST", shotList().toString());

    assertThat(cli.run("nomenclature", "KRAK_09999_v001.mov")).isZero();
    assertThat(cli.out()).contains("not in the shot list").contains("quarantine");
  }

  @Test
  void badPatternInTheConfiguration_exitsThreeNamingTheKey() {
    CliRun cli = new CliRun(dir, null).env("POSTFLOW_NAME_PATTERN", "{nope");

    assertThat(cli.run("nomenclature", "A.mov")).isEqualTo(3);
    assertThat(cli.err()).contains("POSTFLOW_NAME_PATTERN (from the environment)");
  }
}
