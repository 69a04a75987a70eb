package io.postflow.production.shotlist;

import java.util.List;
import java.util.Locale;

/**
 * Material inserted or removed in the edit moves every later event by the same amount: a run of
 * at least two consecutive paired shots (in record order, removed and unpaired shots skipped)
 * whose record in moved by one constant offset. Reported as one change instead of one per shot.
 *
 * @param offsetFrames how far the run moved, in frames (negative: earlier)
 * @param shots the pairings of the run, in record order; those whose out or source also changed
 *     are {@linkplain ShotMatch.Category#CHANGED changed} with the residual
 */
public record Ripple(long offsetFrames, List<ShotMatch> shots) {
  /** Copies {@code shots}. */
  public Ripple {
    shots = List.copyOf(shots);
  }

  /** The first shot's number. */
  public String firstShot() {
    return shots.get(0).shot().number();
  }

  /** The last shot's number. */
  public String lastShot() {
    return shots.get(shots.size() - 1).shot().number();
  }

  /** {@code shots 031 to 077: +12 frames}. */
  public String describe() {
    return String.format(Locale.ROOT, "shots %s to %s: %+d frames", firstShot(), lastShot(), offsetFrames);
  }
}
