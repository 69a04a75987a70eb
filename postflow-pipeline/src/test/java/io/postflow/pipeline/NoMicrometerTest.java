package io.postflow.pipeline;

import static io.postflow.pipeline.PipelineNotificationsTest.awaitThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.testkit.TestFiles;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Micrometer is optional: a pipeline whose class path has no Micrometer (and that gives no
 * registry) builds, starts, delivers and raises alerts all the same.
 */
class NoMicrometerTest {
  @TempDir
  Path work;

  @Test
  void withoutMicrometerOnTheClassPath_thePipelineDelivers() throws Exception {
    String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.contains("micrometer") && !entry.contains("HdrHistogram")
            && !entry.contains("LatencyUtils"))
        .collect(Collectors.joining(File.pathSeparator));
    assertThat(classPath).doesNotContain("micrometer");
    try (SandboxPipeline env = new SandboxPipeline(work)) {
      TestFiles.random(env.renders.resolve("KRAK_00001_v001.mov"), 2000, 1);
      Process child = new ProcessBuilder(List.of(
          ProcessHandle.current().info().command().orElse("java"), "-cp", classPath, "-Xmx256m",
          "-XX:TieredStopAtLevel=1", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
          CrashChild.class.getName(), env.sandbox.baseUri().toString(), env.sandbox.issueAccessToken(),
          env.sandbox.accountId(), env.sandbox.projectId(), work.toString(), "--until-done", "1"))
          .redirectErrorStream(true).start();
      try {
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child finished").isTrue();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(output).doesNotContain("NoClassDefFoundError").contains("done {DELIVERED=1}");
        assertThat(child.exitValue()).as(output).isZero();
      } finally {
        child.destroyForcibly();
      }
      awaitThat("the file is on Frame.io", () -> env.sandbox.inspect().fileNamed("KRAK_00001_v001.mov").isPresent());
    }
  }
}
