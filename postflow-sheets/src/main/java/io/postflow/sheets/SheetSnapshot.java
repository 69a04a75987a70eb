package io.postflow.sheets;

import io.postflow.api.Shot;
import io.postflow.api.ShotStatus;
import io.postflow.production.shotlist.ShotIndex;
import io.postflow.production.shotlist.ShotList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The sheet as last read: its cells (to tell whether a later read changed anything), the shot
 * list read from them with the statuses of the status column, and for each shot its row and the
 * nomenclature and status cells as read (what a write compares against). Immutable.
 *
 * @param cells every row as the API returned it
 * @param list the shot list, with statuses
 * @param index lookups over {@code list}'s shots
 * @param rows each shot's 1-based row, by shot index
 * @param nomenclatureCells each shot's nomenclature cell as read, by shot index
 * @param statusCells each shot's status cell as read, by shot index
 * @param statusColumn the 0-based status column
 * @param nomenclatureColumn the 0-based nomenclature column
 * @param updatedColumn the 0-based "updated" column, or -1
 */
record SheetSnapshot(List<List<String>> cells, ShotList list, ShotIndex index, List<Integer> rows,
    List<String> nomenclatureCells, List<String> statusCells, int statusColumn, int nomenclatureColumn,
    int updatedColumn) {

  /** What reading the rows found: the list and where PostFlow's columns are. */
  record Layout(ShotList list, int statusColumn, int nomenclatureColumn, int updatedColumn,
      BiFunction<String, Integer, ShotStatus> status) {}

  static SheetSnapshot read(List<List<String>> cells, Function<List<List<String>>, Layout> layoutOf) {
    Layout layout = layoutOf.apply(cells);
    List<Shot> shots = new ArrayList<>();
    List<Integer> rows = new ArrayList<>();
    List<String> nomenclatures = new ArrayList<>();
    List<String> statuses = new ArrayList<>();
    for (Shot shot : layout.list().shots()) {
      int row = shot.line();
      String statusCell = cell(cells, row, layout.statusColumn());
      shots.add(Shot.builder().from(shot).status(layout.status().apply(statusCell, row)).build());
      rows.add(row);
      nomenclatures.add(cell(cells, row, layout.nomenclatureColumn()));
      statuses.add(statusCell);
    }
    ShotList list = layout.list().withShots(shots);
    return new SheetSnapshot(List.copyOf(cells), list, ShotIndex.of(shots), List.copyOf(rows),
        List.copyOf(nomenclatures), List.copyOf(statuses), layout.statusColumn(),
        layout.nomenclatureColumn(), layout.updatedColumn());
  }

  /** A cell PostFlow wrote; {@code row} 1-based, {@code column} 0-based. */
  record Written(int row, int column, String value) {}

  /**
   * This snapshot after a write: new shots and status cells, and the cells as they now are, so the
   * next read finds no change that PostFlow made itself.
   */
  SheetSnapshot with(List<Shot> shots, List<String> newStatusCells, List<Written> written) {
    List<List<String>> now = new ArrayList<>(cells);
    for (Written w : written) {
      List<String> row = new ArrayList<>(now.get(w.row() - 1));
      while (row.size() <= w.column()) {
        row.add("");
      }
      row.set(w.column(), w.value());
      now.set(w.row() - 1, List.copyOf(row));
    }
    return new SheetSnapshot(List.copyOf(now), list.withShots(shots), ShotIndex.of(shots), rows,
        nomenclatureCells, List.copyOf(newStatusCells), statusColumn, nomenclatureColumn, updatedColumn);
  }

  private static String cell(List<List<String>> cells, int row, int column) {
    if (row < 1 || row > cells.size()) {
      return "";
    }
    List<String> r = cells.get(row - 1);
    return column < r.size() ? r.get(column) : "";
  }
}
