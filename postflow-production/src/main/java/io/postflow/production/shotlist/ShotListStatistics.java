package io.postflow.production.shotlist;

import io.postflow.production.timecode.Timecode;
import java.util.List;
import java.util.Optional;

/**
 * The figures a production asks of its shot list.
 *
 * @param shots rows read as shots
 * @param scenesAsWritten distinct scene names as written
 * @param scenes distinct scenes after normalising dashes, spaces, case and accents
 * @param uniqueSourcesAsWritten distinct source names as written
 * @param uniqueSources distinct source names after cutting text glued after the extension
 * @param shotsWithReusedSource shots whose (normalised) source is used by more than one shot
 * @param duplicatesMarked shots the production marked as duplicates
 * @param missingNomenclature numbers of the shots without nomenclature, in list order
 * @param firstRecordIn the earliest valid record in
 * @param lastRecordOut the latest valid record out
 * @param totalFrames the sum of the shots' record durations
 * @param perScene each scene's shots and frames, in scene order
 */
public record ShotListStatistics(
    int shots,
    int scenesAsWritten,
    int scenes,
    int uniqueSourcesAsWritten,
    int uniqueSources,
    int shotsWithReusedSource,
    int duplicatesMarked,
    List<String> missingNomenclature,
    Optional<Timecode> firstRecordIn,
    Optional<Timecode> lastRecordOut,
    long totalFrames,
    List<SceneDuration> perScene) {

  /** Copies the lists. */
  public ShotListStatistics {
    missingNomenclature = List.copyOf(missingNomenclature);
    perScene = List.copyOf(perScene);
  }
}
