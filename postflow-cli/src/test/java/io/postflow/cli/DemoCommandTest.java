package io.postflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code postflow demo} end to end on the sandbox, and the options that keep it off real projects. */
class DemoCommandTest {
  private static final String TOKEN = "a-real-looking-token";

  @TempDir Path home;

  private CliRun cli() {
    return new CliRun(home, null);
  }

  @Test
  void onTheSandbox_everyRenderEndsAsItShould_andTheSummarySaysSo_evenWithCredentialsInTheEnvironment_thenCtrlCEndsTheLinger()
      throws Exception {
    CliRun cli = cli().env("FRAMEIO_TOKEN", TOKEN);
    CompletableFuture<Integer> demo = CompletableFuture.supplyAsync(() -> cli.run("demo", "--linger", "3600"));
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (!cli.out().contains("The dashboard stays up for 3600 s") && !demo.isDone() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(demo.isDone()).as("still lingering: " + cli.out() + cli.err()).isFalse();

    cli.stop.trigger();

    assertThat(demo.get(60, TimeUnit.SECONDS)).as(cli.out() + cli.err()).isZero();
    String summary = cli.out();
    assertThat(summary)
        .contains("no project was named: running on the sandbox")
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
    assertThat(summary + cli.err()).doesNotContain(TOKEN);
  }

  @Test
  void help_printsTheOptionsAndRunsNothing() {
    CliRun cli = cli();
    assertThat(cli.run("demo", "--help")).isZero();
    assertThat(cli.out()).startsWith("Usage: postflow demo").contains("--project", "--yes", "--linger", "Exit status")
        .doesNotContain("Backend:");
  }

  @Test
  void aRealProject_isRefusedWithoutYes_andWithoutCredentials_beforeAnythingIsCreated() {
    CliRun unconfirmed = cli().env("FRAMEIO_TOKEN", TOKEN);
    assertThat(unconfirmed.run("demo", "--project", "p-123")).isEqualTo(2);
    assertThat(unconfirmed.err()).contains("real Frame.io project p-123", "POSTFLOW_DEMO_", "--yes")
        .doesNotContain(TOKEN).doesNotContain("\tat ");
    assertThat(unconfirmed.out()).doesNotContain("Backend:");

    CliRun noCredentials = cli();
    assertThat(noCredentials.run("demo", "--project", "p-123", "--yes")).isEqualTo(3);
    assertThat(noCredentials.err()).contains("needs Frame.io credentials", "postflow login");
    assertThat(noCredentials.out()).doesNotContain("Backend:");
  }

  @Test
  void badOptions_nameTheOptionAndWhy_andExitTwo() {
    CliRun port = cli();
    assertThat(port.run("demo", "--port", "abc")).isEqualTo(2);
    assertThat(port.err()).contains("--port", "abc");
    CliRun range = cli();
    assertThat(range.run("demo", "--port", "70000")).isEqualTo(2);
    assertThat(range.err()).contains("--port must be 0 to 65535");
    CliRun missing = cli();
    assertThat(missing.run("demo", "--project")).isEqualTo(2);
    assertThat(missing.err()).contains("--project");
    CliRun dash = cli();
    assertThat(dash.run("demo", "--project", "--yes")).isEqualTo(2);
    CliRun unknown = cli();
    assertThat(unknown.run("demo", "--frobnicate")).isEqualTo(2);
    assertThat(unknown.err()).contains("--frobnicate");
    CliRun account = cli();
    assertThat(account.run("demo", "--account", "a-1")).isEqualTo(2);
    assertThat(account.err()).contains("--account is for a real project");
    CliRun linger = cli();
    assertThat(linger.run("demo", "--linger", "-1")).isEqualTo(2);
  }
}
