package io.postflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.postflow.testkit.FrameioSandbox;
import io.postflow.testkit.SandboxFile;
import io.postflow.testkit.SandboxNode;
import io.postflow.testkit.TestFiles;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadFileTest {
  private static final String NESTED = "WIP_BYSHOT/SC01_X/KRAK_00003";

  @TempDir Path dir;
  private FrameioSandbox sandbox;
  private ByteArrayOutputStream out;
  private ByteArrayOutputStream err;

  @BeforeEach
  void startSandbox() {
    sandbox = FrameioSandbox.start();
  }

  @AfterEach
  void closeSandbox() {
    sandbox.close();
  }

  private int run(Map<String, String> env, String... args) {
    out = new ByteArrayOutputStream();
    err = new ByteArrayOutputStream();
    return UploadFile.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), () -> sandbox, false);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void localUpload_intoNestedFolderPath_createsTheTreeAndStoresTheExactBytes() {
    Path file = TestFiles.random(dir.resolve("KRAK_00003_v001.mov"), 3_000_000, 1);

    int exit = run(Map.of(), file.toString(), "--folder", NESTED, "--parts", "2", "--sandbox");

    assertThat(exit).as(err()).isZero();
    SandboxFile stored = sandbox.inspect().fileNamed("KRAK_00003_v001.mov").orElseThrow();
    assertThat(stored.sha256()).isEqualTo(TestFiles.sha256(file));
    assertThat(stored.fileSize()).isEqualTo(3_000_000);
    SandboxNode leaf = child(child(child(sandbox.inspect().tree(sandbox.projectId()), "WIP_BYSHOT"), "SC01_X"),
        "KRAK_00003");
    assertThat(leaf.children()).extracting(SandboxNode::name).containsExactly("KRAK_00003_v001.mov");
    assertThat(out()).contains("file id     " + stored.id()).contains("sha256      " + stored.sha256())
        .contains("3,000,000 bytes").contains("media type  ").contains("status      ");
  }

  @Test
  void remoteUpload_onTheSandbox_isPulledThroughTheLoopbackTunnel() {
    Path file = TestFiles.random(dir.resolve("KRAK_00003_v001.mov"), 2_500_000, 2);

    int exit = run(Map.of(), file.toString(), "--folder", NESTED, "--remote", "--sandbox");

    assertThat(exit).as(err()).isZero();
    SandboxFile stored = sandbox.inspect().fileNamed("KRAK_00003_v001.mov").orElseThrow();
    assertThat(stored.sha256()).isEqualTo(TestFiles.sha256(file));
    assertThat(sandbox.inspect().count("files.create_remote_upload")).as(sandbox.inspect().operationCounts().toString())
        .isEqualTo(1);
    assertThat(out()).contains("REMOTE").contains(stored.sha256());
  }

  @Test
  void stackOn_putsTheNewFileOnThePreviousVersion() {
    Path v1 = TestFiles.random(dir.resolve("KRAK_00003_v001.mov"), 100_000, 3);
    Path v2 = TestFiles.random(dir.resolve("KRAK_00003_v002.mov"), 100_000, 4);
    assertThat(run(Map.of(), v1.toString(), "--folder", NESTED, "--sandbox")).as(err()).isZero();
    String v1Id = sandbox.inspect().fileNamed("KRAK_00003_v001.mov").orElseThrow().id();

    int exit = run(Map.of(), v2.toString(), "--folder", NESTED, "--stack-on", v1Id, "--sandbox");

    assertThat(exit).as(err()).isZero();
    assertThat(out()).contains("Stacked on " + v1Id);
    SandboxNode leaf = child(child(child(sandbox.inspect().tree(sandbox.projectId()), "WIP_BYSHOT"), "SC01_X"),
        "KRAK_00003");
    assertThat(leaf.children()).hasSize(1);
    SandboxNode stack = leaf.children().get(0);
    assertThat(stack.type()).isEqualTo("version_stack");
    assertThat(stack.children()).extracting(SandboxNode::name)
        .containsExactlyInAnyOrder("KRAK_00003_v001.mov", "KRAK_00003_v002.mov");
  }

  @Test
  void stackOn_anUnknownFile_failsWithTheServicesMessage() {
    Path file = TestFiles.random(dir.resolve("a.mov"), 10_000, 5);

    int exit = run(Map.of(), file.toString(), "--stack-on", "00000000-0000-0000-0000-000000000000", "--sandbox");

    assertThat(exit).isEqualTo(1);
    assertThat(err()).startsWith("upload failed: ");
  }

  @Test
  void unknownProject_exitsOneWithTheLibrarysMessage() {
    Path file = TestFiles.random(dir.resolve("a.mov"), 10_000, 6);

    int exit = run(Map.of(), file.toString(), "--project", "00000000-0000-0000-0000-00000000beef", "--sandbox");

    assertThat(exit).isEqualTo(1);
    assertThat(err()).startsWith("upload failed: ").hasSizeGreaterThan("upload failed: \n".length());
    assertThat(sandbox.inspect().files()).isEmpty();
  }

  @Test
  void missingFile_exitsTwoNamingIt() {
    Path missing = dir.resolve("nope.mov");

    int exit = run(Map.of(), missing.toString(), "--sandbox");

    assertThat(exit).isEqualTo(2);
    assertThat(err()).contains("cannot read file '" + missing + "'").contains("does not exist");
  }

  @Test
  void directoryInsteadOfFile_exitsTwoNamingIt() {
    int exit = run(Map.of(), dir.toString(), "--sandbox");

    assertThat(exit).isEqualTo(2);
    assertThat(err()).contains("'" + dir + "'").contains("not a regular file");
  }

  @Test
  void unknownOption_exitsTwoNamingIt() {
    Path file = TestFiles.random(dir.resolve("a.mov"), 10, 7);

    int exit = run(Map.of(), file.toString(), "--sandbox", "--bogus");

    assertThat(exit).isEqualTo(2);
    assertThat(err()).contains("unknown option '--bogus'").contains("usage: UploadFile");
  }

  @Test
  void badValues_exitTwoNamingTheOption() {
    Path file = TestFiles.random(dir.resolve("a.mov"), 10, 8);

    assertThat(run(Map.of(), file.toString(), "--parts", "0", "--sandbox")).isEqualTo(2);
    assertThat(err()).contains("--parts must be a whole number from 1 to 64, was '0'");
    assertThat(run(Map.of(), file.toString(), "--folder", "/WIP", "--sandbox")).isEqualTo(2);
    assertThat(err()).contains("--folder '/WIP'");
    assertThat(run(Map.of(), file.toString(), "--tunnel", "ngrok", "--sandbox")).isEqualTo(2);
    assertThat(err()).contains("--tunnel only applies with --remote");
    assertThat(run(Map.of(), "--sandbox")).isEqualTo(2);
    assertThat(err()).contains("no file given");
  }

  @Test
  void withoutCredentials_exitsTwoSayingWhatToSet() {
    Path file = TestFiles.random(dir.resolve("a.mov"), 10, 9);
    Path noTokenFile = dir.resolve("absent-token.json");

    int exit = run(Map.of(), file.toString(), "--token-file", noTokenFile.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err()).contains("FRAMEIO_TOKEN").contains("run OAuthLogin first").contains(noTokenFile.toString())
        .contains("--sandbox");
    assertThat(sandbox.inspect().requests()).isEmpty();
  }

  @Test
  void storedRefreshTokenWithoutClientCredentials_exitsTwoNamingThem() throws Exception {
    Path file = TestFiles.random(dir.resolve("a.mov"), 10, 10);
    Path tokenFile = Files.writeString(dir.resolve("token.json"), "{}");

    int exit = run(Map.of(), file.toString(), "--token-file", tokenFile.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err()).contains("FRAMEIO_CLIENT_ID").contains("FRAMEIO_CLIENT_SECRET");
  }

  @Test
  void withFrameioToken_talksToTheServiceAndNeverPrintsTheTokenOrAPresignedUrl() {
    // The real-service path, pointed at the sandbox through FRAMEIO_BASE_URI.
    String token = sandbox.issueAccessToken();
    Path file = TestFiles.random(dir.resolve("KRAK_00003_v001.mov"), 1_000_000, 11);

    int exit = run(Map.of("FRAMEIO_TOKEN", token, "FRAMEIO_BASE_URI", sandbox.baseUri().toString()),
        file.toString(), "--folder", NESTED);

    assertThat(exit).as(err()).isZero();
    assertThat(out()).contains("FRAMEIO_TOKEN").contains(TestFiles.sha256(file));
    assertThat(out() + err()).doesNotContain(token).doesNotContain("X-Amz-").doesNotContain("?");
    assertThat(sandbox.inspect().fileNamed("KRAK_00003_v001.mov")).map(SandboxFile::sha256)
        .contains(TestFiles.sha256(file));
  }

  @Test
  void remoteUpload_toTheServiceWithoutTheTunnelBinary_exitsOneWithTheLibrarysInstallHint() {
    assumeTrue(notOnPath("ngrok"), "ngrok is installed here; this test is about it missing");
    Path file = TestFiles.random(dir.resolve("a.mov"), 10_000, 12);

    Map<String, String> env =
        Map.of("FRAMEIO_TOKEN", sandbox.issueAccessToken(), "FRAMEIO_BASE_URI", sandbox.baseUri().toString());

    int exit = run(env, file.toString(), "--remote", "--tunnel", "ngrok");

    assertThat(exit).isEqualTo(1);
    assertThat(err()).contains("upload failed: ").contains("'ngrok' was not found on PATH")
        .contains("ngrok.com/download");
    assertThat(sandbox.inspect().files()).as("no placeholder left behind").isEmpty();
  }

  private static boolean notOnPath(String binary) {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .noneMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, binary)));
  }

  private static SandboxNode child(SandboxNode parent, String name) {
    Optional<SandboxNode> found = parent.children().stream().filter(c -> c.name().equals(name)).findFirst();
    assertThat(found).as("%s in\n%s", name, parent.print()).isPresent();
    return found.get();
  }
}
