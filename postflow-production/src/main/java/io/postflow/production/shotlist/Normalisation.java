package io.postflow.production.shotlist;

import java.util.List;

/**
 * A value of the shot list that was normalised for matching, with every line it occurs on. The
 * raw value stays available in {@link io.postflow.api.Shot#columns()}.
 *
 * @param header the column's header as written
 * @param raw the value as written
 * @param normalised what PostFlow matches on
 * @param reason what was changed, for a person
 * @param lines 1-based lines where this exact raw value was normalised
 */
public record Normalisation(String header, String raw, String normalised, String reason, List<Integer> lines) {
  /** Copies {@code lines}. */
  public Normalisation {
    lines = LineNumbers.copyOf(lines);
  }
}
