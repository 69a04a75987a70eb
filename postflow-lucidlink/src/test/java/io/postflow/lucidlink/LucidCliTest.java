package io.postflow.lucidlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI wrapper against a fake executable that replays recorded outputs. */
class LucidCliTest {
  @TempDir Path dir;

  @Test
  void list_andMountPoint_fromRecordedOutputs() throws Exception {
    FakeLucid fake = new FakeLucid(dir).printsRecording("list", "list-classic.txt")
        .printsRecording("--instance 2001 status", "status-mounted.txt",
            "MOUNT", "/media/studio/production", "FILESPACE", "production.studio");
    LucidCli cli = LucidCli.builder().executable(fake.install("lucid")).build();
    assertThat(cli.list()).extracting(LucidInstance::id).containsExactly(2001, 2002);
    assertThat(cli.mountPoint(2001)).isEqualTo(Path.of("/media/studio/production"));
    assertThat(fake.invocations()).containsExactly("list", "--instance 2001 status");
  }

  @Test
  void command_whenItHangs_isKilledAfterTheTimeout() {
    FakeLucid fake = new FakeLucid(dir).hangs("list");
    LucidCli cli = LucidCli.builder().executable(fake.install("lucid3"))
        .timeout(Duration.ofMillis(300)).build();
    long start = System.nanoTime();
    assertThatThrownBy(cli::list).isInstanceOf(LucidLinkException.class)
        .hasMessageContaining("'lucid3 list' did not finish within PT0.3S");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void command_whenItFails_namesCommandExitCodeAndMessage() {
    FakeLucid fake = new FakeLucid(dir).fails("--instance 7 status", 3, "instance 7 is not running");
    LucidCli cli = LucidCli.builder().executable(fake.install("lucid")).build();
    assertThatThrownBy(() -> cli.status(7)).isInstanceOf(LucidLinkException.class)
        .hasMessageContaining("'lucid --instance 7 status' failed with exit code 3")
        .hasMessageContaining("instance 7 is not running");
  }

  @Test
  void mountPoint_whenStatusHasNone_saysWhichKeysItSaw() {
    FakeLucid fake = new FakeLucid(dir).printsRecording("--instance 2001 status", "status-not-linked.txt");
    LucidCli cli = LucidCli.builder().executable(fake.install("lucid")).build();
    assertThatThrownBy(() -> cli.mountPoint(2001)).isInstanceOf(LucidLinkException.class)
        .hasMessageContaining("no 'Mount point:'").hasMessageContaining("Client state");
  }

  @Test
  void pinAndUnpin_passInstanceAndPath() throws Exception {
    FakeLucid fake = new FakeLucid(dir).prints("--instance 2001 pin --set /media/fs/renders", "")
        .prints("--instance 2001 pin --unset /media/fs/renders", "");
    LucidCli cli = LucidCli.builder().executable(fake.install("lucid")).instance(2001).build();
    cli.pin(Path.of("/media/fs/renders"));
    cli.unpin(Path.of("/media/fs/renders"));
    assertThat(fake.invocations()).containsExactly(
        "--instance 2001 pin --set /media/fs/renders", "--instance 2001 pin --unset /media/fs/renders");
  }

  @Test
  void build_findsLucid3BeforeLucidOnTheSearchPath() throws Exception {
    Path a = Files.createDirectories(dir.resolve("a"));
    Path b = Files.createDirectories(dir.resolve("b"));
    new FakeLucid(a).install("lucid");
    Path lucid3 = new FakeLucid(b).install("lucid3");
    assertThat(LucidCli.builder().searchPath(List.of(a, b)).build().executable()).isEqualTo(lucid3);
  }

  @Test
  void build_whenNothingInstalled_isAClearMessage() {
    assertThatThrownBy(() -> LucidCli.builder().searchPath(List.of(dir)).build())
        .isInstanceOf(LucidLinkException.class)
        .hasMessageContaining("LucidLink CLI not found").hasMessageContaining("'executable'");
    assertThat(LucidCli.builder().searchPath(List.of(dir)).buildIfInstalled()).isEmpty();
  }

  @Test
  void build_whenConfiguredExecutableIsMissing_namesTheSetting() {
    assertThatThrownBy(() -> LucidCli.builder().executable(dir.resolve("lucid")).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'executable'");
    assertThatThrownBy(() -> LucidCli.builder().timeout(Duration.ZERO).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'timeout'");
  }
}
