/**
 * SMPTE timecode at exact rational frame rates, drop-frame at 29.97 and 59.94 only.
 *
 * <pre>{@code
 * FrameRate rate = FrameRate.parse("29.97");
 * Timecode tc = Timecode.parse("00:10:00;00", rate);   // frame 17982
 * String next = tc.plus(1).toString();                  // "00:10:00;01"
 * }</pre>
 */
package io.postflow.production.timecode;
