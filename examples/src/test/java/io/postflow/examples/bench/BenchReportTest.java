package io.postflow.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {
  @TempDir Path dir;

  private static BenchReport sample() {
    return BenchReport.of("Exposer vs nginx", ExposerBenchmark.class, new String[] {"0.25", "3"},
            Map.of("JAVA_OPTS", " -Xmx64m "))
        .explainedIn("benchmarks-tunnel.md")
        .compare("full GET, MB/s", 1310.4, "nginx", 1225.2, "%.0f")
        .compare("CPU per GiB, ms", 90, "nginx | sendfile", 120, "%.1f")
        .value("peak heap", "39 MiB")
        .note("Medians of 3 rounds.");
  }

  @Test
  void markdown_ofASection_hasTheTitleTableOfMediansRatiosNotesAndTheCommandLine() {
    assertThat(sample().markdown()).isEqualTo("""
        ## Exposer vs nginx

        | measure | PostFlow | reference | reference value | ratio |
        |---|---|---|---|---|
        | full GET, MB/s | 1310 | nginx | 1225 | 1.07 |
        | CPU per GiB, ms | 90.0 | nginx \\| sendfile | 120.0 | 0.75 |
        | peak heap | 39 MiB | — | — | — |

        Medians of 3 rounds.

        Method and how to read it: [benchmarks-tunnel.md](benchmarks-tunnel.md).

        Command: `JAVA_OPTS="-Xmx64m" scripts/bench ExposerBenchmark 0.25 3`

        """);
  }

  @Test
  void compare_whenTheReferenceIsZero_leavesTheRatioBlankInsteadOfInfinity() {
    String markdown = BenchReport.of("t", StructureBenchmark.class, new String[0], Map.of())
        .compare("429 answers", 3, "goal", 0, "%.0f").markdown();

    assertThat(markdown).contains("| 429 answers | 3 | goal | 0 | — |")
        .contains("Command: `scripts/bench StructureBenchmark`").doesNotContain("Method and how to read it");
  }

  @Test
  void appendTo_appendsEachSectionAfterWhatTheFileHolds() throws Exception {
    Path report = Files.writeString(dir.resolve("sections.md"), "earlier\n");

    assertThat(sample().appendTo(report.toString())).contains(report);
    sample().appendTo(report.toString());

    String text = Files.readString(report);
    assertThat(text).startsWith("earlier\n## Exposer vs nginx\n");
    assertThat(text.split("## Exposer vs nginx", -1)).hasSize(3);
  }

  @Test
  void appendTo_whenNoReportIsRequested_writesNothing() {
    assertThat(sample().appendTo(null)).isEmpty();
    assertThat(sample().appendTo(" ")).isEmpty();
  }

  @Test
  void appendTo_whenTheFileCannotBeWritten_namesTheFileAndTheVariable() {
    Path missing = dir.resolve("no-such-folder").resolve("sections.md");

    assertThatThrownBy(() -> sample().appendTo(missing.toString()))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(missing.toString()).hasMessageContaining("POSTFLOW_BENCH_REPORT");
  }

  @Test
  void median_ofAnOddOrEvenNumberOfValues_isTheMiddleOneOrTheMeanOfTheMiddleTwo() {
    assertThat(BenchReport.median(List.of(5.0, 1.0, 3.0))).isEqualTo(3.0);
    assertThat(BenchReport.median(List.of(4L, 1L, 3L, 10L))).isEqualTo(3.5);
    assertThatThrownBy(() -> BenchReport.median(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
