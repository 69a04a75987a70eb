package io.postflow.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Writes a small shot list CSV in the production's export format: shots KRAK_00001.. in scenes. */
final class ShotListFixture {
  static final String HEADER = "PLAN,VIGNETTE,SEQUENCE,TC IN,TC OUT,TC IN SOURCE,TC OUT SOURCE,DURÉE,"
      + "SOURCE NAME,Doublons,NOMENCLATURE PLAN,LUT,GRAPHISTE,COMMENTAIRE,GRAPH VALIDÉ PAR PROD,"
      + "VERIF TECHNIQUE,MISE À DISPO EN MONTAGE";

  private ShotListFixture() {}

  /** Shot {@code i} (1-based) is in scene {@code scenes[i - 1]}; each shot lasts 4 seconds. */
  static Path write(Path csv, String... scenes) throws IOException {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    for (int i = 1; i <= scenes.length; i++) {
      String in = timecode((i - 1) * 4);
      String outTc = timecode(i * 4);
      out.append(String.format(Locale.ROOT, "%03d,,%s,%s,%s,00:00:00:00,00:00:04:00,00:00:04:00,SRC_%03d.mov,,"
          + "KRAK_%05d,,,,FALSE,FALSE,FALSE%n", i, scenes[i - 1], in, outTc, i, i));
    }
    Files.writeString(csv, out, StandardCharsets.UTF_8);
    return csv;
  }

  private static String timecode(int seconds) {
    return String.format(Locale.ROOT, "01:%02d:%02d:00", seconds / 60, seconds % 60);
  }
}
