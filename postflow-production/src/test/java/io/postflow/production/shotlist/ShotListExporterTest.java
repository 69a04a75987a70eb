package io.postflow.production.shotlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postflow.api.Shot;
import io.postflow.api.ShotStatus;
import io.postflow.production.timecode.FrameRate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShotListExporterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Reads {@code shots_production.csv} back: its headers are the first version's, not a shot list's. */
  private static final ShotListReader PRODUCTION_CSV = ShotListReader.builder().rate(FrameRate.FPS_25)
      .columns(ColumnMapping.builder().header(Column.NUMBER, "SHOT_NUMBER").header(Column.SCENE, "SCENE")
          .header(Column.RECORD_IN, "TIMELINE_IN").header(Column.RECORD_OUT, "TIMELINE_OUT")
          .header(Column.DURATION, "DURATION").header(Column.SOURCE_NAME, "SOURCE_FILE")
          .header(Column.DUPLICATE, "IS_DUPLICATE").header(Column.NOMENCLATURE, "NOMENCLATURE")
          .header(Column.READY_FOR_EDIT, "READY_FOR_EDIT").build())
      .build();
  @TempDir Path dir;

  @Test
  void writeAll_writesFiveExportsAndOneJsonPerScene_eachReadableBack() throws IOException {
    ShotList sample = ShotListReaderTest.sample();
    List<Path> files = ShotListExporter.of(sample).writeAll(dir.resolve("out"));
    assertThat(files).extracting(p -> dir.resolve("out").relativize(p).toString().replace('\\', '/'))
        .containsExactly("shots_detailed.json", "shots_after_effects.json", "shots_production.csv",
            "shots_flat.csv", "scenes/SC01_PHARE_NUIT.json", "scenes/SC02_PORT_AUBE.json",
            "scenes/SC03_CABANE_INT_JOUR.json", "scenes/SC04_FALAISE_EXT_CREPUSCULE.json",
            "scenes/SC05_GENERIQUE_DE_FIN.json");

    Path out = dir.resolve("out");
    assertThat(JSON.readTree(out.resolve("shots_detailed.json").toFile()).get("shots")).hasSize(30);
    assertThat(JSON.readTree(out.resolve("shots_after_effects.json").toFile())).hasSize(28);
    for (String csv : List.of("shots_production.csv", "shots_flat.csv")) {
      ShotList again = (csv.equals("shots_flat.csv") ? ShotListReaderTest.READER : PRODUCTION_CSV).read(out.resolve(csv));
      assertThat(again.shots()).as(csv).extracting(Shot::nomenclature)
          .containsExactlyElementsOf(sample.shots().stream().map(Shot::nomenclature).toList());
    }
    int shotsInScenes = 0;
    for (int i = 0; i < sample.scenes().size(); i++) {
      JsonNode scene = JSON.readTree(files.get(4 + i).toFile());
      assertThat(scene.at("/scene/rawName").asText()).isEqualTo(sample.scenes().get(i).rawName());
      assertThat(scene.get("shots")).hasSize(scene.get("shotCount").asInt());
      shotsInScenes += scene.get("shotCount").asInt();
    }
    assertThat(shotsInScenes).as("every shot in one scene file").isEqualTo(30);
  }

  @Test
  void productionCsv_hasTheFirstVersionsHeaderAndRows() throws IOException {
    Path file = ShotListExporter.of(ShotListReaderTest.sample()).writeProductionCsv(dir.resolve("p.csv"));
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines.get(0)).isEqualTo("\uFEFFNOMENCLATURE,SHOT_NUMBER,SCENE,TIMELINE_IN,TIMELINE_OUT,"
        + "DURATION,SOURCE_FILE,IS_DUPLICATE,READY_FOR_EDIT");
    assertThat(lines.get(1)).isEqualTo("KRAK_00001,001,PHARE NUIT,01:00:00:00,01:00:04:12,00:00:04:12,"
        + "B_0003C012X240912_0102CD_KRAK.mov,TRUE,FALSE");
    assertThat(lines.get(10)).isEqualTo("KRAK_00010,010,PORT AUBE,01:00:53:16,01:00:57:03,00:00:03:12,"
        + "ARCHIVE_ina_phare_1962.mov,FALSE,FALSE");
    assertThat(lines.get(13)).startsWith(",013,PORT AUBE,");
    // The production CSV must read back with this project's own reader, shot for shot.
    ShotList original = ShotListReaderTest.sample();
    ShotList again = PRODUCTION_CSV.read(file);
    assertThat(again.warnings()).isEmpty();
    assertThat(again.shots()).hasSameSizeAs(original.shots());
    for (int i = 0; i < original.shots().size(); i++) {
      Shot before = original.shots().get(i);
      Shot after = again.shots().get(i);
      assertThat(after.number()).as("shot %d number", i).isEqualTo(before.number());
      assertThat(after.nomenclature()).as("shot %d nomenclature", i).isEqualTo(before.nomenclature());
      assertThat(after.scene().name()).as("shot %d scene", i).isEqualTo(before.scene().name());
      assertThat(after.recordIn()).as("shot %d in", i).isEqualTo(before.recordIn());
      assertThat(after.recordOut()).as("shot %d out", i).isEqualTo(before.recordOut());
      assertThat(after.durationFrames()).as("shot %d frames", i).isEqualTo(before.durationFrames());
      assertThat(after.duplicateMarked()).as("shot %d duplicate", i).isEqualTo(before.duplicateMarked());
    }
    assertThat(again.statistics().totalFrames()).isEqualTo(original.statistics().totalFrames());
  }

  @Test
  void afterEffectsJson_skipsShotsWithoutNomenclature() throws IOException {
    Path file = ShotListExporter.of(ShotListReaderTest.sample()).writeAfterEffectsJson(dir.resolve("ae.json"));
    JsonNode root = JSON.readTree(file.toFile());
    assertThat(root).hasSize(28);
    JsonNode first = root.get(0);
    assertThat(first.get("nomenclature").asText()).isEqualTo("KRAK_00001");
    assertThat(first.get("scene").asText()).isEqualTo("PHARE NUIT");
    assertThat(first.get("sourceFile").asText()).isEqualTo("B_0003C012X240912_0102CD_KRAK.mov");
    assertThat(first.get("timelineIn").asText()).isEqualTo("01:00:00:00");
    assertThat(first.get("timelineOut").asText()).isEqualTo("01:00:04:12");
    assertThat(first.get("duration").asText()).isEqualTo("00:00:04:12");
    assertThat(first.get("durationFrames").asLong()).isEqualTo(112);
  }

  @Test
  void detailedAndSceneJson_carryStatisticsRawValuesAndStatus(@TempDir Path csvDir) throws IOException {
    Path csv = csvDir.resolve("shots.csv");
    Files.write(csv, ShotListReaderTest.fixture("shots_sample.csv"));
    CsvShotRepository repo = CsvShotRepository.open(csv, ShotListReaderTest.READER);
    repo.updateStatus("KRAK_00010", ShotStatus.REVIEW_UPLOADED);
    repo.updateStatus("KRAK_00010", ShotStatus.REVIEW_APPROVED);
    ShotListExporter exporter = ShotListExporter.of(repo.shotList());
    JsonNode detailed = JSON.readTree(exporter.writeDetailedJson(dir.resolve("d.json")).toFile());
    assertThat(detailed.at("/statistics/shots").asInt()).isEqualTo(30);
    assertThat(detailed.at("/statistics/totalFrames").asLong()).isEqualTo(3859);
    assertThat(detailed.at("/statistics/totalDuration").asText()).isEqualTo("00:02:34:09");
    JsonNode ten = detailed.at("/shots/9");
    assertThat(ten.get("sourceNameRaw").asText()).isEqualTo("ARCHIVE_ina_phare_1962.movCaméra multiple");
    assertThat(ten.get("status").asText()).isEqualTo("review_approved");
    assertThat(ten.get("readyForEdit").asBoolean()).isTrue();
    assertThat(detailed.get("normalisations").size()).isGreaterThan(0);

    List<Path> scenes = exporter.writeSceneJsons(dir.resolve("scenes"));
    JsonNode port = JSON.readTree(scenes.get(1).toFile());
    assertThat(port.at("/scene/rawName").asText()).isEqualTo("PORT - AUBE");
    assertThat(port.get("shotCount").asInt()).isEqualTo(9);
    assertThat(port.get("shots")).hasSize(9);
  }

  @Test
  void flatCsv_keepsEveryColumnAndAddsComputedOnes_readableByTheReader() throws IOException {
    Path file = ShotListExporter.of(ShotListReaderTest.sample()).writeFlatCsv(dir.resolve("flat.csv"));
    ShotList again = ShotListReaderTest.READER.read(file);
    assertThat(again.shots()).hasSize(30);
    assertThat(again.headers()).endsWith("SCENE_NUMBER", "SCENE_NORMALISED", "SCENE_SLUG",
        "SOURCE_NORMALISED", "DURATION_FRAMES", "STATUS", "LINE");
    assertThat(again.shots().get(15).columns()).containsEntry("COMMENTAIRE", "Deux lignes\ndans la cellule")
        .containsEntry("DURATION_FRAMES", "108");
    assertThat(again.statistics().totalFrames()).isEqualTo(3859);
  }

  @Test
  void write_intoAFile_failsWithUncheckedIo() throws IOException {
    Path blocker = Files.writeString(dir.resolve("blocker"), "x");
    assertThatThrownBy(() -> ShotListExporter.of(ShotListReaderTest.sample()).writeAll(blocker))
        .isInstanceOf(UncheckedIOException.class).hasMessageContaining("blocker");
  }
}
