package io.postflow.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
