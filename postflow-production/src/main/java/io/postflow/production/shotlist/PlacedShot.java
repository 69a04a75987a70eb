package io.postflow.production.shotlist;

import io.postflow.api.Shot;
import io.postflow.production.timecode.Timecode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * A shot with a place on the timeline (valid record in and out at the list's rate), with its
 * source range when the list gives one that is valid at that rate.
 */
record PlacedShot(Shot shot, Timecode recordIn, Timecode recordOut, Optional<Timecode> sourceIn,
    Optional<Timecode> sourceOut) {

  /** The shot placed, or empty when its record timecodes are missing, invalid or out before in. */
  static Optional<PlacedShot> of(ShotList list, Shot shot) {
    Optional<Timecode> in = list.recordIn(shot);
    Optional<Timecode> out = list.recordOut(shot);
    if (in.isEmpty() || out.isEmpty() || in.get().framesUntilAcrossMidnight(out.get()) <= 0) {
      return Optional.empty();
    }
    return Optional.of(new PlacedShot(shot, in.get(), out.get(), source(list, shot, Column.SOURCE_IN),
        source(list, shot, Column.SOURCE_OUT)));
  }

  private static Optional<Timecode> source(ShotList list, Shot shot, Column column) {
    return list.raw(shot, column).map(String::strip).filter(s -> !s.isEmpty())
        .flatMap(s -> ShotListParser.timecode(s, list.rate()));
  }

  long recordFrames() {
    return recordIn.framesUntilAcrossMidnight(recordOut);
  }

  /** Where the source starts: as written, else the start of the day (no source given). */
  Timecode sourceStart() {
    return sourceIn.orElseGet(() -> Timecode.ofFrames(0, recordIn.rate(), false));
  }

  /** Source frames played, when the list gives a source range; else the record length. */
  long sourceFrames() {
    if (sourceIn.isPresent() && sourceOut.isPresent()) {
      long frames = sourceIn.get().framesUntilAcrossMidnight(sourceOut.get());
      if (frames > 0) {
        return frames;
      }
    }
    return recordFrames();
  }

  /** Source frames per record frame: 1 unless the shot is retimed. */
  BigDecimal speedRatio() {
    return BigDecimal.valueOf(sourceFrames()).divide(BigDecimal.valueOf(recordFrames()), 6,
        RoundingMode.HALF_UP).stripTrailingZeros();
  }

  boolean retimed() {
    return sourceFrames() != recordFrames();
  }
}
