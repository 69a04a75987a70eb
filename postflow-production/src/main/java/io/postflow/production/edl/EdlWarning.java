package io.postflow.production.edl;

import java.util.Objects;

/**
 * Something odd in an EDL that the lenient reader got past; in strict mode it is an error instead.
 *
 * @param line the 1-based line it was found on
 * @param kind what sort of oddity
 * @param message what was found, for a person
 */
public record EdlWarning(int line, Kind kind, String message) {

  /** What sort of oddity. */
  public enum Kind {
    /** A line was not valid UTF-8 and was decoded with the fallback charset. */
    ENCODING,
    /** A line the reader does not know; kept out of the events. */
    UNKNOWN_LINE,
    /** A line that starts like an event but does not have an event's fields. */
    MALFORMED_EVENT,
    /** A source timecode that is not {@code HH:MM:SS:FF} at all (kept as written). */
    MALFORMED_SOURCE_TIMECODE,
    /** An {@code M2} line that cannot be read or has no event to belong to. */
    MALFORMED_MOTION_EFFECT,
    /** An event (not black or bars) without a clip name comment. */
    MISSING_CLIP_NAME,
    /** Record time jumps forward between two events. */
    GAP,
    /** An event starts before the previous one ends. */
    OVERLAP,
    /** Record out before record in. */
    NEGATIVE_DURATION,
    /** An event number seen again, not on the line right after. */
    DUPLICATE_EVENT_NUMBER,
    /** {@code FCM} disagrees with the configured rate. */
    FCM_MISMATCH,
    /**
     * A timecode that cannot be: a source timecode impossible at any rate ({@code 25:99:99:99},
     * kept as written), or a record timecode invalid at the timeline's rate (the line is ignored).
     */
    IMPOSSIBLE_TIMECODE,
    /** Source and record durations differ on an event without a motion effect. */
    DURATION_MISMATCH,
    /** A header without any event: an empty timeline. */
    NO_EVENTS
  }

  /** Checks the values. */
  public EdlWarning {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }

  /** {@code line 14 [GAP]: ...}. */
  @Override
  public String toString() {
    return "line " + line + " [" + kind + "]: " + message;
  }
}
