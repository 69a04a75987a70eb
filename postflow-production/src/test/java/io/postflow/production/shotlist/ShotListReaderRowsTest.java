package io.postflow.production.shotlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.InvalidInputException;
import io.postflow.api.Shot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A shot list read from rows of cells (a spreadsheet API), as the same rows exported to CSV. */
class ShotListReaderRowsTest {
  private static final List<String> HEADER = List.of("PLAN", "SEQUENCE", "TC IN", "TC OUT", "SOURCE NAME",
      "NOMENCLATURE PLAN", "COMMENTAIRE");

  @Test
  void read_rowsWithLineBreaksInCellsAndShortRows_givesRowNumbersAsLines() {
    List<List<String>> rows = List.of(
        List.of("KRAK - LISTE DES PLANS"),
        HEADER,
        List.of("001", "PHARE - NUIT", "01:00:00:00", "01:00:04:00", "A001.mov", "KRAK_00001",
            "premier jet\nà revoir\navec la réal"),
        List.of("002", "PHARE - NUIT", "01:00:04:00", "01:00:08:00", "A002.mov", "KRAK_00002"),
        List.of(),
        List.of("003", "PORT, AUBE", "01:00:08:00", "01:00:10:00", "A003 \"v2\".mov", "KRAK_00003"));

    ShotList list = ShotListReaderTest.READER.read(rows, "sheet 'Shots'");

    assertThat(list.shots()).extracting(Shot::number).containsExactly("001", "002", "003");
    assertThat(list.shots()).extracting(Shot::line).containsExactly(3, 4, 6);
    assertThat(list.raw(list.shots().get(0), Column.SCENE)).contains("PHARE - NUIT");
    assertThat(list.shots().get(0).columns().get("COMMENTAIRE")).isEqualTo("premier jet\nà revoir\navec la réal");
    assertThat(list.shots().get(2).scene().rawName()).isEqualTo("PORT, AUBE");
    assertThat(list.shots().get(2).sourceName()).contains("A003 \"v2\".mov");
    assertThat(list.warnings()).allSatisfy(w -> assertThat(w.line()).isBetween(1, 6));
    assertThat(list.columnOf("nomenclature  plan")).hasValue(5);
    assertThat(list.columnOf("STATUT")).isEmpty();
  }

  /**
   * Found by {@code ShotListReaderFuzzTest}: a lone CR in a cell once shifted every later row's
   * number, and normalisations kept the CSV's line numbers.
   */
  @Test
  void read_cellsWithCrLfAndLoneCr_keepRowNumbers() {
    List<List<String>> rows = List.of(
        HEADER,
        List.of("001", "PHARE - NUIT", "01:00:00:00", "01:00:04:00", "A001.mov", "KRAK_00001", "a\r\nb\rc"),
        List.of("002", "PHARE - NUIT", "01:00:04:00", "01:00:08:00", "A002.mov", "KRAK_00002", "d\re"),
        List.of("002", "PHARE - NUIT", "01:00:08:00", "01:00:10:00", "A003.mov", "KRAK_00003"));

    ShotList list = ShotListReaderTest.READER.read(rows, "sheet 'Shots'");

    assertThat(list.shots()).extracting(Shot::line).containsExactly(2, 3, 4);
    assertThat(list.normalisations()).singleElement().satisfies(n -> assertThat(n.lines()).containsExactly(2, 3, 4));
    assertThat(list.warnings()).extracting(ShotListWarning::line).contains(4)
        .allSatisfy(line -> assertThat(line).isBetween(1, 4));
  }

  @Test
  void read_rowsWithoutTheRequiredHeaders_failsLikeTheCsv() {
    assertThatThrownBy(() -> ShotListReaderTest.READER.read(List.of(List.of("A", "B"), List.of("1", "2")), "sheet 'X'"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("sheet 'X'");
  }
}
