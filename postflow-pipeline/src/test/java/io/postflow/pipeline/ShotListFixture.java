package io.postflow.pipeline;

import io.postflow.testkit.ShotListFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes a small shot list CSV in the production's export format: shots KRAK_00001.. in scenes. */
final class ShotListFixture {
  private ShotListFixture() {}

  /** Shot {@code i} (1-based) is in scene {@code scenes[i - 1]}; each shot lasts 4 seconds. */
  static Path write(Path csv, String... scenes) throws IOException {
    return ShotListFiles.write(csv, "KRAK", List.of(scenes));
  }
}
