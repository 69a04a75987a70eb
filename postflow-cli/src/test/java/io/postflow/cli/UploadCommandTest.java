package io.postflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postflow.testkit.FrameioSandbox;
import io.postflow.testkit.SandboxFile;
import io.postflow.testkit.SandboxNode;
import io.postflow.testkit.TestFiles;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadCommandTest {
  private static final String NESTED = "WIP_BYSHOT/SC01_X/KRAK_00003";

  @TempDir Path dir;
  private FrameioSandbox sandbox;
  private CliRun cli;

  @BeforeEach
  void startSandbox() {
    // Lenient remote sources: the remote upload test pulls over plain HTTP through a loopback tunnel.
    sandbox = FrameioSandbox.builder().remoteSources(io.postflow.testkit.RemoteSourceRules.lenient()).start();
  }

  @AfterEach
  void closeSandbox() {
    sandbox.close();
  }

  private int upload(String... args) {
    cli = new CliRun(dir.resolve("home"), sandbox).onSandbox();
    String[] full = new String[args.length + 1];
    full[0] = "upload";
    System.arraycopy(args, 0, full, 1, args.length);
    return cli.run(full);
  }

  @Test
  void localUpload_intoNestedFolderTypedWithStraySlashes_createsTheTreeAndStoresTheExactBytes() {
    Path file = TestFiles.random(dir.resolve("KRAK_00003_v001.mov"), 3_000_000, 1);

    int exit = upload(file.toString(), "--folder", "/" + NESTED.replace("/", "//") + "/", "--parts", "2");

    assertThat(exit).as(cli.err()).isZero();
    SandboxFile stored = sandbox.inspect().fileNamed("KRAK_00003_v001.mov").orElseThrow();
    assertThat(stored.sha256()).isEqualTo(TestFiles.sha256(file));
    SandboxNode leaf = child(child(child(sandbox.inspect().tree(sandbox.projectId()), "WIP_BYSHOT"), "SC01_X"),
        "KRAK_00003");
    assertThat(leaf.children()).extracting(SandboxNode::name).containsExactly("KRAK_00003_v001.mov");
    assertThat(cli.out()).contains("Created folder " + NESTED).contains("file id     " + stored.id())
        .contains("sha256      " + stored.sha256()).contains("3,000,000 bytes")
        .as("plain progress ends at 100%").contains("3,000,000 / 3,000,000 bytes  100.0%");
    assertThat(cli.out() + cli.err()).as("no token, no presigned URL").doesNotContain(cli.env.get("FRAMEIO_TOKEN"))
        .doesNotContain("X-Amz-");
  }

  @Test
  void severalFiles_onATerminal_showBarsPerFileAndOverall() {
    Path a = TestFiles.random(dir.resolve("A_v001.mov"), 200_000, 2);
    Path b = TestFiles.random(dir.resolve("B_v001.mov"), 300_000, 3);
    cli = new CliRun(dir.resolve("home"), sandbox).onSandbox().terminal();

    int exit = cli.run("upload", a.toString(), b.toString(), "--folder", "WIP");

    assertThat(exit).as(cli.err()).isZero();
    assertThat(sandbox.inspect().files()).extracting(SandboxFile::name).containsExactlyInAnyOrder("A_v001.mov", "B_v001.mov");
    assertThat(cli.out()).contains("\r[").contains("] 100.0%").contains("file 2/2, overall 100.0%");
  }

  @Test
  void remoteUpload_onTheSandbox_isPulledThroughTheLoopbackTunnel() {
    Path file = TestFiles.random(dir.resolve("KRAK_00003_v001.mov"), 2_500_000, 2);
    cli = new CliRun(dir.resolve("home"), sandbox);

    int exit = cli.run("upload", file.toString(), "--folder", NESTED, "--remote", "--sandbox");

    assertThat(exit).as(cli.err()).isZero();
    assertThat(sandbox.inspect().fileNamed("KRAK_00003_v001.mov").orElseThrow().sha256()).isEqualTo(TestFiles.sha256(file));
    assertThat(sandbox.inspect().count("files.create_remote_upload")).isEqualTo(1);
  }

  @Test
  void stackOn_putsTheNewFileOnThePreviousVersion() {
    Path v1 = TestFiles.random(dir.resolve("KRAK_00003_v001.mov"), 100_000, 3);
    Path v2 = TestFiles.random(dir.resolve("KRAK_00003_v002.mov"), 100_000, 4);
    assertThat(upload(v1.toString(), "--folder", NESTED)).as(cli.err()).isZero();
    String v1Id = sandbox.inspect().fileNamed("KRAK_00003_v001.mov").orElseThrow().id();

    int exit = upload(v2.toString(), "--folder", NESTED, "--stack-on", v1Id);

    assertThat(exit).as(cli.err()).isZero();
    assertThat(cli.out()).contains("stacked on  " + v1Id);
    SandboxNode leaf = child(child(child(sandbox.inspect().tree(sandbox.projectId()), "WIP_BYSHOT"), "SC01_X"),
        "KRAK_00003");
    assertThat(leaf.children()).hasSize(1);
    assertThat(leaf.children().get(0).children()).extracting(SandboxNode::name)
        .containsExactlyInAnyOrder("KRAK_00003_v001.mov", "KRAK_00003_v002.mov");
  }

  @Test
  void stackOn_anUnknownFile_isRefusedBeforeAnythingIsCreatedOrSent() {
    Path file = TestFiles.random(dir.resolve("a.mov"), 50_000, 5);

    int exit = upload(file.toString(), "--folder", "WIP/A", "--stack-on", "00000000-0000-0000-0000-000000000000");

    assertThat(exit).isEqualTo(1);
    assertThat(cli.err()).contains("--stack-on 00000000-0000-0000-0000-000000000000: no such file")
        .contains("nothing was uploaded").doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(sandbox.inspect().files()).isEmpty();
    assertThat(sandbox.inspect().tree(sandbox.projectId()).children()).as("no folder created").isEmpty();
  }

  @Test
  void sameFileTwice_isRefused_andSkippedWithSkipExisting_butANewRenderOfTheSameNameGoes() throws Exception {
    Path file = TestFiles.random(dir.resolve("KRAK_00003_v001.mov"), 100_000, 6);
    assertThat(upload(file.toString(), "--folder", "WIP")).isZero();

    assertThat(upload(file.toString(), "--folder", "WIP")).isEqualTo(1);
    assertThat(cli.err()).contains("already in WIP: KRAK_00003_v001.mov (file ").contains("same name and size")
        .contains("--skip-existing");
    assertThat(upload(file.toString(), "--folder", "WIP", "--skip-existing")).isZero();
    assertThat(cli.out()).contains("Skipped KRAK_00003_v001.mov").contains("Nothing to upload");
    assertThat(sandbox.inspect().files()).hasSize(1);

    TestFiles.random(file, 120_000, 7);
    assertThat(upload(file.toString(), "--folder", "WIP")).as("another size: a new render").isZero();
    assertThat(sandbox.inspect().files()).hasSize(2);
  }

  @Test
  void sameNameAndSizeButOtherBytes_isSent_onceFrameioHasTheOriginalToCompare() throws Exception {
    try (FrameioSandbox quick = FrameioSandbox.builder().transcodeDelay(java.time.Duration.ZERO).start()) {
      Path file = TestFiles.random(dir.resolve("KRAK_00003_v001.mov"), 100_000, 20);
      CliRun first = new CliRun(dir.resolve("home"), quick).onSandbox();
      assertThat(first.run("upload", file.toString(), "--folder", "WIP", "--wait-transcode")).as(first.err()).isZero();

      CliRun same = new CliRun(dir.resolve("home"), quick).onSandbox();
      assertThat(same.run("upload", file.toString(), "--folder", "WIP")).isEqualTo(1);
      assertThat(same.err()).contains("same name, size and SHA-256");

      TestFiles.random(file, 100_000, 21);
      CliRun other = new CliRun(dir.resolve("home"), quick).onSandbox();
      assertThat(other.run("upload", file.toString(), "--folder", "WIP")).as(other.err()).isZero();
      assertThat(other.out()).contains("same name and size but other bytes");
      assertThat(quick.inspect().files()).hasSize(2);
    }
  }

  @Test
  void dotDotInTheFolder_isRefusedAndNothingIsCreated() {
    Path file = TestFiles.random(dir.resolve("a.mov"), 10_000, 8);

    int exit = upload(file.toString(), "--folder", "WIP/../etc");

    assertThat(exit).isEqualTo(2);
    assertThat(cli.err()).contains("'..' is not allowed");
    assertThat(sandbox.inspect().requests()).isEmpty();
  }

  @Test
  void emptyFile_isRefusedBeforeAnyFolderIsCreated() throws Exception {
    Path empty = Files.createFile(dir.resolve("placeholder.mov"));

    int exit = upload(empty.toString(), "--folder", "WIP/A");

    assertThat(exit).isEqualTo(2);
    assertThat(cli.err()).contains("is empty (0 bytes)");
    assertThat(sandbox.inspect().requests()).isEmpty();
  }

  @Test
  void badArguments_exitTwoNamingTheOption_withoutAStackTrace() {
    Path file = TestFiles.random(dir.resolve("a.mov"), 10, 9);

    assertThat(upload(file.toString(), "--parts", "abc")).isEqualTo(2);
    assertThat(cli.err()).contains("--parts").contains("'abc'").doesNotContain("\tat ");
    assertThat(upload(file.toString(), "--remote", "--tunnel", "static:not a url")).isEqualTo(2);
    assertThat(cli.err()).contains("static:not a url").doesNotContain("\tat ");
    assertThat(upload(file.toString(), "--tunnel", "ngrok")).isEqualTo(2);
    assertThat(cli.err()).contains("--tunnel only applies with --remote");
    assertThat(upload(file.toString(), "--bogus")).isEqualTo(2);
    assertThat(cli.err()).contains("Unknown option: '--bogus'");
    assertThat(upload()).isEqualTo(2);
    assertThat(cli.err()).contains("FILE");
    assertThat(upload(dir.resolve("nope.mov").toString())).isEqualTo(2);
    assertThat(cli.err()).contains("no such file");
    assertThat(sandbox.inspect().requests()).isEmpty();
  }

  @Test
  void withoutCredentials_exitsThreeSayingWhatToSet() {
    Path file = TestFiles.random(dir.resolve("a.mov"), 10, 10);
    cli = new CliRun(dir.resolve("home"), sandbox);

    assertThat(cli.run("upload", file.toString())).isEqualTo(3);
    assertThat(cli.err()).contains("no Frame.io credentials").contains("FRAMEIO_TOKEN");
  }

  @Test
  void badAccountId_exitsOneWithTheServicesAnswer_notAStackTrace() {
    Path file = TestFiles.random(dir.resolve("a.mov"), 10, 11);
    cli = new CliRun(dir.resolve("home"), sandbox).onSandbox().env("FRAMEIO_ACCOUNT_ID", "not-an-account");

    int exit = cli.run("upload", file.toString());

    assertThat(exit).isIn(1, 3);
    assertThat(cli.err()).startsWith("postflow upload: ").doesNotContain("\tat ");
  }

  @Test
  void frameioUnreachable_exitsFourNamingTheCause() throws Exception {
    Path file = TestFiles.random(dir.resolve("a.mov"), 10, 12);
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    cli = new CliRun(dir.resolve("home"), sandbox).onSandbox().env("FRAMEIO_BASE_URL", "http://127.0.0.1:" + closed);

    int exit = cli.run("upload", file.toString());

    assertThat(exit).as(cli.err()).isEqualTo(4);
    assertThat(cli.err()).contains("connection refused");
  }

  @Test
  void json_printsProgressEventsAndOneResultPerFile() throws Exception {
    Path file = TestFiles.random(dir.resolve("KRAK_00003_v001.mov"), 500_000, 13);

    assertThat(upload(file.toString(), "--json")).as(cli.err()).isZero();

    ObjectMapper json = new ObjectMapper();
    List<JsonNode> events = cli.out().lines().map(line -> {
      try {
        return json.readTree(line);
      } catch (Exception e) {
        throw new AssertionError("not a JSON line: " + line, e);
      }
    }).collect(Collectors.toList());
    JsonNode last = events.get(events.size() - 1);
    assertThat(last.get("event").asText()).isEqualTo("uploaded");
    assertThat(last.get("sha256").asText()).isEqualTo(TestFiles.sha256(file));
    assertThat(events).anySatisfy(e -> assertThat(e.get("event").asText()).isEqualTo("progress"));
  }

  private static SandboxNode child(SandboxNode parent, String name) {
    Optional<SandboxNode> found = parent.children().stream().filter(c -> c.name().equals(name)).findFirst();
    assertThat(found).as("%s in\n%s", name, parent.print()).isPresent();
    return found.get();
  }
}
