package io.postflow.production.shotlist;

import io.postflow.api.Scene;

/**
 * A scene's share of the shot list.
 *
 * @param scene the scene
 * @param shots how many shots it has
 * @param frames the sum of its shots' record durations (shots with invalid timecodes count 0)
 */
public record SceneDuration(Scene scene, int shots, long frames) {}
