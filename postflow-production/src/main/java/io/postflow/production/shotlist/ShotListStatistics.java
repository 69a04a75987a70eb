package io.postflow.production.shotlist;

import io.postflow.production.timecode.Timecode;
import java.util.List;
import java.util.Optional;

/**
 * The figures a production asks of its shot list.
 *
 * @param shots rows read as shots
 * @param placedShots shots with a record in or out: in the cut when the list was written
 * @param removedShots numbers of the shots with neither record in nor out (removed from the cut),
 *     in list order; they count in {@code shots} but not in the timeline figures
 * @param scenesAsWritten distinct scene names as written
 * @param scenes distinct scenes after normalising dashes, spaces, case and accents
 * @param uniqueSourcesAsWritten distinct source names as written
 * @param uniqueSources distinct source names after normalising (first line of the cell, text glued
 *     after the extension cut)
 * @param uniqueSourcesPlacedAsWritten distinct source names as written among placed shots
 * @param uniqueSourcesPlaced distinct normalised source names among placed shots
 * @param shotsWithReusedSource shots whose (normalised) source is used by more than one shot
 * @param duplicatesMarked shots the production marked as duplicates
 * @param missingNomenclature numbers of the shots without nomenclature, in list order
 * @param firstRecordIn the earliest valid record in
 * @param lastRecordOut the latest valid record out
 * @param totalFrames the sum of the record durations of the shots that have one (both record
 *     timecodes valid, out after in)
 * @param perScene each scene's shots and frames, in scene order
 */
public record ShotListStatistics(
    int shots,
    int placedShots,
    List<String> removedShots,
    int scenesAsWritten,
    int scenes,
    int uniqueSourcesAsWritten,
    int uniqueSources,
    int uniqueSourcesPlacedAsWritten,
    int uniqueSourcesPlaced,
    int shotsWithReusedSource,
    int duplicatesMarked,
    List<String> missingNomenclature,
    Optional<Timecode> firstRecordIn,
    Optional<Timecode> lastRecordOut,
    long totalFrames,
    List<SceneDuration> perScene) {

  /** Copies the lists. */
  public ShotListStatistics {
    removedShots = List.copyOf(removedShots);
    missingNomenclature = List.copyOf(missingNomenclature);
    perScene = List.copyOf(perScene);
  }
}
