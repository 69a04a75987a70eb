package io.postflow.production.shotlist;

import io.postflow.api.InvalidInputException;
import io.postflow.api.ShotStatus;
import java.util.Locale;

/**
 * A shot status as people read it in a cell or a file: {@code review_uploaded}. The one place a
 * status becomes text and text a status, so a sheet, an OTIO export and a report spell it alike.
 */
public final class StatusText {
  private StatusText() {}

  /** {@code ShotStatus.REVIEW_UPLOADED} gives {@code review_uploaded}. */
  public static String of(ShotStatus status) {
    return status.name();
  }

  /**
   * The status a cell holds, case and surrounding spaces ignored; an empty cell is
   * {@link ShotStatus#PENDING}.
   *
   * @throws InvalidInputException naming {@code where} (e.g. a sheet's cell) when the text is no
   *     status
   */
  public static ShotStatus parse(String text, String where) {
    String t = text == null ? "" : text.strip();
    if (t.isEmpty()) {
      return ShotStatus.PENDING;
    }
    try {
      return ShotStatus.valueOf(t.toLowerCase(Locale.ROOT).replace(' ', '_'));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(where, 0, null, "'" + t + "' is not a shot status (one of "
          + ShotStatus.defaults().stream().map(StatusText::of).toList() + ")");
    }
  }
}
