package io.postflow.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.TunnelException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exact {@code ssh -R} command line, without an SSH server: a fake {@code ssh} records its
 * arguments and exits. (The real round trip through sshd is in {@link SshReverseTunnelTest}.)
 */
class SshCommandLineTest {
  @TempDir Path dir;

  private List<String> commandLineOf(SshReverseTunnel.Builder builder) throws Exception {
    FakeAgents fakes = new FakeAgents(dir);
    Path ssh = fakes.script("ssh", "cloudflared", Map.of("FAKE_EXIT_STARTS", "1"));
    try (SshReverseTunnel tunnel = builder.binary(ssh)
        .restartPolicy(RestartPolicy.builder().maxRestarts(0).build()).build()) {
      assertThatThrownBy(() -> tunnel.open(8123, Duration.ofSeconds(30)))
          .isInstanceOf(TunnelException.class);
    }
    return fakes.args(1);
  }

  @Test
  void everyOption_isPassedAsSshExpectsIt_andTheForwardTargetsLoopback() throws Exception {
    Path key = java.nio.file.Files.writeString(dir.resolve("id_ed25519"), "not a real key");
    Path knownHosts = java.nio.file.Files.writeString(dir.resolve("known_hosts"), "");
    List<String> args = commandLineOf(SshReverseTunnel.builder().host("edge.example").port(2222)
        .user("pull").identityFile(key)
        .knownHostsFile(knownHosts).strictHostKeyChecking("accept-new")
        .remotePort(9000).remoteBindAddress("0.0.0.0").publicUrl("http://edge.example:{port}")
        .serverAliveInterval(Duration.ofSeconds(20)).extraOptions(List.of("Compression=no")));

    assertThat(args).containsExactly("-N",
        "-o", "BatchMode=yes", "-o", "ExitOnForwardFailure=yes",
        "-o", "ServerAliveInterval=20", "-o", "ServerAliveCountMax=3",
        "-o", "StrictHostKeyChecking=accept-new", "-p", "2222",
        "-o", "UserKnownHostsFile=" + knownHosts,
        "-i", key.toString(), "-o", "IdentitiesOnly=yes",
        "-o", "Compression=no",
        "-R", "0.0.0.0:9000:127.0.0.1:8123",
        "pull@edge.example");
  }

  @Test
  void aServiceThatPrintsItsUrl_getsAShellLessSession_andTheDefaults() throws Exception {
    List<String> args = commandLineOf(SshReverseTunnel.builder().host("localhost.run")
        .remotePort(80).urlPattern(Pattern.compile("https://\\S+\\.lhr\\.life")));

    // -T (no terminal) instead of -N: such services print the URL from the session.
    assertThat(args).containsExactly("-T",
        "-o", "BatchMode=yes", "-o", "ExitOnForwardFailure=yes",
        "-o", "ServerAliveInterval=15", "-o", "ServerAliveCountMax=3",
        "-o", "StrictHostKeyChecking=yes", "-p", "22",
        "-R", "80:127.0.0.1:8123",
        "localhost.run");
  }
}
