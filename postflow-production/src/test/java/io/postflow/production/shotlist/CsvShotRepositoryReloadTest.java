package io.postflow.production.shotlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.ConfigurationException;
import io.postflow.api.Shot;
import io.postflow.api.ShotStatus;
import io.postflow.testkit.ManualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production edits the CSV while the pipeline runs. */
class CsvShotRepositoryReloadTest {
  private static final String HEADER = "PLAN,SEQUENCE,TC IN,TC OUT,SOURCE NAME,NOMENCLATURE PLAN";
  private static final String ROW_1 = "001,LAB,01:00:00:00,01:00:02:00,A001.mov,KRAK_00001";
  private static final String ROW_2 = "002,LAB,01:00:02:00,01:00:04:00,A002.mov,KRAK_00002";
  private static final String ROW_3 = "003,QUAI,01:00:04:00,01:00:06:00,A003.mov,KRAK_00003";

  @TempDir Path dir;
  private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-05T09:00:00Z"));
  private final AtomicInteger reloads = new AtomicInteger();
  private Path csv;
  private CsvShotRepository repo;

  @BeforeEach
  void open() throws IOException {
    csv = dir.resolve("shots.csv");
    save(HEADER, ROW_1, ROW_2);
    repo = CsvShotRepository.builder().file(csv).reader(ShotListReaderTest.READER).clock(clock)
        .checkInterval(Duration.ofSeconds(2)).open();
    repo.addReloadListener(reloads::incrementAndGet);
  }

  /** Saves the CSV with a new modification time, as a spreadsheet's save does. */
  private void save(String... lines) throws IOException {
    Files.writeString(csv, String.join("\r\n", lines) + "\r\n", StandardCharsets.UTF_8);
    Files.setLastModifiedTime(csv, FileTime.from(clock.instant()));
    clock.advance(Duration.ofSeconds(1));
  }

  @Test
  void reloadIfDue_beforeTheIntervalPassed_doesNotLook_andAfterItReloadsTheEdit() throws IOException {
    save(HEADER, ROW_1, ROW_2, ROW_3);
    assertThat(repo.reloadIfDue()).as("1 s after opening, the 2 s interval has not passed").isFalse();
    assertThat(repo.findByNomenclature("KRAK_00003")).isEmpty();

    clock.advance(Duration.ofSeconds(1));
    assertThat(repo.reloadIfDue()).isTrue();
    assertThat(repo.findByNomenclature("KRAK_00003")).map(Shot::number).contains("003");
    assertThat(repo.scenes()).hasSize(2);
    assertThat(reloads).hasValue(1);
    assertThat(repo.reloadProblem()).isEmpty();
  }

  @Test
  void reload_keepsStatuses_evenOfAShotTheEditRemovedForAWhile() throws IOException {
    repo.updateStatus("KRAK_00001", ShotStatus.REVIEW_UPLOADED);
    repo.updateStatus("KRAK_00002", ShotStatus.REVIEW_UPLOADED);
    repo.updateStatus("KRAK_00002", ShotStatus.REVIEW_APPROVED);

    save(HEADER, ROW_1, ROW_3);
    assertThat(repo.reloadIfChanged()).isTrue();
    assertThat(repo.findByNomenclature("KRAK_00001")).map(Shot::status).contains(ShotStatus.REVIEW_UPLOADED);
    assertThat(repo.findByNomenclature("KRAK_00002")).isEmpty();
    // A status saved while 002 is out of the list keeps 002's in the side-file.
    repo.updateStatus("KRAK_00003", ShotStatus.REVIEW_UPLOADED);
    assertThat(Files.readString(repo.statusFile())).contains("KRAK_00002").contains("review_approved");

    save(HEADER, ROW_1, ROW_2, ROW_3);
    assertThat(repo.reloadIfChanged()).isTrue();
    assertThat(repo.findByNomenclature("KRAK_00002")).map(Shot::status).contains(ShotStatus.REVIEW_APPROVED);
    assertThat(repo.findByNomenclature("KRAK_00003")).map(Shot::status).contains(ShotStatus.REVIEW_UPLOADED);
    assertThat(reloads).hasValue(2);
  }

  @Test
  void reload_ofABadEdit_keepsTheLastGoodList_andWarnsOnceNamingTheLine() throws IOException {
    save(HEADER, ROW_1, "002,LAB,01:00:02:00,01:00:04:00,\"A002.mov,KRAK_00002", ROW_3);

    assertThat(repo.reloadIfChanged()).isFalse();
    assertThat(repo.shots()).extracting(Shot::number).containsExactly("001", "002");
    assertThat(repo.reloadProblem()).hasValueSatisfying(p -> assertThat(p)
        .contains("shots.csv").contains("keeping the last good list (2 shots)").containsPattern("line|:3"));
    assertThat(repo.problemsLogged()).isEqualTo(1);

    // Saved again unchanged (a new modification time, the same content): no second warning.
    save(HEADER, ROW_1, "002,LAB,01:00:02:00,01:00:04:00,\"A002.mov,KRAK_00002", ROW_3);
    assertThat(repo.reloadIfChanged()).isFalse();
    assertThat(repo.problemsLogged()).isEqualTo(1);
    assertThat(reloads).hasValue(0);

    // The production fixes the cell: reloaded, the problem gone.
    save(HEADER, ROW_1, ROW_2, ROW_3);
    assertThat(repo.reloadIfChanged()).isTrue();
    assertThat(repo.shots()).hasSize(3);
    assertThat(repo.reloadProblem()).isEmpty();
  }

  @Test
  void reload_whenTheFileIsGone_keepsTheList_andReportsIt() throws IOException {
    Files.delete(csv);
    assertThat(repo.reloadIfChanged()).isFalse();
    assertThat(repo.shots()).hasSize(2);
    assertThat(repo.reloadProblem()).hasValueSatisfying(p -> assertThat(p).contains("is gone"));
    save(HEADER, ROW_1, ROW_2);
    assertThat(repo.reloadIfChanged()).as("the same content back").isFalse();
    assertThat(repo.reloadProblem()).isEmpty();
  }

  @Test
  void reload_ofASaveWithoutAChange_isNoReload() throws IOException {
    save(HEADER, ROW_1, ROW_2);
    assertThat(repo.reloadIfChanged()).isFalse();
    assertThat(reloads).hasValue(0);
  }

  @Test
  void aListenerThatThrows_doesNotStopTheReloadOrTheOtherListeners() throws IOException {
    Runnable bad = () -> {
      throw new IllegalStateException("listener bug");
    };
    AtomicInteger after = new AtomicInteger();
    repo.addReloadListener(bad);
    repo.addReloadListener(after::incrementAndGet);
    save(HEADER, ROW_1, ROW_2, ROW_3);
    assertThat(repo.reloadIfChanged()).isTrue();
    assertThat(after).hasValue(1);
    repo.removeReloadListener(bad);
    repo.removeReloadListener(after::incrementAndGet); // another instance: nothing happens
  }

  @Test
  void builder_withoutAFileOrWithANegativeInterval_namesTheSetting() {
    assertThatThrownBy(() -> CsvShotRepository.builder().reader(ShotListReaderTest.READER).open())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'file'");
    assertThatThrownBy(() -> CsvShotRepository.builder().file(csv).reader(ShotListReaderTest.READER)
        .checkInterval(Duration.ofSeconds(-1)).open())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'checkInterval'");
  }
}
