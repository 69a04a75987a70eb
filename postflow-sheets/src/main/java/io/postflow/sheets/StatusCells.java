package io.postflow.sheets;

import io.postflow.api.Shot;
import io.postflow.api.ShotStatus;
import io.postflow.production.shotlist.StatusText;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two steps of a status write: compare (read the shots' nomenclature and status cells again,
 * in one request) and write (every status cell, and "updated" cell when the sheet has that
 * column, in one request). Stateless; the repository serialises its calls.
 */
final class StatusCells {
  private final SheetsApi api;
  private final String sheet;
  private final Clock clock;

  StatusCells(SheetsApi api, String sheet, Clock clock) {
    this.api = api;
    this.sheet = sheet;
    this.clock = clock;
  }

  /**
   * For each shot (by index in {@code s}), null when its row still holds it and its status cell
   * still holds what was read, else the conflict.
   */
  List<SheetConflictException> compare(SheetSnapshot s, List<Integer> indexes) {
    List<String> ranges = new ArrayList<>();
    for (int i : indexes) {
      ranges.add(A1.cell(sheet, s.nomenclatureColumn(), s.rows().get(i)));
      ranges.add(A1.cell(sheet, s.statusColumn(), s.rows().get(i)));
    }
    List<List<List<String>>> now = api.batchGet(ranges);
    List<SheetConflictException> conflicts = new ArrayList<>();
    for (int k = 0; k < indexes.size(); k++) {
      int i = indexes.get(k);
      String nomenclatureNow = only(now.get(2 * k));
      String statusNow = only(now.get(2 * k + 1));
      if (!nomenclatureNow.equals(s.nomenclatureCells().get(i))) {
        conflicts.add(new SheetConflictException(ranges.get(2 * k), s.nomenclatureCells().get(i), nomenclatureNow,
            "the row no longer holds shot " + s.nomenclatureCells().get(i) + " (rows inserted, deleted or sorted)"));
      } else if (!statusNow.equals(s.statusCells().get(i))) {
        conflicts.add(new SheetConflictException(ranges.get(2 * k + 1), s.statusCells().get(i), statusNow,
            "the status was changed by someone else"));
      } else {
        conflicts.add(null);
      }
    }
    return conflicts;
  }

  /** Writes {@code values} for the shots at {@code indexes}; returns the snapshot as it now is. */
  SheetSnapshot write(SheetSnapshot s, List<Integer> indexes, List<ShotStatus> values) {
    List<SheetSnapshot.Written> written = new ArrayList<>();
    String when = clock.instant().toString();
    for (int k = 0; k < indexes.size(); k++) {
      int row = s.rows().get(indexes.get(k));
      written.add(new SheetSnapshot.Written(row, s.statusColumn(), StatusText.of(values.get(k))));
      if (s.updatedColumn() >= 0) {
        written.add(new SheetSnapshot.Written(row, s.updatedColumn(), when));
      }
    }
    Map<String, String> cells = new LinkedHashMap<>();
    written.forEach(w -> cells.put(A1.cell(sheet, w.column(), w.row()), w.value()));
    api.batchUpdate(cells);
    List<Shot> shots = new ArrayList<>(s.index().shots());
    List<String> statusCells = new ArrayList<>(s.statusCells());
    for (int k = 0; k < indexes.size(); k++) {
      int i = indexes.get(k);
      shots.set(i, Shot.builder().from(shots.get(i)).status(values.get(k)).build());
      statusCells.set(i, StatusText.of(values.get(k)));
    }
    return s.with(shots, statusCells, written);
  }

  private static String only(List<List<String>> rows) {
    return rows.isEmpty() || rows.get(0).isEmpty() ? "" : rows.get(0).get(0);
  }
}
