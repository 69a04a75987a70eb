package io.postflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryState;
import io.postflow.api.FileIdentity;
import io.postflow.pipeline.journal.SqliteDeliveryJournal;
import io.postflow.testkit.FrameioSandbox;
import io.postflow.testkit.SandboxFile;
import io.postflow.testkit.TestFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline under a C locale ({@code LANG=C}, as systemd and cron start services), where Java
 * spells {@code Scène_01} as {@code Sc\ufffd\ufffdne_01}: a string that names no file. Renders below
 * such a folder are delivered once, with the same identity as under a UTF-8 locale, and a restart
 * does not record them again.
 */
class PipelineLocaleTest {
  @TempDir Path work;

  @Test
  void underACLocale_aRenderInAnAccentedFolder_isDeliveredOnce_andIdentifiedAsUnderUtf8() throws Exception {
    ShotListFixture.write(work.resolve("shots.csv"), "PHARE - NUIT", "PHARE - NUIT");
    Path renders = Files.createDirectories(work.resolve("renders"));
    // Made from UTF-8 bytes, whatever this JVM's locale.
    Path scene = Files.createDirectory(Path.of(URI.create(renders.toUri() + "Sc%C3%A8ne_01")));
    Path render = TestFiles.random(scene.resolve("KRAK_00001_v001.mov"), 300_000, 7);
    Path unmatched = TestFiles.random(Path.of(URI.create(renders.toUri() + "Sc%C3%A8ne_01.mov")), 1000, 8);

    try (FrameioSandbox sandbox = FrameioSandbox.builder().transcodeDelay(Duration.ZERO).start()) {
      String token = sandbox.issueAccessToken(Duration.ofHours(1));
      runUnderCLocale(sandbox, token);
      runUnderCLocale(sandbox, token); // a restart: nothing new to record, nothing to upload again

      List<SandboxFile> files = sandbox.inspect().files();
      assertThat(files).extracting(SandboxFile::name).containsExactly("KRAK_00001_v001.mov");
      assertThat(files.get(0).sha256()).isEqualTo(TestFiles.sha256(render));
    }
    try (SqliteDeliveryJournal journal = SqliteDeliveryJournal.open(work.resolve("journal.db"))) {
      List<Delivery> all = journal.list(Set.of(), 100);
      // Before the fix: "Sc\ufffd\ufffdne_01/...", and the upload could not find the file.
      assertThat(all).extracting(d -> d.file().relativePath() + " " + d.state()).containsExactlyInAnyOrder(
          "Sc\u00e8ne_01/KRAK_00001_v001.mov DELIVERED", "Sc\u00e8ne_01.mov QUARANTINED");
      assertThat(all).extracting(Delivery::localPath).allSatisfy(p -> assertThat(p).contains("/Sc\u00e8ne_01"));
      // This JVM's locale computes the same identities: agents with other locales agree.
      assertThat(journal.isRecorded(identity(renders, render))).isTrue();
      assertThat(journal.isRecorded(identity(renders, unmatched))).isTrue();
    }
  }

  private static FileIdentity identity(Path root, Path file) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    return FileIdentity.of("renders", root.relativize(file), attributes.size(),
        attributes.lastModifiedTime().toInstant());
  }

  /** Runs {@link CrashChild} with {@code LANG=C} until one delivery is delivered and nothing is left. */
  private void runUnderCLocale(FrameioSandbox sandbox, String token) throws IOException, InterruptedException {
    Path output = work.resolve("child.out");
    ProcessBuilder builder = new ProcessBuilder(
        ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
        "-Dsun.jnu.encoding=ANSI_X3.4-1968", "-Dfile.encoding=ANSI_X3.4-1968",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        CrashChild.class.getName(),
        sandbox.baseUri().toString(), token, sandbox.accountId(), sandbox.projectId(), work.toString(),
        "--until-done", "1")
        .redirectErrorStream(true).redirectOutput(output.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("LC_") || name.equals("LANGUAGE"));
    env.put("LANG", "C");
    env.put("LC_ALL", "C");
    Process child = builder.start();
    try {
      boolean ended = child.waitFor(60, TimeUnit.SECONDS);
      List<String> lines = new ArrayList<>(Files.readAllLines(output, StandardCharsets.ISO_8859_1));
      assertThat(ended).as("the child finished; its output: %s", lines).isTrue();
      assertThat(child.exitValue()).as("child exit; its output: %s", lines).isZero();
    } finally {
      child.destroyForcibly();
      child.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
