package io.postflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What build() accepts, and how it names the setting it refuses and where that came from. */
class PostFlowBuilderTest {
  @TempDir
  Path work;

  private Path shots;
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void shotList() throws Exception {
    shots = ShotListFixture.write(work.resolve("shots.csv"), "PHARE - NUIT");
    env.put("FRAMEIO_TOKEN", "token-from-env-not-a-secret");
    env.put("FRAMEIO_PROJECT_ID", "p-1");
    env.put("POSTFLOW_SHOT_LIST", shots.toString());
  }

  private PostFlow build(PostFlowBuilder builder) {
    return builder.fromEnvironment(env).build();
  }

  @Test
  void everythingFromTheEnvironment_buildsWithTheDefaults() {
    PostFlow postflow = build(PostFlow.builder());
    assertThat(postflow.shots().shots()).hasSize(1);
    assertThat(postflow.toString()).contains("project=p-1", "uploads=3").doesNotContain("token-from-env");
  }

  @Test
  void aBadNumber_namesTheKeyAndTheEnvironment() {
    env.put("MAX_CONCURRENT_UPLOADS", "abc");
    assertThatThrownBy(() -> build(PostFlow.builder()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("MAX_CONCURRENT_UPLOADS (from the environment) must be a whole number from 1 to 64, was 'abc'");
  }

  @Test
  void aBadDuration_fromTheFile_namesTheKeyAndTheFile() throws Exception {
    Path file = Files.writeString(work.resolve("postflow.properties"), "POSTFLOW_SETTLE_TIME=ten seconds\n");
    assertThatThrownBy(() -> build(PostFlow.builder().fromFile(file)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("POSTFLOW_SETTLE_TIME (from " + file + ")")
        .hasMessageContaining("was 'ten seconds'");
  }

  @Test
  void anUnknownKeyInTheFile_isRefused_soATypoIsNotIgnored() throws Exception {
    Path file = Files.writeString(work.resolve("postflow.properties"), "MAX_CONCURENT_UPLOADS=4\n");
    assertThatThrownBy(() -> build(PostFlow.builder().fromFile(file)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("unknown key(s) [MAX_CONCURENT_UPLOADS]");
  }

  @Test
  void theEnvironmentWinsOverTheFile_andCodeOverBoth() throws Exception {
    Path file = Files.writeString(work.resolve("postflow.properties"),
        "MAX_CONCURRENT_UPLOADS=7\nPOSTFLOW_AGENT_ID=from-file\nFRAMEIO_PROJECT_ID=p-file\n");
    env.put("MAX_CONCURRENT_UPLOADS", "5");
    assertThat(build(PostFlow.builder().fromFile(file)).toString()).contains("uploads=5", "agent=from-file", "project=p-1");
    assertThat(build(PostFlow.builder().fromFile(file).maxConcurrentUploads(2)).toString()).contains("uploads=2");
  }

  @Test
  void aSecretIsNeverRepeatedInAMessage() {
    env.put("FRAMEIO_CLIENT_ID", "client");
    assertThatThrownBy(() -> build(PostFlow.builder()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("FRAMEIO_TOKEN (from the environment)")
        .hasMessageContaining("FRAMEIO_CLIENT_ID (from the environment)")
        .hasMessageNotContaining("token-from-env");
  }

  @Test
  void noCredentials_saysWhatToSet() {
    env.remove("FRAMEIO_TOKEN");
    env.put("FRAMEIO_CLIENT_ID", "client");
    assertThatThrownBy(() -> build(PostFlow.builder()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("no Frame.io credentials: set FRAMEIO_TOKEN, or FRAMEIO_CLIENT_ID and FRAMEIO_CLIENT_SECRET")
        .hasMessageContaining("FRAMEIO_CLIENT_ID (from the environment) is set but FRAMEIO_CLIENT_SECRET is not");
  }

  @Test
  void aTokenFileThatDoesNotExist_saysHowToCreateIt() {
    env.remove("FRAMEIO_TOKEN");
    env.put("FRAMEIO_CLIENT_ID", "client");
    env.put("FRAMEIO_CLIENT_SECRET", "secret-not-shown");
    env.put("FRAMEIO_TOKEN_FILE", work.resolve("token.json").toString());
    assertThatThrownBy(() -> build(PostFlow.builder()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("FRAMEIO_TOKEN_FILE (from the environment) names no file")
        .hasMessageContaining("log in once")
        .hasMessageNotContaining("secret-not-shown");
  }

  @Test
  void noProjectOrNoShotList_isRefusedBeforeAnythingHappens() {
    env.remove("FRAMEIO_PROJECT_ID");
    assertThatThrownBy(() -> build(PostFlow.builder()))
        .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("a Frame.io project is required");
    env.put("FRAMEIO_PROJECT_ID", "p-1");
    env.put("POSTFLOW_SHOT_LIST", work.resolve("missing.csv").toString());
    assertThatThrownBy(() -> build(PostFlow.builder()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("POSTFLOW_SHOT_LIST (from the environment) names no file");
  }

  @Test
  void aWatchedFolderThatDoesNotExist_isNamed() {
    env.put("LUCIDLINK_MOUNT_PATH", work.resolve("nowhere").toString());
    assertThatThrownBy(() -> build(PostFlow.builder()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("LUCIDLINK_MOUNT_PATH (from the environment) must be an existing folder");
  }

  @Test
  void theWatchFolderIsRelativeToTheMount_andLabelled() throws Exception {
    Files.createDirectories(work.resolve("mount/production/renders"));
    env.put("LUCIDLINK_MOUNT_PATH", work.resolve("mount").toString());
    env.put("POSTFLOW_WATCH_FOLDER", "production/renders");
    assertThat(build(PostFlow.builder()).toString())
        .contains("watching={filespace=" + work.resolve("mount/production/renders").toRealPath() + "}");
  }

  @Test
  void codeSettingsOutOfRange_nameTheSetting() {
    assertThatThrownBy(() -> build(PostFlow.builder().maxConcurrentUploads(0)))
        .isInstanceOf(ConfigurationException.class).hasMessage("'maxConcurrentUploads' must be from 1 to 64, was 0");
    assertThatThrownBy(() -> build(PostFlow.builder().retry(3, java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(1))))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("cannot be greater than maxDelay");
    assertThatThrownBy(() -> PostFlow.builder().watch("local", work))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("must not be blank or 'local'");
  }

  @Test
  void aSharedJournalUrl_withoutItsModule_namesTheKeyAndTheModule_neverThePassword() {
    env.put("POSTFLOW_JOURNAL_URL", "jdbc:postgresql://db.studio.lan/postflow?user=pf&password=hunter2-secret");
    assertThatThrownBy(() -> build(PostFlow.builder()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("POSTFLOW_JOURNAL_URL (from the environment) is "
            + "jdbc:postgresql://db.studio.lan/postflow?user=pf&password=***")
        .hasMessageContaining("postflow-journal-postgres")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
  }

  @Test
  void aJournalPassword_bothInTheEnvironmentAndInAFile_isRefusedWithoutShowingIt() throws Exception {
    env.put("POSTFLOW_JOURNAL_PASSWORD", "hunter2-secret");
    env.put("POSTFLOW_JOURNAL_PASSWORD_FILE", Files.writeString(work.resolve("pw"), "x").toString());
    assertThatThrownBy(() -> build(PostFlow.builder().journalUrl("jdbc:postgresql://db/postflow")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("both POSTFLOW_JOURNAL_PASSWORD and POSTFLOW_JOURNAL_PASSWORD_FILE (from the environment)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
  }
}
