package io.postflow.production.shotlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.postflow.api.LocalFileException;
import io.postflow.api.Shot;
import io.postflow.api.ShotStatus;
import io.postflow.testkit.SmallDisk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status side-file on full disks, after crashes, and with the permissions a studio gave it. */
class StatusFileDurabilityTest {
  private static final int SHOTS = 600;
  @TempDir Path dir;
  private SmallDisk disk;

  /** Skipped where a tmpfs cannot be mounted, except on CI, which must run these (as root). */
  @BeforeEach
  void needsASmallDisk() {
    SmallDisk.whyUnavailable().ifPresent(why ->
        assumeTrue("true".equals(System.getenv("CI")), why + " (skipped here; CI fails instead)"));
  }

  @AfterEach
  void unmount() {
    if (disk != null) {
      disk.close();
    }
  }

  @Test
  void updateStatus_whenTheDiskFillsUp_failsNamingTheStatusFile_andKeepsTheGoodCopy() throws IOException {
    // What the review saw, at half the size: a 45 KB status file and 16 KiB left on the disk; the
    // update was cut at 16,384 bytes, moved over the good copy and reported as a success.
    disk = SmallDisk.mount(dir.resolve("disk"), 256);
    Path csv = shots(disk.dir(), SHOTS);
    Path status = csv.resolveSibling("shots.csv.postflow-status.json");
    Files.writeString(status, statusesOfEveryShot("REVIEW_UPLOADED"));
    assertThat(Files.size(status)).isGreaterThan(22_000);
    byte[] good = Files.readAllBytes(status);
    CsvShotRepository repo = CsvShotRepository.open(csv, ShotListReaderTest.READER);
    disk.fillLeaving(8 * 1024);

    assertThatThrownBy(() -> repo.updateStatus("KRAK_00007", ShotStatus.REVIEW_APPROVED))
        .isInstanceOfSatisfying(LocalFileException.class, e -> assertThat(e.path()).isEqualTo(status))
        .hasMessage("cannot write the shot list status file " + status + ": No space left on device");

    assertThat(Files.readAllBytes(status)).as("the good copy").isEqualTo(good);
    assertThat(names(disk.dir())).containsExactlyInAnyOrder("shots.csv", status.getFileName().toString(), "filler");
    assertThat(repo.findByNomenclature("KRAK_00007")).map(Shot::status).contains(ShotStatus.REVIEW_UPLOADED);
    assertThat(CsvShotRepository.open(csv, ShotListReaderTest.READER).findByNomenclature("KRAK_00600"))
        .map(Shot::status).contains(ShotStatus.REVIEW_UPLOADED);

    disk.empty();
    repo.updateStatus("KRAK_00007", ShotStatus.REVIEW_APPROVED);
    CsvShotRepository reopened = CsvShotRepository.open(csv, ShotListReaderTest.READER);
    assertThat(reopened.findByNomenclature("KRAK_00007")).map(Shot::status).contains(ShotStatus.REVIEW_APPROVED);
    assertThat(reopened.findByNomenclature("KRAK_00600")).map(Shot::status).contains(ShotStatus.REVIEW_UPLOADED);
  }

  @Test
  void updateStatus_keepsThePermissionsTheStudioGaveTheStatusFile() throws IOException {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path csv = shots(dir, 3);
    Path status = Files.writeString(csv.resolveSibling("shots.csv.postflow-status.json"),
        "{\"format\":\"postflow-shot-status/1\",\"statuses\":{}}");
    Files.setPosixFilePermissions(status, PosixFilePermissions.fromString("rw-rw-r--"));

    CsvShotRepository.open(csv, ShotListReaderTest.READER).updateStatus("KRAK_00001", ShotStatus.AE_READY);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(status))).isEqualTo("rw-rw-r--");
  }

  @Test
  void open_deletesTheTemporaryFilesInterruptedWritesLeft_andNothingElse() throws IOException {
    Path csv = shots(dir, 3);
    Files.writeString(csv.resolveSibling("shots.csv.postflow-status.json"),
        "{\"format\":\"postflow-shot-status/1\",\"statuses\":{\"KRAK_00001\":\"APPROVED\"}}");
    for (int i = 0; i < 29; i++) { // what the review found beside one shot list
      Files.writeString(dir.resolve("shots.csv.postflow-status.json" + (4_000_000_000L + i) + ".tmp"), "{");
    }
    Files.writeString(dir.resolve(".shots.csv.postflow-status.json.postflow-00000000deadbeef.tmp"), "{");
    Files.writeString(dir.resolve("shots.csv.postflow-status.json.bak"), "the studio's own copy");

    CsvShotRepository repo = CsvShotRepository.open(csv, ShotListReaderTest.READER);

    assertThat(repo.findByNomenclature("KRAK_00001")).map(Shot::status).contains(ShotStatus.REVIEW_APPROVED);
    assertThat(names(dir)).containsExactlyInAnyOrder("shots.csv", "shots.csv.postflow-status.json",
        "shots.csv.postflow-status.json.bak");
  }

  /** A shot list of {@code count} shots, KRAK_00001 and on, one second each. */
  private static Path shots(Path dir, int count) throws IOException {
    StringBuilder csv = new StringBuilder("PLAN,SEQUENCE,TC IN,TC OUT,SOURCE NAME,NOMENCLATURE PLAN\n");
    for (int i = 1; i <= count; i++) {
      String n = String.valueOf(10_000 + i).substring(1);
      csv.append(n).append(",SEQ,").append(tc(i - 1)).append(',').append(tc(i)).append(",A_").append(n)
          .append(".mov,KRAK_0").append(n).append('\n');
    }
    return Files.writeString(dir.resolve("shots.csv"), csv, StandardCharsets.UTF_8);
  }

  private static String tc(int seconds) {
    return "01:" + (100 + seconds / 60 + "").substring(1) + ":" + (100 + seconds % 60 + "").substring(1) + ":00";
  }

  private static String statusesOfEveryShot(String status) {
    StringBuilder json = new StringBuilder("{\n  \"format\" : \"postflow-shot-status/1\",\n  \"statuses\" : {\n");
    for (int i = 1; i <= SHOTS; i++) {
      json.append("    \"KRAK_0").append(String.valueOf(10_000 + i).substring(1)).append("\" : \"")
          .append(status).append(i < SHOTS ? "\",\n" : "\"\n");
    }
    return json.append("  }\n}\n").toString();
  }

  private static java.util.List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }
}
