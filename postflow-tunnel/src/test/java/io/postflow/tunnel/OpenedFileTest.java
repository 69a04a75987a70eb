package io.postflow.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mechanism behind the exposer's open-then-check, without any race to win or lose. */
class OpenedFileTest {
  @TempDir Path dir;

  private static Object key(Path file) throws IOException {
    return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
  }

  @Test
  void state_describesTheOpenedFile_evenAfterItsPathNamesAnotherOne() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fdinfo")), "needs Linux /proc");
    Path file = Files.writeString(dir.resolve("a.mov"), "first");
    Path other = Files.writeString(dir.resolve("b.mov"), "other");
    Object firstKey = key(file);
    try (OpenedFile opened = OpenedFile.open(file)) {
      assertThat(opened.isPinned()).isTrue();
      Files.move(other, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      assertThat(key(file)).isNotEqualTo(firstKey);
      // The path now names the other file; the handle still is, and still reads, the first one.
      assertThat(opened.state()).satisfies(s -> assertThat(s.sameFileAs(s)).isTrue());
      assertThat(opened.state().toString()).contains(String.valueOf(firstKey));
      ByteBuffer bytes = ByteBuffer.allocate(5);
      opened.channel().read(bytes, 0);
      assertThat(new String(bytes.array(), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("first");
      assertThat(opened.channel().position()).isZero(); // the marker is not left behind
      Files.delete(file);
      assertThat(opened.state().size()).isEqualTo(5); // deleted, still open: still described
    }
  }

  @Test
  void manyOpenAtOnce_eachFindsItsOwnDescriptor() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fdinfo")), "needs Linux /proc");
    OpenedFile[] opened = new OpenedFile[20];
    try {
      for (int i = 0; i < opened.length; i++) {
        Path file = Files.writeString(dir.resolve("f" + i), "x".repeat(i + 1));
        opened[i] = OpenedFile.open(file);
      }
      for (int i = 0; i < opened.length; i++) {
        assertThat(opened[i].isPinned()).isTrue();
        assertThat(opened[i].state().size()).isEqualTo(i + 1);
      }
    } finally {
      for (OpenedFile o : opened) {
        if (o != null) {
          o.close();
        }
      }
    }
  }

  @Test
  void open_doesNotFollowASymbolicLinkInTheLastElement() throws IOException {
    Path target = Files.writeString(dir.resolve("real.mov"), "x");
    Path link = Files.createSymbolicLink(dir.resolve("link.mov"), target);
    assertThatThrownBy(() -> OpenedFile.open(link)).isInstanceOf(IOException.class);
  }

  /** Without /proc: the path is read right after opening; the channel's size must agree. */
  @Test
  void unpinned_readsThePathAfterOpening_andRefusesASizeTheChannelDoesNotHave() throws IOException {
    Path file = Files.writeString(dir.resolve("a.mov"), "first");
    try (OpenedFile opened = OpenedFile.open(file, false)) {
      assertThat(opened.isPinned()).isFalse();
      assertThat(opened.state().size()).isEqualTo(5);
      Files.move(Files.writeString(dir.resolve("b.mov"), "longer"), file, StandardCopyOption.REPLACE_EXISTING);
      assertThatThrownBy(opened::state).isInstanceOf(IOException.class).hasMessageContaining("not the one");
      // The documented limit: a same-size file put there is described instead of the opened one.
      Files.move(Files.writeString(dir.resolve("c.mov"), "other"), file, StandardCopyOption.REPLACE_EXISTING);
      assertThat(opened.state().size()).isEqualTo(5);
      assertThat(opened.state().toString()).contains(String.valueOf(key(file)));
    }
  }
}
