package io.postflow.production.edl;

/**
 * A {@code * LOC: <tc> <color> <text>} marker attached to an event.
 *
 * @param line 1-based line number
 * @param timecode the marker's timecode as written
 * @param color the color as written ({@code RED}, {@code YELLOW}, ...), empty when absent
 * @param text the marker's text, possibly empty
 */
public record EdlLocator(int line, String timecode, String color, String text) {}
