package io.postflow.production.edl;

import io.postflow.production.timecode.Timecode;
import java.util.Objects;

/**
 * One event line of an EDL. An event is one line, or two with the same number for a transition
 * (the outgoing source, then the incoming one).
 *
 * @param line 1-based line number
 * @param reel the reel field ({@code AX} auxiliary, {@code BL} black, ...)
 * @param channels e.g. {@code V}, {@code A2}, {@code AA/V}
 * @param transition the transition kind
 * @param transitionCode the field as written, e.g. {@code C}, {@code D}, {@code W001}, {@code KB}
 * @param transitionFrames the duration field, 0 when absent
 * @param sourceIn source in as written: cameras at another rate than the timeline give values that
 *     are not valid at the timeline's rate, and they are kept, never rejected
 * @param sourceOut source out as written
 * @param recordIn record in, validated at the configured rate
 * @param recordOut record out, validated at the configured rate
 */
public record EdlEventLine(
    int line,
    String reel,
    String channels,
    Transition transition,
    String transitionCode,
    int transitionFrames,
    String sourceIn,
    String sourceOut,
    Timecode recordIn,
    Timecode recordOut) {

  /** Checks that nothing is null. */
  public EdlEventLine {
    Objects.requireNonNull(reel, "reel");
    Objects.requireNonNull(channels, "channels");
    Objects.requireNonNull(transition, "transition");
    Objects.requireNonNull(transitionCode, "transitionCode");
    Objects.requireNonNull(sourceIn, "sourceIn");
    Objects.requireNonNull(sourceOut, "sourceOut");
    Objects.requireNonNull(recordIn, "recordIn");
    Objects.requireNonNull(recordOut, "recordOut");
  }
}
