/**
 * The production's shot list (CSV): column mapping, RFC 4180 reading, normalisation for matching,
 * statistics, exports, reconciliation with an EDL, and a {@link io.postflow.api.ShotRepository}
 * that persists workflow statuses and their history next to the CSV.
 *
 * <pre>{@code
 * ShotListReader reader = ShotListReader.builder().rate(FrameRate.FPS_25).build();
 * ShotRepository shots = CsvShotRepository.open(Path.of("shots.csv"), reader);
 * shots.updateStatus("KRAK_00042", ShotStatus.AE_IN_PROGRESS);
 * }</pre>
 */
package io.postflow.production.shotlist;
