/**
 * The shot list on Google Sheets.
 *
 * <pre>{@code
 * ShotRepository shots = GoogleSheetsShotRepository.builder()
 *     .spreadsheetId("1AbC...xyz")
 *     .sheet("Shots")
 *     .serviceAccountKey(ServiceAccountKey.read(Path.of("postflow-sa.json")))
 *     .reader(ShotListReader.builder().rate(FrameRate.FPS_25).build())
 *     .open();
 * PostFlow postflow = PostFlow.builder().fromEnvironment().shots(shots).build();
 * }</pre>
 */
package io.postflow.sheets;
