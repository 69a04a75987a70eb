package io.postflow.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes shot list CSVs in the production's export format, for tests and benchmarks: shot
 * {@code i} (1-based) is {@code <project>_0000i}, lasts 4 seconds and is in scene
 * {@code scenes.get(i - 1)}.
 */
public final class ShotListFiles {
  /** The export's header line. */
  public static final String HEADER = "PLAN,VIGNETTE,SEQUENCE,TC IN,TC OUT,TC IN SOURCE,TC OUT SOURCE,DURÉE,"
      + "SOURCE NAME,Doublons,NOMENCLATURE PLAN,LUT,GRAPHISTE,COMMENTAIRE,GRAPH VALIDÉ PAR PROD,"
      + "VERIF TECHNIQUE,MISE À DISPO EN MONTAGE";

  private ShotListFiles() {}

  /** Writes the shot list of {@code project}'s shots in {@code scenes} to {@code csv}. */
  public static Path write(Path csv, String project, List<String> scenes) throws IOException {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    for (int i = 1; i <= scenes.size(); i++) {
      String in = timecode((i - 1) * 4);
      String outTc = timecode(i * 4);
      out.append(String.format(Locale.ROOT, "%03d,,%s,%s,%s,00:00:00:00,00:00:04:00,00:00:04:00,SRC_%03d.mov,,"
          + "%s_%05d,,,,FALSE,FALSE,FALSE%n", i, scenes.get(i - 1), in, outTc, i, project, i));
    }
    Files.writeString(csv, out, StandardCharsets.UTF_8);
    return csv;
  }

  private static String timecode(int seconds) {
    return String.format(Locale.ROOT, "%02d:%02d:%02d:00", 1 + seconds / 3600, seconds / 60 % 60, seconds % 60);
  }
}
