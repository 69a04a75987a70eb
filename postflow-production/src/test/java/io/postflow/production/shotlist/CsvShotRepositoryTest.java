package io.postflow.production.shotlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.InvalidInputException;
import io.postflow.api.Shot;
import io.postflow.api.ShotStatus;
import io.postflow.api.UnknownShotException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvShotRepositoryTest {
  @TempDir Path dir;

  private Path csv() throws IOException {
    Path csv = dir.resolve("shots.csv");
    Files.write(csv, ShotListReaderTest.fixture("shots_sample.csv"));
    return csv;
  }

  private static CsvShotRepository open(Path csv) {
    return CsvShotRepository.open(csv, ShotListReaderTest.READER);
  }

  @Test
  void lookups_normaliseNomenclature_andFindByNumberAsWritten() throws IOException {
    CsvShotRepository repo = open(csv());
    assertThat(repo.shots()).hasSize(30);
    assertThat(repo.scenes()).hasSize(5);
    assertThat(repo.findByNomenclature(" krak-00042 ")).isEmpty();
    assertThat(repo.findByNomenclature(" krak-00012 ")).map(Shot::number).contains("012");
    assertThat(repo.findByNumber("013")).map(Shot::nomenclature).contains(java.util.Optional.empty());
    assertThat(repo.findByNumber("13")).isEmpty();
    assertThat(repo.shots()).allMatch(s -> s.status().equals(ShotStatus.PENDING));
  }

  @Test
  void updateStatus_persistsAndSurvivesReload() throws IOException {
    Path csv = csv();
    byte[] before = Files.readAllBytes(csv);
    CsvShotRepository repo = open(csv);
    Shot updated = repo.updateStatus("krak_00005", ShotStatus.AE_IN_PROGRESS);
    assertThat(updated.status()).isEqualTo(ShotStatus.AE_IN_PROGRESS);
    assertThat(repo.findByNumber("005")).map(Shot::status).contains(ShotStatus.AE_IN_PROGRESS);
    assertThat(repo.statusFile()).hasFileName("shots.csv.postflow-status.json");
    assertThat(Files.readString(repo.statusFile())).contains("\"KRAK_00005\" : \"ae_in_progress\"");
    assertThat(Files.readAllBytes(csv)).isEqualTo(before);
    assertThat(dir.toFile().list()).containsExactlyInAnyOrder("shots.csv", "shots.csv.postflow-status.json");

    CsvShotRepository reloaded = open(csv);
    assertThat(reloaded.findByNomenclature("KRAK_00005")).map(Shot::status).contains(ShotStatus.AE_IN_PROGRESS);
    assertThat(reloaded.findByNomenclature("KRAK_00006")).map(Shot::status).contains(ShotStatus.PENDING);
  }

  @Test
  void updateStatus_unknownNomenclature_throwsAndWritesNothing() throws IOException {
    CsvShotRepository repo = open(csv());
    assertThatThrownBy(() -> repo.updateStatus("KRAK_99999", ShotStatus.REVIEW_APPROVED))
        .isInstanceOfSatisfying(UnknownShotException.class, e -> {
          assertThat(e).hasMessage("no shot KRAK_99999 in shots.csv");
          assertThat(e.nomenclature()).isEqualTo("KRAK_99999");
          assertThat(e.isRetryable()).isFalse();
        });
    assertThat(repo.statusFile()).doesNotExist();
  }

  @Test
  void unknownShotException_withoutSource_namesTheShotOnly() {
    assertThat(new UnknownShotException("KRAK_99999", null)).hasMessage("no shot KRAK_99999");
  }

  @Test
  void updateStatus_concurrentUpdates_allKept() throws Exception {
    Path csv = csv();
    CsvShotRepository repo = open(csv);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Shot>> futures = new ArrayList<>();
      for (int i = 1; i <= 12; i++) {
        String nomenclature = String.format("KRAK_%05d", i);
        futures.add(pool.submit(() -> repo.updateStatus(nomenclature, ShotStatus.REVIEW_UPLOADED)));
      }
      for (Future<Shot> f : futures) {
        f.get(10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(open(csv).shots().stream().filter(s -> s.status().equals(ShotStatus.REVIEW_UPLOADED)))
        .hasSize(12);
  }

  @Test
  void open_corruptStatusFile_namesIt() throws IOException {
    Path csv = csv();
    Files.writeString(dir.resolve("shots.csv.postflow-status.json"), "{\"format\":\"other\"}");
    assertThatThrownBy(() -> open(csv)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("shots.csv.postflow-status.json").hasMessageContaining("format");
    Files.writeString(dir.resolve("shots.csv.postflow-status.json"),
        "{\"format\":\"postflow-shot-status/1\",\"statuses\":{\"KRAK_00001\":\"LOST\"}}", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> open(csv)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'LOST'").hasMessageContaining("KRAK_00001");
  }

  @Test
  void open_missingCsv_throwsLocalFileException() {
    assertThatThrownBy(() -> open(dir.resolve("none.csv"))).isInstanceOf(io.postflow.api.LocalFileException.class)
        .hasMessageContaining("none.csv");
  }
}
