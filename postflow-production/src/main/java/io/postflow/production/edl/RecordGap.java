package io.postflow.production.edl;

import io.postflow.production.timecode.Timecode;

/**
 * Record time between two consecutive events that is not covered (a gap) or covered twice (an
 * overlap). Reported as found, never "fixed".
 *
 * @param afterEvent the number of the earlier event
 * @param beforeEvent the number of the later event
 * @param from where the earlier event ends (gap) or the later one starts (overlap)
 * @param to where the later event starts (gap) or the earlier one ends (overlap)
 * @param frames the length, always positive
 */
public record RecordGap(String afterEvent, String beforeEvent, Timecode from, Timecode to, long frames) {}
