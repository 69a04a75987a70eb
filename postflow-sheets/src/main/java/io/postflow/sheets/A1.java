package io.postflow.sheets;

/**
 * A1 notation as the Sheets API reads it: {@code 'Shot list'!F12}. Sheet names with anything
 * but letters, digits and {@code _} are quoted, their quotes doubled.
 */
final class A1 {
  private A1() {}

  /** The whole sheet: {@code 'Shot list'}. */
  static String sheet(String sheet) {
    return sheet.matches("[A-Za-z_][A-Za-z0-9_]*") ? sheet : "'" + sheet.replace("'", "''") + "'";
  }

  /** One cell; {@code column} 0-based, {@code row} 1-based. */
  static String cell(String sheet, int column, int row) {
    return sheet(sheet) + "!" + column(column) + row;
  }

  /** {@code 0} gives {@code A}, {@code 25} {@code Z}, {@code 26} {@code AA}. */
  static String column(int index) {
    StringBuilder letters = new StringBuilder();
    for (int n = index + 1; n > 0; n = (n - 1) / 26) {
      letters.insert(0, (char) ('A' + (n - 1) % 26));
    }
    return letters.toString();
  }
}
