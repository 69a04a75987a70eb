/**
 * The production's shot list (CSV): column mapping, RFC 4180 reading, normalisation for matching,
 * statistics, exports, reconciliation with an EDL, and a {@link io.postflow.api.ShotRepository}
 * that persists review statuses next to the CSV.
 *
 * <pre>{@code
 * ShotListReader reader = ShotListReader.builder().rate(FrameRate.FPS_25).build();
 * ShotRepository shots = CsvShotRepository.open(Path.of("shots.csv"), reader);
 * shots.updateStatus("KRAK_00042", ShotStatus.APPROVED);
 * }</pre>
 */
package io.postflow.production.shotlist;
