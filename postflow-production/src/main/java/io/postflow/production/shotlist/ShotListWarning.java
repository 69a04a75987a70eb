package io.postflow.production.shotlist;

/**
 * Something odd in a shot list that was read past: an invalid timecode, a duration that disagrees
 * with the timecodes, a repeated shot number, a row without a shot number, extra cells.
 *
 * @param line the 1-based line the row starts on
 * @param header the column concerned, or empty
 * @param message what was found
 */
public record ShotListWarning(int line, String header, String message) {
  /** {@code line 12 [TC IN]: ...}. */
  @Override
  public String toString() {
    return "line " + line + (header.isEmpty() ? "" : " [" + header + "]") + ": " + message;
  }
}
