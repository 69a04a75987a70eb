package io.postflow.production.shotlist;

import io.postflow.api.Shot;
import io.postflow.production.edl.EdlEvent;
import java.util.OptionalLong;

/**
 * A shot of the list paired with an event of the cut.
 *
 * @param shot the shot as the list has it
 * @param event the event of the cut
 * @param basis how they were paired
 * @param timingChanged whether the record in or out differs (a ripple included)
 * @param sourceChanged whether the event plays another clip than the list's source (extension and
 *     case ignored)
 * @param recordInDelta event record in minus shot record in, in frames (0 when unknown)
 * @param recordOutDelta event record out minus shot record out, in frames (0 when unknown)
 * @param sourceInDelta event source in minus the list's {@code TC IN SOURCE}, in frames, when both
 *     are valid timecodes at the production's rate
 * @param sourceOutDelta event source out minus the list's {@code TC OUT SOURCE}, likewise
 * @param rippleOffset the offset of the {@link Ripple} the shot is part of, 0 when none
 */
public record ShotMatch(
    Shot shot,
    EdlEvent event,
    Basis basis,
    boolean timingChanged,
    boolean sourceChanged,
    long recordInDelta,
    long recordOutDelta,
    OptionalLong sourceInDelta,
    OptionalLong sourceOutDelta,
    long rippleOffset) {

  /** How a shot was paired with an event. */
  public enum Basis {
    /** Same record in and out (the source may differ: see {@link ShotMatch#sourceChanged()}). */
    POSITION,
    /** Same clip, overlapping source range: the same take, wherever the edit put it. */
    SOURCE_OVERLAP,
    /** Same clip, overlapping record range: the shot was trimmed or extended. */
    CLIP_OVERLAP,
    /** Same clip, used by no other remaining shot or event: the shot moved. */
    CLIP_UNIQUE,
    /**
     * Overlapping record range, another clip: something of the cut sits where the shot was (a
     * re-conformed or renamed clip), so the shot counts as present, changed.
     */
    RECORD_OVERLAP
  }

  /** Where a pairing stands; see {@code docs/production-data.md}. */
  public enum Category {
    /** Same record in and out, same clip, same source range when both sides give one. */
    UNCHANGED,
    /** Part of a {@link Ripple}, and nothing else differs: the edit moved it, not changed it. */
    MOVED_BY_RIPPLE,
    /** Anything else: trimmed, slipped, another clip, moved alone, or a ripple plus a change. */
    CHANGED
  }

  /** Record in change beyond the ripple the shot is part of. */
  public long residualInDelta() {
    return recordInDelta - rippleOffset;
  }

  /** Record out change beyond the ripple the shot is part of. */
  public long residualOutDelta() {
    return recordOutDelta - rippleOffset;
  }

  /** Whether the source range moved within the clip (a slip or a trim of the source). */
  public boolean sourceTimingChanged() {
    return sourceInDelta.orElse(0) != 0 || sourceOutDelta.orElse(0) != 0;
  }

  /** The category of this pairing. */
  public Category category() {
    boolean unknownTiming = shot.recordIn().isEmpty() || shot.recordOut().isEmpty();
    if (sourceChanged || unknownTiming || residualInDelta() != 0 || residualOutDelta() != 0
        || sourceTimingChanged()) {
      return Category.CHANGED;
    }
    return rippleOffset != 0 ? Category.MOVED_BY_RIPPLE : Category.UNCHANGED;
  }

  /** Whether the pairing is {@link Category#CHANGED}: more than a ripple moved it. */
  public boolean changed() {
    return category() == Category.CHANGED;
  }
}
