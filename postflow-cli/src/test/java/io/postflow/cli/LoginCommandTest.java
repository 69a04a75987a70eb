package io.postflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.frameio.auth.FileTokenStore;
import io.postflow.frameio.auth.StoredCredentials;
import io.postflow.testkit.FrameioSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginCommandTest {
  private static FrameioSandbox sandbox;
  @TempDir Path home;

  @BeforeAll
  static void start() {
    sandbox = FrameioSandbox.start();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static StoredCredentials realLogin() {
    return StoredCredentials.builder().refreshToken("real-refresh-token").issuer("https://ims-na1.adobelogin.com")
        .clientId("studio-client").account("ana@studio.example").build();
  }

  @Test
  void sandboxLogin_isStoredApart_andTheRealLoginIsUntouched() throws Exception {
    Path real = home.resolve(".postflow/frameio-token.json");
    FileTokenStore.of(real).save(realLogin());
    byte[] before = Files.readAllBytes(real);
    CliRun cli = new CliRun(home, sandbox);

    int exit = cli.run("login", "--sandbox");

    assertThat(exit).as(cli.err()).isZero();
    assertThat(Files.readAllBytes(real)).isEqualTo(before);
    StoredCredentials stored = FileTokenStore.of(home.resolve(".postflow/frameio-token.sandbox.json")).load().orElseThrow();
    assertThat(stored.refreshToken()).isPresent();
    assertThat(stored.issuer()).contains(sandbox.imsBaseUri().toString());
    assertThat(stored.account()).contains("sandbox.user@example.com");
    assertThat(cli.out()).contains("Logged in as sandbox.user@example.com").contains("frameio-token.sandbox.json")
        .contains("readable by you only").doesNotContain(stored.refreshToken().get());
  }

  @Test
  void loginIntoAFileHoldingAnotherLogin_isRefusedWithoutForce_andReplacesItWithForce() throws Exception {
    Path real = home.resolve("token.json");
    FileTokenStore.of(real).save(realLogin());
    byte[] before = Files.readAllBytes(real);

    CliRun refused = new CliRun(home, sandbox);
    assertThat(refused.run("login", "--sandbox", "--token-file", real.toString())).isEqualTo(1);
    assertThat(refused.err()).contains("already holds another login").contains("ana@studio.example")
        .contains("--force").doesNotContain("real-refresh-token");
    assertThat(Files.readAllBytes(real)).as("untouched").isEqualTo(before);

    CliRun forced = new CliRun(home, sandbox);
    assertThat(forced.run("login", "--sandbox", "--token-file", real.toString(), "--force")).as(forced.err()).isZero();
    assertThat(FileTokenStore.of(real).load().orElseThrow().issuer()).contains(sandbox.imsBaseUri().toString());
    assertThat(forced.out()).contains("replacing another login's token");
  }

  @Test
  void loggingInAgainAsTheSameUser_replacesTheTokenWithoutForce() {
    CliRun first = new CliRun(home, sandbox);
    assertThat(first.run("login", "--sandbox")).isZero();
    CliRun again = new CliRun(home, sandbox);

    assertThat(again.run("login", "--sandbox", "--paste")).as(again.err()).isZero();
    assertThat(again.out()).contains("replacing the same login's token");
  }

  @Test
  void realLoginWithoutClientCredentials_exitsThreeSayingWhereToGetThem() {
    CliRun cli = new CliRun(home, sandbox);

    assertThat(cli.run("login")).isEqualTo(3);
    assertThat(cli.err()).contains("FRAMEIO_CLIENT_ID is not set").contains("Adobe Developer Console")
        .contains("login --sandbox");
  }

  @Test
  void corruptTokenFile_isReplacedOnlyWithForce() throws Exception {
    Path file = Files.createDirectories(home.resolve(".postflow")).resolve("frameio-token.sandbox.json");
    Files.writeString(file, "{not json");
    CliRun cli = new CliRun(home, sandbox);

    assertThat(cli.run("login", "--sandbox")).isEqualTo(1);
    assertThat(cli.err()).contains("corrupt").contains("--force");
    assertThat(new CliRun(home, sandbox).run("login", "--sandbox", "--force")).isZero();
  }
}
