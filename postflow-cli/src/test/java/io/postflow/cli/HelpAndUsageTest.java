package io.postflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelpAndUsageTest {
  private static final List<String> COMMANDS = List.of("run", "login", "upload", "status", "deliveries", "retry",
      "forget", "shots", "nomenclature", "doctor", "sandbox", "demo");

  @TempDir Path home;

  @Test
  void everyCommand_answersHelp_withExitZero() {
    for (String command : COMMANDS) {
      CliRun cli = new CliRun(home, null);
      assertThat(cli.run(command, "--help")).as(command).isZero();
      assertThat(cli.out()).as(command).contains("Usage: postflow " + command);
    }
    CliRun report = new CliRun(home, null);
    assertThat(report.run("shots", "report", "--help")).isZero();
    assertThat(report.out()).contains("Usage: postflow shots report").contains("--edl");
  }

  @Test
  void root_listsTheCommandsAndTheExitCodes() {
    CliRun cli = new CliRun(home, null);

    assertThat(cli.run("--help")).isZero();
    assertThat(cli.out()).contains("upload").contains("doctor").contains("Exit status:").contains("130");
    assertThat(new CliRun(home, null).run()).isZero();
  }

  @Test
  void unknownCommandOrOption_exitsTwo_withoutAStackTrace() {
    CliRun cli = new CliRun(home, null);
    assertThat(cli.run("uplaod")).isEqualTo(2);
    assertThat(cli.err()).contains("uplaod").contains("upload");
    CliRun option = new CliRun(home, null);
    assertThat(option.run("status", "--bogus")).isEqualTo(2);
    assertThat(option.err()).contains("--bogus").doesNotContain("\tat ");
  }

  @Test
  void debug_showsTheStackTrace_andOnlyThen() {
    CliRun plain = new CliRun(home, null).env("FRAMEIO_TOKEN", "t");
    assertThat(plain.run("run")).isEqualTo(3);
    assertThat(plain.err()).doesNotContain("\tat ");
    CliRun debug = new CliRun(home, null).env("FRAMEIO_TOKEN", "t");
    assertThat(debug.run("run", "--debug")).isEqualTo(3);
    assertThat(debug.err()).contains("\tat ").doesNotContain("Bearer");
  }

  @Test
  void configFile_isRead_andAnUnknownKeyInItIsNamed() throws Exception {
    Path config = java.nio.file.Files.writeString(home.resolve("postflow.properties"),
        "POSTFLOW_NAME_PATTERN={project}-{shot}_v{version}.{extension}\n");
    CliRun cli = new CliRun(home, null);
    assertThat(cli.run("nomenclature", "UNDLM-00042_v002.mov", "--config", config.toString())).as(cli.out() + cli.err()).isZero();
    CliRun viaVariable = new CliRun(home, null).env("POSTFLOW_CONFIG", config.toString());
    assertThat(viaVariable.run("nomenclature", "UNDLM-00042_v002.mov")).isZero();

    java.nio.file.Files.writeString(config, "POSTFLOW_NAME_PATERN=x\n");
    CliRun typo = new CliRun(home, null);
    assertThat(typo.run("nomenclature", "UNDLM-00042_v002.mov", "--config", config.toString())).isEqualTo(3);
    assertThat(typo.err()).contains("POSTFLOW_NAME_PATERN").contains("unknown key");
  }

  @Test
  void badSettingsForLoginAndTunnels_areConfigurationErrors_notStackTraces() throws Exception {
    CliRun login = new CliRun(home, null).env("FRAMEIO_CLIENT_ID", "c").env("FRAMEIO_CLIENT_SECRET", "s")
        .env("FRAMEIO_IMS_URL", "not a url");
    assertThat(login.run("login")).isEqualTo(3);
    assertThat(login.err()).contains("FRAMEIO_IMS_URL").doesNotContain("\tat ");

    Path file = java.nio.file.Files.writeString(home.resolve("a.mov"), "x");
    CliRun ssh = new CliRun(home, null).env("POSTFLOW_SSH_HOST", "me@edge.example:22")
        .env("POSTFLOW_SSH_REMOTE_PORT", "abc").env("FRAMEIO_TOKEN", "t");
    org.junit.jupiter.api.Assumptions.assumeTrue(Executables.find("ssh", ssh.env).isPresent(), "no ssh client here");
    assertThat(ssh.run("upload", file.toString(), "--remote", "--tunnel", "ssh")).isEqualTo(3);
    assertThat(ssh.err()).contains("POSTFLOW_SSH_REMOTE_PORT").doesNotContain("\tat ");
  }

  @Test
  void missingConfigFile_exitsThreeNamingIt() {
    CliRun cli = new CliRun(home, null);
    assertThat(cli.run("status", "--config", home.resolve("nope.properties").toString())).isEqualTo(3);
    assertThat(cli.err()).contains("nope.properties");
  }
}
