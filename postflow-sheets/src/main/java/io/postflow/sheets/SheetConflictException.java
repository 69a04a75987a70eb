package io.postflow.sheets;

import io.postflow.api.PostFlowException;

/**
 * PostFlow did not write a cell because someone changed it since PostFlow read it: the sheet keeps
 * that person's value. Read the sheet again ({@link GoogleSheetsShotRepository#reloadIfChanged()})
 * and decide.
 */
public class SheetConflictException extends PostFlowException {
  private static final long serialVersionUID = 1L;

  private final String cell;
  private final String expected;
  private final String found;

  /**
   * @param cell the cell in A1 notation, e.g. {@code 'Shot list'!F12}
   * @param expected what PostFlow read there before
   * @param found what the cell holds now
   * @param problem what it means, e.g. "status changed by someone else"
   */
  public SheetConflictException(String cell, String expected, String found, String problem) {
    super(cell + ": " + problem + " since PostFlow read it (was '" + expected + "', now '" + found
        + "'); not overwritten");
    this.cell = cell;
    this.expected = expected;
    this.found = found;
  }

  /** The cell, in A1 notation. */
  public String cell() {
    return cell;
  }

  /** What PostFlow had read in the cell. */
  public String expected() {
    return expected;
  }

  /** What the cell holds now. */
  public String found() {
    return found;
  }
}
