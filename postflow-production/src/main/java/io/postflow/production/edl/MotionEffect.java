package io.postflow.production.edl;

import java.math.BigDecimal;

/**
 * An {@code M2 REEL SPEED TC} retime attached to an event.
 *
 * @param line 1-based line number
 * @param reel the reel field
 * @param speed frames per second the source plays at ({@code 025.0} gives 25.0; negative plays in
 *     reverse), exact as written
 * @param sourceTimecode the entry point as written
 */
public record MotionEffect(int line, String reel, BigDecimal speed, String sourceTimecode) {}
