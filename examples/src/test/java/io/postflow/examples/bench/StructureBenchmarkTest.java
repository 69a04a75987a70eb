package io.postflow.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.FolderPath;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StructureBenchmarkTest {
  @TempDir Path dir;

  @Test
  void shotFolders_ofThe520Shot25SceneProduction_needsOneTopFolder25SceneFoldersAnd520ShotFolders() throws Exception {
    List<FolderPath> paths = StructureBenchmark.shotFolders(dir, 520, 25);
    Set<FolderPath> all = StructureBenchmark.allFolders(paths);

    assertThat(paths).hasSize(520).doesNotHaveDuplicates();
    assertThat(all).hasSize(1 + 25 + 520);
    assertThat(all.stream().filter(p -> p.names().size() == 1)).containsExactly(FolderPath.of("WIP_BYSHOT"));
    Set<FolderPath> scenes = all.stream().filter(p -> p.names().size() == 2).collect(Collectors.toSet());
    assertThat(scenes).hasSize(25);
    // 520 shots over 25 scenes: every scene holds 20 or 21 of them
    assertThat(paths.stream().collect(Collectors.groupingBy(FolderPath::parent, Collectors.counting())).values())
        .hasSize(25).allSatisfy(n -> assertThat(n).isBetween(20L, 21L));
    assertThat(paths.get(0).toString()).startsWith("WIP_BYSHOT/SC01_").endsWith("/BENCH_00001");
    assertThat(paths.get(519).toString()).startsWith("WIP_BYSHOT/SC25_").endsWith("/BENCH_00520");
  }

  @Test
  void allFolders_listsParentsBeforeTheirChildren() {
    Set<FolderPath> all = StructureBenchmark.allFolders(List.of(FolderPath.parse("A/B/C"), FolderPath.parse("A/D")));

    assertThat(all).containsExactly(FolderPath.parse("A"), FolderPath.parse("A/B"), FolderPath.parse("A/B/C"),
        FolderPath.parse("A/D"));
  }

  @Test
  void shotFolders_whenThereAreMoreScenesThanShots_namesBoth() {
    assertThatThrownBy(() -> StructureBenchmark.shotFolders(dir, 3, 4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 shots in 4 scenes");
  }
}
