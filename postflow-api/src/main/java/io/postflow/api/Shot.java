package io.postflow.api;

import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One shot (plan) of the production's shot list. Timecodes are kept as written
 * ({@code HH:MM:SS:FF}); the frame counts are computed at the production's rate.
 */
@Value.Immutable
public abstract class Shot {
  /** The shot number as written in the list, e.g. {@code 001}. */
  public abstract String number();

  /** The nomenclature, e.g. {@code UNDLM_00042}; empty when the list has none for this shot. */
  public abstract Optional<String> nomenclature();

  public abstract Scene scene();

  /** Record (timeline) in and out, as written. */
  public abstract Optional<String> recordIn();

  public abstract Optional<String> recordOut();

  /** Record duration in frames, when both timecodes were valid. */
  public abstract Optional<Long> durationFrames();

  /** The source media file, normalised (text glued after the extension removed). */
  public abstract Optional<String> sourceName();

  /** Whether the production marked the shot as a duplicate ({@code Doublons}). */
  public abstract boolean duplicateMarked();

  public abstract ShotStatus status();

  /** The 1-based line of the shot list the shot starts on. */
  public abstract int line();

  /**
   * Every column of the row as written, by header, in header order. A {@link ShotColumns} rather
   * than a hash map: it is kept for every row of lists of many thousand rows.
   */
  @Value.Auxiliary
  @Value.Default
  public ShotColumns columns() {
    return ShotColumns.empty();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Shot}. */
  public static final class Builder extends ImmutableShot.Builder {
    /** Every column of the row as written, by header; copied. */
    public Builder columns(Map<String, String> columns) {
      columns(ShotColumns.copyOf(columns));
      return this;
    }
  }
}
