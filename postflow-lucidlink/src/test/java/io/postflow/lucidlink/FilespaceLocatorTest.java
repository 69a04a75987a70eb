package io.postflow.lucidlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilespaceLocatorTest {
  @TempDir Path dir;

  private Path mount() throws Exception {
    return Files.createDirectories(dir.resolve("media/studio/production"));
  }

  private Path mountTable(String recording, Path mount) throws Exception {
    return Files.writeString(dir.resolve("mounts"),
        recording == null ? "" : FakeLucid.resource(recording).replace("@MOUNT@", mount.toString()));
  }

  private LucidCli cli(FakeLucid fake) {
    return LucidCli.builder().executable(fake.install("lucid3")).timeout(Duration.ofMillis(500)).build();
  }

  @Test
  void locate_prefersConfiguredRoot_andTakesTheInstanceFromTheCli() throws Exception {
    Path mount = mount();
    FakeLucid fake = new FakeLucid(Files.createDirectories(dir.resolve("bin")))
        .printsRecording("list", "list-classic.txt")
        .printsRecording("--instance 2001 status", "status-mounted.txt", "MOUNT", mount.toString(),
            "FILESPACE", "production.studio")
        .fails("--instance 2002 status", 1, "not mounted");
    Filespace fs = FilespaceLocator.builder().root(mount.resolve("..").resolve("production"))
        .cli(cli(fake)).mountTable(mountTable(null, mount)).build().locate();
    assertThat(fs.source()).isEqualTo(Filespace.Source.CONFIGURED);
    assertThat(fs.mountPoint()).isEqualTo(mount);
    assertThat(fs.instance()).hasValueSatisfying(i -> assertThat(i.port()).isEqualTo(9780));
    assertThat(fs.syncEvidence()).isNotSameAs(SyncEvidence.NONE);
  }

  @Test
  void locate_whenConfiguredRootIsMissing_saysSoWithoutAskingTheCli() throws Exception {
    FakeLucid fake = new FakeLucid(Files.createDirectories(dir.resolve("bin")))
        .printsRecording("list", "list-classic.txt");
    assertThatThrownBy(() -> FilespaceLocator.builder().root(dir.resolve("not-mounted")).cli(cli(fake))
        .build().locate())
        .isInstanceOf(LucidLinkException.class).hasMessageContaining("not-mounted")
        .hasMessageContaining("is the filespace mounted?");
    assertThat(fake.invocations()).isEmpty();
  }

  @Test
  void locate_withoutRoot_usesTheCliInstanceOfTheNamedFilespace() throws Exception {
    Path mount = mount();
    FakeLucid fake = new FakeLucid(Files.createDirectories(dir.resolve("bin")))
        .printsRecording("list", "list-classic.txt")
        .printsRecording("--instance 2001 status", "status-mounted.txt", "MOUNT", mount.toString(),
            "FILESPACE", "production.studio");
    Filespace fs = FilespaceLocator.builder().filespaceName("production.studio").cli(cli(fake))
        .mountTable(mountTable(null, mount)).build().locate();
    assertThat(fs.source()).isEqualTo(Filespace.Source.CLI);
    assertThat(fs.mountPoint()).isEqualTo(mount);
    assertThat(fs.instance().orElseThrow().id()).isEqualTo(2001);
  }

  @Test
  void locate_whenCliHangs_fallsBackToTheMountTable() throws Exception {
    Path mount = mount();
    FakeLucid fake = new FakeLucid(Files.createDirectories(dir.resolve("bin"))).hangs("list");
    Filespace fs = FilespaceLocator.builder().cli(cli(fake)).mountTable(mountTable("mounts.txt", mount))
        .build().locate();
    assertThat(fs.source()).isEqualTo(Filespace.Source.MOUNT_TABLE);
    assertThat(fs.mountPoint()).isEqualTo(mount);
    assertThat(fs.syncEvidence()).isSameAs(SyncEvidence.NONE);
  }

  @Test
  void locate_whenNothingFound_listsWhatEachWayFound() throws Exception {
    Path mount = mount();
    FakeLucid fake = new FakeLucid(Files.createDirectories(dir.resolve("bin")))
        .printsRecording("list", "list-none.txt");
    assertThatThrownBy(() -> FilespaceLocator.builder().cli(cli(fake))
        .mountTable(mountTable(null, mount)).build().locate())
        .isInstanceOf(LucidLinkException.class)
        .hasMessageContaining("CLI: no running instance")
        .hasMessageContaining("mount table: 0 LucidLink mount(s)");
    assertThatThrownBy(() -> FilespaceLocator.builder().useCli(false)
        .mountTable(dir.resolve("absent")).build().locate())
        .isInstanceOf(LucidLinkException.class)
        .hasMessageContaining("is installed").hasMessageContaining("cannot read");
  }

  @Test
  void mountTable_decodesOctalEscapes() {
    assertThat(MountTable.lucidMounts("Lucid /media/my\\040studio/fs fuse.lucid rw 0 0\n"))
        .singleElement().satisfies(m -> assertThat(m.mountPoint()).isEqualTo(Path.of("/media/my studio/fs")));
  }
}
