/**
 * A lenient CMX3600 EDL reader: events, transitions, comments, motion effects, record gaps and
 * overlaps, legacy-charset clip names; every oddity a warning with its line, or an error in strict
 * mode.
 *
 * <pre>{@code
 * Edl edl = EdlReader.builder().rate(FrameRate.FPS_25).build().read(Path.of("cut.edl"));
 * edl.warnings().forEach(w -> log.warn("{}", w));
 * }</pre>
 */
package io.postflow.production.edl;
