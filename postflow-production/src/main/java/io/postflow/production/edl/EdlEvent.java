package io.postflow.production.edl;

import io.postflow.production.timecode.Timecode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One EDL event: one event line, or two for a transition, with the comments and retimes that
 * follow it. Immutable.
 *
 * @param number the event number as written, e.g. {@code 005}
 * @param lines one line, or two for a transition (outgoing then incoming)
 * @param fromClipName {@code * FROM CLIP NAME:}
 * @param toClipName {@code * TO CLIP NAME:} (the incoming clip of a transition)
 * @param sourceFile {@code * SOURCE FILE:}
 * @param ascSop {@code * ASC_SOP} values as written
 * @param ascSat {@code * ASC_SAT} value as written
 * @param locators {@code * LOC:} markers in order
 * @param motionEffects {@code M2} retimes in order
 * @param comments every other comment line, without the {@code *}, and the CMX3600 lines
 *     {@code SPLIT:} (written before the event), {@code AUD} and {@code EFFECTS NAME IS} as written
 */
public record EdlEvent(
    String number,
    List<EdlEventLine> lines,
    Optional<String> fromClipName,
    Optional<String> toClipName,
    Optional<String> sourceFile,
    Optional<String> ascSop,
    Optional<String> ascSat,
    List<EdlLocator> locators,
    List<MotionEffect> motionEffects,
    List<String> comments) {

  private static final Set<String> BLACK_OR_BARS = Set.of("BL", "BLK", "BLACK", "BARS");

  /** Copies the lists; {@code lines} must have one or two entries. */
  public EdlEvent {
    lines = List.copyOf(lines);
    locators = List.copyOf(locators);
    motionEffects = List.copyOf(motionEffects);
    comments = List.copyOf(comments);
    if (lines.isEmpty() || lines.size() > 2) {
      throw new IllegalArgumentException("an event has one or two lines, got " + lines.size());
    }
  }

  /** The line the event starts on. */
  public int line() {
    return lines.get(0).line();
  }

  /** The incoming (last) line: the one whose source the event plays. */
  public EdlEventLine main() {
    return lines.get(lines.size() - 1);
  }

  /** The reel of the incoming line. */
  public String reel() {
    return main().reel();
  }

  /** The transition into this event ({@code CUT} for a single line). */
  public Transition transition() {
    return main().transition();
  }

  /** Where the event starts on the timeline (its first line's record in). */
  public Timecode recordIn() {
    return lines.get(0).recordIn();
  }

  /** Where the event ends on the timeline (its last line's record out). */
  public Timecode recordOut() {
    return main().recordOut();
  }

  /**
   * Record length in frames, across midnight when the timeline runs past it; negative when the
   * EDL has out before in (by less than half a day).
   */
  public long durationFrames() {
    return recordIn().framesUntilAcrossMidnight(recordOut());
  }

  /** The clip the event plays: the {@code TO} clip of a transition, else the {@code FROM} clip. */
  public Optional<String> clipName() {
    return toClipName.isPresent() ? toClipName : fromClipName;
  }

  /** Whether the reel is black or colour bars, which have no clip. */
  public boolean isBlackOrBars() {
    return BLACK_OR_BARS.contains(reel().toUpperCase(Locale.ROOT));
  }
}
