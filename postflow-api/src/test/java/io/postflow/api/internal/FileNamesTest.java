package io.postflow.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Round trips under this JVM's locale; the C locale, where strings lose names, is tested with a
 * child JVM in postflow-lucidlink ({@code ReadyJournalLocaleTest}) and postflow-pipeline.
 */
class FileNamesTest {
  @TempDir Path dir;

  @Test
  void bytesAndPath_roundTripEveryName_existingOrNot_absoluteOrRelative() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("unix"));
    for (String encoded : List.of("plain.mov", "Sc%C3%A8ne_01.mov", "Sc%E8ne_latin1.mov",
        "tab%09and%0Anewline", "100%25%20done", "%E2%82%AC%F0%9F%8E%AC", "back%5Cslash")) {
      Path file = Path.of(URI.create(dir.toUri() + encoded));
      Files.writeString(file, "x");
      Path missing = Path.of(URI.create(dir.toUri() + "missing-" + encoded));
      for (Path path : List.of(file, missing, dir.relativize(file), Path.of("a").resolve(dir.relativize(file)))) {
        byte[] bytes = FileNames.bytes(path);
        assertThat(FileNames.path(path.getFileSystem(), bytes)).as(encoded).isEqualTo(path);
      }
      assertThat(HexFormat.of().formatHex(FileNames.bytes(file.getFileName())))
          .as(encoded).isEqualTo(HexFormat.of().formatHex(decode(encoded)));
    }
  }

  @Test
  void bytes_ofADirectory_haveNoTrailingSlash() throws IOException {
    // A name no locale spells takes the URI's way, and a directory's URI ends in '/'.
    Path latin1 = Files.createDirectory(Path.of(URI.create(dir.toUri() + "d%E8r")));
    byte[] bytes = FileNames.bytes(latin1);
    assertThat(bytes[bytes.length - 1]).isEqualTo((byte) 'r');
    assertThat(FileNames.bytes(dir.relativize(latin1))).containsExactly('d', 0xE8, 'r');
    assertThat(FileNames.bytes(Path.of(""))).isEmpty();
  }

  @Test
  void text_isTheUtf8Reading_andPathOfItFindsTheFile() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("unix"));
    Path file = Files.writeString(Path.of(URI.create(dir.toUri() + "Sc%C3%A8ne_01.mov")), "x");

    assertThat(FileNames.text(dir.relativize(file))).isEqualTo("Sc\u00e8ne_01.mov");
    assertThat(FileNames.path(dir.getFileSystem(), FileNames.text(file))).isEqualTo(file);
    assertThat(FileNames.text(Path.of(URI.create(dir.toUri() + "Sc%E8ne.mov")).getFileName()))
        .isEqualTo("Sc\ufffdne.mov");
  }

  @Test
  void path_withANulByte_isRefused() {
    assertThatThrownBy(() -> FileNames.path(dir.getFileSystem(), new byte[] {'/', 'a', 0, 'b'}))
        .isInstanceOf(InvalidPathException.class);
  }

  private static byte[] decode(String encoded) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%') {
        out.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toByteArray();
  }
}
