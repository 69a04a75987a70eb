package io.postflow.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo end to end on the sandbox, and the command line that keeps it off real projects. */
class DemoTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void onTheSandbox_everyRenderEndsAsItShould_andTheSummarySaysSo_evenWithCredentialsInTheEnvironment() {
    DemoOptions options = DemoOptions.parse(List.of(), Map.of("FRAMEIO_TOKEN", "a-real-looking-token"));

    int status = Demo.run(options, out);

    String summary = output();
    assertThat(status).as(summary).isZero();
    assertThat(summary)
        .contains("no project was named: running on the sandbox")
        .doesNotContain("a-real-looking-token")
        .containsPattern("Dashboard: http://127\\.0\\.0\\.1:\\d+/")
        // How often a bar is drawn depends on how fast the machine uploads; DemoNarratorTest pins it.
        .containsPattern("KRAK_00001_v001.mov +\\[#{24}\\] +100\\.0%  16\\.0 / 16\\.0 MB")
        .contains("WIP_BYSHOT/", "SC01_PHARE_NUIT/", "[stack] KRAK_00001_v002.mov")
        .containsPattern("KRAK_00002_v001.mov +delivered +16,000,000 bytes +sha256 [0-9a-f]{64}")
        .contains("KRAK_00003_final.mov: matches no pattern")
        .contains("Notifications sent (4):")
        .contains("Shot KRAK_00001 is now review_uploaded")
        .contains("Everything happened as expected")
        .doesNotContain("NOT as expected");
  }

  @Test
  void help_printsTheOptionsAndRunsNothing() {
    assertThat(Demo.run(DemoOptions.parse(List.of("--help"), Map.of()), out)).isZero();
    assertThat(output()).startsWith("Usage: Demo").contains("--project ID", "--yes", "Exit status")
        .doesNotContain("Backend:");
  }

  @Test
  void aRealProject_isRefusedWithoutYes_andWithoutCredentials_beforeAnythingIsCreated() {
    Map<String, String> credentials = Map.of("FRAMEIO_TOKEN", "a-real-looking-token");
    assertThat(Demo.run(DemoOptions.parse(List.of("--project", "p-123"), credentials), out)).isEqualTo(2);
    assertThat(output()).contains("Refused:", "real Frame.io project p-123", "POSTFLOW_DEMO_", "--yes")
        .doesNotContain("Backend:").doesNotContain("a-real-looking-token");

    bytes.reset();
    assertThat(Demo.run(DemoOptions.parse(List.of("--project", "p-123", "--yes"), Map.of()), out)).isEqualTo(2);
    assertThat(output()).contains("Refused:", "needs Frame.io credentials").doesNotContain("Backend:");
  }

  @Test
  void badArguments_nameTheArgumentAndWhy() {
    assertThatThrownBy(() -> DemoOptions.parse(List.of("--port", "abc"), Map.of()))
        .hasMessage("--port must be a whole number, not 'abc'");
    assertThatThrownBy(() -> DemoOptions.parse(List.of("--port"), Map.of()))
        .hasMessageContaining("--port needs a value");
    assertThatThrownBy(() -> DemoOptions.parse(List.of("--project", "--yes"), Map.of()))
        .hasMessageContaining("--project needs a value");
    assertThatThrownBy(() -> DemoOptions.parse(List.of("--frobnicate"), Map.of()))
        .hasMessageContaining("unknown argument '--frobnicate'");
    assertThatThrownBy(() -> DemoOptions.parse(List.of("--account", "a-1"), Map.of()))
        .hasMessageContaining("--account is for a real project");
    assertThat(DemoOptions.parse(List.of("--project", "p-1", "--yes", "--port", "8780"), Map.of("FRAMEIO_TOKEN", "secret"))
        .toString()).doesNotContain("secret");
  }
}
