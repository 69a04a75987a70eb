package io.postflow.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void write_createsTheFile_andLeavesNoTemporaryFileBehind() throws IOException {
    Path file = dir.resolve("journal");
    AtomicFiles.write(file, "one\n".getBytes(StandardCharsets.UTF_8));

    assertThat(file).hasContent("one");
    assertThat(names()).containsExactly("journal");
  }

  @Test
  void write_replacesTheWholeContent() throws IOException {
    Path file = Files.writeString(dir.resolve("journal"), "a much longer old content\n");
    AtomicFiles.write(file, out -> out.write("new\n".getBytes(StandardCharsets.UTF_8)));

    assertThat(Files.readString(file)).isEqualTo("new\n");
    assertThat(names()).containsExactly("journal");
  }

  @Test
  void write_ofManyMegabytesInSmallPieces_keepsEveryByte() throws IOException {
    Path file = dir.resolve("big");
    byte[] piece = new byte[1000];
    for (int i = 0; i < piece.length; i++) {
      piece[i] = (byte) i;
    }
    AtomicFiles.write(file, out -> {
      for (int i = 0; i < 5000; i++) {
        out.write(piece, 0, piece.length);
        out.write(7);
      }
    });
    assertThat(Files.size(file)).isEqualTo(5000L * 1001);
  }

  @Test
  void writeOwnerOnly_setsTheModeBeforeTheFirstByte() throws IOException {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path file = dir.resolve("tokens.json");
    List<String> seen = new ArrayList<>();
    AtomicFiles.writeOwnerOnly(file, out -> {
      // Nothing has been written yet: the temporary file must already be private.
      try (Stream<Path> files = Files.list(dir)) {
        for (Path temp : (Iterable<Path>) files::iterator) {
          seen.add(temp.getFileName() + " " + Files.size(temp) + " "
              + PosixFilePermissions.toString(Files.getPosixFilePermissions(temp)));
        }
      }
      out.write("{\"refresh_token\":\"secret\"}".getBytes(StandardCharsets.UTF_8));
    });

    assertThat(seen).singleElement().asString()
        .startsWith(".tokens.json.").endsWith(".tmp 0 rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void writeOwnerOnly_overAnOpenFile_makesItPrivate() throws IOException {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path file = Files.writeString(dir.resolve("tokens.json"), "{}");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    AtomicFiles.writeOwnerOnly(file, "{\"v\":2}".getBytes(StandardCharsets.UTF_8));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(file).hasContent("{\"v\":2}");
  }

  @Test
  void write_whenTheContentFails_deletesTheTemporaryFile_andKeepsTheOldContent() throws IOException {
    Path file = Files.writeString(dir.resolve("journal"), "old\n");

    assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
      out.write("half of the ne".getBytes(StandardCharsets.UTF_8));
      throw new IOException("No space left on device");
    })).isInstanceOf(IOException.class).hasMessage("No space left on device");

    assertThat(Files.readString(file)).isEqualTo("old\n");
    assertThat(names()).containsExactly("journal");
  }

  @Test
  void write_whenTheRenameFails_deletesTheTemporaryFile() throws IOException {
    Path target = Files.createDirectory(dir.resolve("taken"));
    Files.writeString(target.resolve("inside"), "x");

    assertThatThrownBy(() -> AtomicFiles.write(target, new byte[] {1, 2, 3}))
        .isInstanceOf(IOException.class);

    assertThat(names()).containsExactly("taken");
    assertThat(target.resolve("inside")).hasContent("x");
  }

  @Test
  void write_whenTheDirectoryIsMissing_failsWithoutCreatingIt() {
    Path file = dir.resolve("missing/journal");
    assertThatThrownBy(() -> AtomicFiles.write(file, new byte[] {1}))
        .isInstanceOf(IOException.class);
    assertThat(dir.resolve("missing")).doesNotExist();
  }

  @Test
  void write_overAGroupReadableFile_keepsItsPermissions() throws IOException {
    assumeTrue(posix());
    // A studio made the shot list's status file readable by its group: a rewrite must not undo that.
    Path file = Files.writeString(dir.resolve("shots.csv.postflow-status.json"), "{}");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

    AtomicFiles.write(file, "{\"v\":2}".getBytes(StandardCharsets.UTF_8));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r-----");
  }

  @Test
  void write_overAnExistingFile_createsTheTemporaryFileOwnerOnlyBeforeTheFirstByte() throws IOException {
    assumeTrue(posix());
    Path file = Files.writeString(dir.resolve("journal"), "old\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
    List<String> seen = new ArrayList<>();
    AtomicFiles.write(file, out -> {
      seen.addAll(temporaryFilesWithSizeAndMode());
      out.write("new\n".getBytes(StandardCharsets.UTF_8));
    });

    assertThat(seen).singleElement().asString().endsWith(" 0 rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-rw-r--");
  }

  @Test
  void write_overAFileOfAnotherGroup_keepsItsGroup() throws IOException {
    assumeTrue(posix());
    Path file = Files.writeString(dir.resolve("shots.csv.postflow-status.json"), "{}");
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    GroupPrincipal mine = view.readAttributes().group();
    GroupPrincipal other = otherGroup(file, mine);
    assumeTrue(other != null, "no other group this user may give a file to (needs root or a second group)");
    view.setGroup(other);

    AtomicFiles.write(file, "{\"v\":2}".getBytes(StandardCharsets.UTF_8));

    assertThat(Files.getFileAttributeView(file, PosixFileAttributeView.class).readAttributes().group())
        .isEqualTo(other);
  }

  @Test
  void temporaryFiles_haveARecognisableName() throws IOException {
    Path file = dir.resolve("tokens.json");
    List<String> seen = new ArrayList<>();
    AtomicFiles.write(file, out -> {
      try (Stream<Path> files = Files.list(dir)) {
        files.forEach(p -> seen.add(p.getFileName().toString()));
      }
    });
    assertThat(seen).singleElement().asString().matches("\\.tokens\\.json\\.postflow-[0-9a-f]{16}\\.tmp");
  }

  @Test
  void deleteTemporaryFiles_removesWhatInterruptedWritesLeft_andNothingElse() throws IOException {
    Path file = Files.writeString(dir.resolve("tokens.json"), "{}");
    List<String> orphans = List.of(
        ".tokens.json.postflow-0123456789abcdef.tmp", // this version
        ".tokens.json.3jzu1q2fkx8mb.tmp", // AtomicFiles before it (base 36)
        ".tokens.json.8231456092348123987.tmp", // the token store before AtomicFiles
        "tokens.json1234567890.tmp", // the shot list status file before AtomicFiles
        "tokens.json982734.compact"); // the ready journal's compaction before AtomicFiles
    List<String> kept = List.of("tokens.json", "tokens.json.bak", ".tokens.json.swp",
        ".tokens.json.backup.tmp", "tokens.json.tmp", ".other.json.postflow-0123456789abcdef.tmp",
        ".tokens.json.postflow-0123.tmp", "tokens.json12ab.tmp");
    for (String name : orphans) {
      Files.writeString(dir.resolve(name), "{\"refresh_token\":\"old\"}");
    }
    for (String name : kept) {
      if (!name.equals("tokens.json")) {
        Files.writeString(dir.resolve(name), "mine");
      }
    }
    Files.createDirectory(dir.resolve(".tokens.json.postflow-fedcba9876543210.tmp"));

    assertThat(AtomicFiles.deleteTemporaryFiles(file)).isEqualTo(orphans.size());

    List<String> expected = new ArrayList<>(kept);
    expected.add(".tokens.json.postflow-fedcba9876543210.tmp"); // a directory: not ours
    assertThat(names()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(file).hasContent("{}");
  }

  @Test
  void deleteTemporaryFiles_whenTheDirectoryIsMissing_deletesNothing() {
    assertThat(AtomicFiles.deleteTemporaryFiles(dir.resolve("missing/tokens.json"))).isZero();
  }

  private boolean posix() {
    return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private List<String> temporaryFilesWithSizeAndMode() throws IOException {
    List<String> seen = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path temp : (Iterable<Path>) files::iterator) {
        if (temp.getFileName().toString().endsWith(".tmp")) {
          seen.add(temp.getFileName() + " " + Files.size(temp) + " "
              + PosixFilePermissions.toString(Files.getPosixFilePermissions(temp)));
        }
      }
    }
    return seen;
  }

  /** A group other than {@code mine} that a file may be given to here, or null. */
  private static GroupPrincipal otherGroup(Path file, GroupPrincipal mine) throws IOException {
    UserPrincipalLookupService lookup = file.getFileSystem().getUserPrincipalLookupService();
    for (String name : List.of("daemon", "bin", "sys", "adm", "nogroup", "users", "staff")) {
      GroupPrincipal candidate;
      try {
        candidate = lookup.lookupPrincipalByGroupName(name);
      } catch (IOException e) {
        continue;
      }
      if (candidate.equals(mine)) {
        continue;
      }
      Path probe = Files.createTempFile(file.getParent(), "probe", "");
      try {
        Files.getFileAttributeView(probe, PosixFileAttributeView.class).setGroup(candidate);
        return candidate;
      } catch (IOException e) {
        // not a member of it
      } finally {
        Files.delete(probe);
      }
    }
    return null;
  }

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
