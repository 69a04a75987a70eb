package io.postflow.production.shotlist;

import io.postflow.api.Shot;
import io.postflow.production.edl.EdlEvent;

/**
 * A shot of the list paired with an event of the cut.
 *
 * @param shot the shot as the list has it
 * @param event the event of the cut
 * @param basis how they were paired
 * @param timingChanged whether the record in or out differs
 * @param sourceChanged whether the event plays another clip than the list's source (extension and
 *     case ignored)
 * @param recordInDelta event record in minus shot record in, in frames (0 when unknown)
 * @param recordOutDelta event record out minus shot record out, in frames (0 when unknown)
 */
public record ShotMatch(
    Shot shot,
    EdlEvent event,
    Basis basis,
    boolean timingChanged,
    boolean sourceChanged,
    long recordInDelta,
    long recordOutDelta) {

  /** How a shot was paired with an event. */
  public enum Basis {
    /** Same record in and out (the source may differ: see {@link ShotMatch#sourceChanged()}). */
    POSITION,
    /** Same clip, overlapping record range: the shot was trimmed or extended. */
    CLIP_OVERLAP,
    /** Same clip, used by no other remaining shot or event: the shot moved. */
    CLIP_UNIQUE
  }

  /** Whether anything differs between the list and the cut. */
  public boolean changed() {
    return timingChanged || sourceChanged;
  }
}
