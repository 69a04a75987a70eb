package io.postflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OAuthLoginTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return OAuthLogin.run(args, env, new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void loopbackLogin_onTheSandbox_storesTheRefreshTokenPrivately(@TempDir Path dir) throws Exception {
    Path tokenFile = dir.resolve("token.json");

    int exit = run(Map.of(), "--sandbox", "--token-file", tokenFile.toString(), "--timeout", "30");

    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Logged in.").contains(tokenFile.toString());
    assertThat(Files.getPosixFilePermissions(tokenFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    String stored = Files.readString(tokenFile);
    assertThat(stored).contains("refresh");
    // Whatever the token is, it is in the file and never on the console.
    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain(tokenValueIn(stored));
  }

  @Test
  void pasteLogin_onTheSandbox_completesFromTheRedirectAddress(@TempDir Path dir) {
    Path tokenFile = dir.resolve("token.json");

    int exit = run(Map.of(), "--sandbox", "--paste", "--token-file", tokenFile.toString());

    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Open this address").contains("/ims/authorize/v2");
    assertThat(tokenFile).exists();
  }

  @Test
  void withoutCredentials_explainsWhatToSet() {
    int exit = run(Map.of(), "--paste");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("FRAMEIO_CLIENT_ID").contains("--sandbox");
  }

  @Test
  void unknownOption_isNamed() {
    int exit = run(Map.of(), "--sandbox", "--bogus");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option '--bogus'");
  }

  private static String tokenValueIn(String json) {
    int at = json.indexOf("\"refresh_token\"");
    if (at < 0) {
      at = json.indexOf("refresh");
    }
    int start = json.indexOf('"', json.indexOf(':', at) + 1) + 1;
    return json.substring(start, json.indexOf('"', start));
  }
}
