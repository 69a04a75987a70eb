package io.postflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.LocalFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestFilesTest {
  @TempDir Path dir;

  @Test
  void sparse_hasTheSizeAndMarkersThatDependOnTheSeed() throws Exception {
    Path a = TestFiles.sparse(dir.resolve("a.mov"), 3 * (1L << 20) + 100, 1);
    Path b = TestFiles.sparse(dir.resolve("b.mov"), 3 * (1L << 20) + 100, 1);
    Path c = TestFiles.sparse(dir.resolve("c.mov"), 3 * (1L << 20) + 100, 2);

    assertThat(Files.size(a)).isEqualTo(3 * (1L << 20) + 100);
    assertThat(TestFiles.sha256(a)).isEqualTo(TestFiles.sha256(b)).isNotEqualTo(TestFiles.sha256(c));
    byte[] bytes = Files.readAllBytes(a);
    assertThat(bytes[4096 + 10]).isZero();
    assertThat(countNonZero(bytes, 0, 4096)).isGreaterThan(4000);
    assertThat(countNonZero(bytes, 3 << 20, 100)).isGreaterThan(90);
  }

  @Test
  void ioFailures_areLocalFileExceptionsNamingTheFile() {
    Path missing = dir.resolve("nowhere/a.mov");
    assertThatThrownBy(() -> TestFiles.sha256(missing))
        .isInstanceOf(LocalFileException.class)
        .hasMessage("cannot read " + missing + ": no such file or directory");
    assertThatThrownBy(() -> TestFiles.random(missing, 10, 1))
        .isInstanceOfSatisfying(LocalFileException.class, e -> assertThat(e.path()).isEqualTo(missing));
  }

  @Test
  void random_isSeededAndNotSparse() throws Exception {
    Path a = TestFiles.random(dir.resolve("a.mov"), 1_500_000, 7);
    Path b = TestFiles.random(dir.resolve("b.mov"), 1_500_000, 7);

    assertThat(Files.size(a)).isEqualTo(1_500_000);
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    assertThat(countNonZero(Files.readAllBytes(a), 1_000_000, 100_000)).isGreaterThan(99_000);
  }

  @Test
  void sha256_matchesTheKnownVector() {
    Path abc = write("abc");

    assertThat(TestFiles.sha256(abc))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        .isEqualTo(TestFiles.sha256("abc".getBytes(StandardCharsets.US_ASCII)));
  }

  private Path write(String text) {
    try {
      return Files.writeString(dir.resolve("t.txt"), text, StandardCharsets.US_ASCII);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static int countNonZero(byte[] bytes, int from, int length) {
    int count = 0;
    for (int i = from; i < from + length; i++) {
      count += bytes[i] != 0 ? 1 : 0;
    }
    return count;
  }
}
