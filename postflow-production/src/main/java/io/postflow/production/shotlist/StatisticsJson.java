package io.postflow.production.shotlist;

import io.postflow.production.timecode.FrameRate;
import io.postflow.production.timecode.Timecode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statistics as a JSON-ready map, with the keys scripts rely on. One place, so the detailed
 * export and the command line agree. Plain JDK types, so no JSON library leaks into the API.
 */
public final class StatisticsJson {
  private StatisticsJson() {}

  /**
   * An ordered map with {@code shots, placedShots, removedShots} (counts), {@code
   * removedShotNumbers}, {@code scenes} (as written), {@code scenesNormalised, uniqueSources} (as
   * written, all rows), {@code uniqueSourcesNormalised, uniqueSourcesPlaced} (as written, placed
   * shots), {@code uniqueSourcesPlacedNormalised, shotsWithReusedSource, duplicatesMarked,
   * missingNomenclature} (count), {@code missingNomenclatureShots, firstRecordIn, lastRecordOut}
   * (timecodes or null), {@code totalFrames, totalDuration, perScene} (list of maps). Values are
   * strings, numbers, lists, maps or null. "Normalised" is spelt so everywhere, like
   * {@link Normalisation}.
   */
  public static Map<String, Object> of(ShotListStatistics s, FrameRate rate) {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("shots", s.shots());
    node.put("placedShots", s.placedShots());
    node.put("removedShots", s.removedShots().size());
    node.put("removedShotNumbers", s.removedShots());
    node.put("scenes", s.scenesAsWritten());
    node.put("scenesNormalised", s.scenes());
    node.put("uniqueSources", s.uniqueSourcesAsWritten());
    node.put("uniqueSourcesNormalised", s.uniqueSources());
    node.put("uniqueSourcesPlaced", s.uniqueSourcesPlacedAsWritten());
    node.put("uniqueSourcesPlacedNormalised", s.uniqueSourcesPlaced());
    node.put("shotsWithReusedSource", s.shotsWithReusedSource());
    node.put("duplicatesMarked", s.duplicatesMarked());
    node.put("missingNomenclature", s.missingNomenclature().size());
    node.put("missingNomenclatureShots", s.missingNomenclature());
    node.put("firstRecordIn", s.firstRecordIn().map(Timecode::toString).orElse(null));
    node.put("lastRecordOut", s.lastRecordOut().map(Timecode::toString).orElse(null));
    node.put("totalFrames", s.totalFrames());
    node.put("totalDuration", Timecode.ofFrames(s.totalFrames(), rate, false).toString());
    List<Map<String, Object>> perScene = new ArrayList<>();
    for (SceneDuration sd : s.perScene()) {
      Map<String, Object> scene = new LinkedHashMap<>();
      scene.put("number", sd.scene().number());
      scene.put("name", sd.scene().name());
      scene.put("rawName", sd.scene().rawName());
      scene.put("shots", sd.shots());
      scene.put("frames", sd.frames());
      scene.put("duration", Timecode.ofFrames(sd.frames(), rate, false).toString());
      perScene.add(scene);
    }
    node.put("perScene", perScene);
    return node;
  }
}
