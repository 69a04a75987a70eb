package io.postflow.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.postflow.api.ConfigurationException;
import io.postflow.api.Exposure;
import io.postflow.api.TunnelEndpoint;
import io.postflow.api.TunnelException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ssh -R} for real: a private sshd on loopback with a generated host key and client key.
 * Skipped only when sshd is missing and {@code src/test/sshd/ensure-sshd.sh} cannot install it.
 */
class SshReverseTunnelTest {
  private static final Path SSHD = Path.of("/usr/sbin/sshd");
  private static String installOutput = "";
  @TempDir Path dir;
  private Process sshd;
  private int sshPort;
  private HttpFileExposer exposer;
  private SshReverseTunnel tunnel;

  @BeforeAll
  static void ensureSshd() throws Exception {
    if (!Files.isExecutable(SSHD)) {
      Path script = Path.of("src/test/sshd/ensure-sshd.sh").toAbsolutePath();
      Process p = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
      boolean done = p.waitFor(5, TimeUnit.MINUTES);
      installOutput = new String(p.getInputStream().readAllBytes());
      if (!done) {
        p.destroyForcibly();
      }
    }
    String missing = "sshd is not installed and src/test/sshd/ensure-sshd.sh could not install it: " + installOutput;
    if ("true".equals(System.getenv("CI")) && !Files.isExecutable(SSHD)) {
      // On CI a missing server is a broken machine, never a silent skip.
      throw new AssertionError(missing);
    }
    assumeTrue(Files.isExecutable(SSHD), missing + " (locally this test is skipped; CI fails instead)");
  }

  @BeforeEach
  void startSshd() throws Exception {
    if (isRoot()) {
      Files.createDirectories(Path.of("/run/sshd"));
    }
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_key").toString());
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("client_key").toString());
    Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
    sshPort = freePort();
    String hostKey = Files.readString(dir.resolve("host_key.pub")).trim();
    Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + sshPort + " " + hostKey + "\n");
    Files.writeString(dir.resolve("sshd_config"), String.join("\n",
        "Port " + sshPort, "ListenAddress 127.0.0.1", "HostKey " + dir.resolve("host_key"),
        "PidFile " + dir.resolve("sshd.pid"), "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
        "StrictModes no", "UsePAM no", "PasswordAuthentication no", "KbdInteractiveAuthentication no",
        "PubkeyAuthentication yes", "PermitRootLogin prohibit-password", "AllowTcpForwarding remote",
        "GatewayPorts no", "LogLevel VERBOSE", ""));
    sshd = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
    assertThat(FakeAgents.eventually(Duration.ofSeconds(10), this::sshdListens))
        .as("sshd did not listen; its log: %s", Files.exists(dir.resolve("sshd.log"))
            ? Files.readString(dir.resolve("sshd.log")) : "").isTrue();
    exposer = HttpFileExposer.builder().build();
  }

  @AfterEach
  void stop() throws Exception {
    if (tunnel != null) {
      tunnel.close();
    }
    if (exposer != null) {
      exposer.close();
    }
    if (sshd != null) {
      sshd.destroy();
      sshd.waitFor(5, TimeUnit.SECONDS);
      sshd.destroyForcibly();
    }
  }

  private SshReverseTunnel.Builder ssh(Path knownHosts) {
    return SshReverseTunnel.builder().host("127.0.0.1").port(sshPort).user(System.getProperty("user.name"))
        .identityFile(dir.resolve("client_key")).knownHostsFile(knownHosts).strictHostKeyChecking("yes")
        .remotePort(0).publicUrl("http://127.0.0.1:{port}")
        .restartPolicy(RestartPolicy.builder().maxRestarts(0).build());
  }

  @Test
  void reverseForward_throughARealSshd_servesTheExposedFile() throws Exception {
    byte[] content = new byte[3_000_000];
    new Random(5).nextBytes(content);
    Exposure exposure = exposer.expose(Files.write(dir.resolve("shot.mov"), content));
    tunnel = ssh(dir.resolve("known_hosts")).build();

    TunnelEndpoint endpoint = tunnel.open(exposer.localPort(), Duration.ofSeconds(30));

    assertThat(endpoint.provider()).isEqualTo("ssh");
    int remotePort = endpoint.publicUrl().getPort();
    assertThat(remotePort).isNotIn(exposer.localPort(), sshPort);
    RawHttp.Response r = RawHttp.once(remotePort, "GET", endpoint.publicUrlFor(exposure.url()).getRawPath(),
        "Range: bytes=1000000-");
    assertThat(r.status).isEqualTo(206);
    assertThat(r.body).isEqualTo(java.util.Arrays.copyOfRange(content, 1_000_000, 3_000_000));
    assertThat(tunnel.isHealthy()).isTrue();

    tunnel.close();
    assertThat(FakeAgents.eventually(Duration.ofSeconds(5), () -> !listens(remotePort))).isTrue();
  }

  @Test
  void tunnelService_thatPrintsItsUrl_isReadWithTheUrlPattern() throws Exception {
    // Like localhost.run: the server's forced command prints the public URL in the session.
    int remotePort = freePort();
    String key = Files.readString(dir.resolve("client_key.pub")).trim();
    Files.writeString(dir.resolve("authorized_keys"), "command=\"echo Connect to http://127.0.0.1:" + remotePort
        + " to reach your tunnel; sleep 600\" " + key + "\n");
    Exposure exposure = exposer.expose(Files.writeString(dir.resolve("a.mov"), "abc"));
    tunnel = SshReverseTunnel.builder().host("127.0.0.1").port(sshPort).user(System.getProperty("user.name"))
        .identityFile(dir.resolve("client_key")).knownHostsFile(dir.resolve("known_hosts"))
        .remotePort(remotePort).urlPattern(java.util.regex.Pattern.compile("http://127\\.0\\.0\\.1:\\d+"))
        .restartPolicy(RestartPolicy.builder().maxRestarts(0).build()).build();

    TunnelEndpoint endpoint = tunnel.open(exposer.localPort(), Duration.ofSeconds(30));

    assertThat(endpoint.publicUrl().toString()).isEqualTo("http://127.0.0.1:" + remotePort);
    RawHttp.Response r = RawHttp.once(remotePort, "GET", endpoint.publicUrlFor(exposure.url()).getRawPath());
    assertThat(new String(r.body)).isEqualTo("abc");
  }

  @Test
  void unknownHostKey_failsFastInBatchMode_withSshsOwnMessage() throws Exception {
    Path otherKnownHosts = Files.writeString(dir.resolve("other_known_hosts"), "");
    tunnel = ssh(otherKnownHosts).build();
    assertThatThrownBy(() -> tunnel.open(exposer.localPort(), Duration.ofSeconds(30)))
        .isInstanceOfSatisfying(TunnelException.class, e ->
            assertThat(String.join("\n", e.lastOutput())).contains("Host key verification failed"));
  }

  @Test
  void builder_requiresExactlyOneWayToKnowTheUrl() {
    assertThatThrownBy(() -> SshReverseTunnel.builder().host("h").build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'publicUrl' and 'urlPattern'");
    assertThatThrownBy(() -> SshReverseTunnel.builder().publicUrl("http://h").build())
        .hasMessageContaining("'host'");
  }

  private boolean sshdListens() {
    return listens(sshPort);
  }

  private static boolean listens(int port) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as("%s: %s", String.join(" ", command), out).isZero();
  }
}
