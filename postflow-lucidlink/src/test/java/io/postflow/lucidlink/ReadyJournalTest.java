package io.postflow.lucidlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.LocalFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadyJournalTest {
  private static final Instant T = Instant.parse("2026-03-04T05:06:07.123456789Z");
  /** An append cut off in its second field. */
  private static final byte[] PARTIAL = "12\t17000".getBytes(StandardCharsets.UTF_8);
  @TempDir Path dir;

  @Test
  void inMemory_remembersLatestVersionPerPath() {
    ReadyJournal j = ReadyJournal.inMemory();
    FileVersion v1 = FileVersion.of(dir.resolve("a.mov"), 1, T);
    FileVersion v2 = FileVersion.of(dir.resolve("a.mov"), 2, T);
    assertThat(j.alreadyReported(v1)).isFalse();
    j.markReported(v1);
    assertThat(j.alreadyReported(v1)).isTrue();
    j.markReported(v2);
    assertThat(j.alreadyReported(v1)).isFalse();
    assertThat(j.alreadyReported(v2)).isTrue();
  }

  @Test
  void durable_survivesReopen_withAwkwardNamesAndNanosecondMtimes() {
    Path file = dir.resolve("seen.journal");
    FileVersion odd = FileVersion.of(dir.resolve("tab\tnew\nline\\back.mov"), 42, T);
    FileVersion plain = FileVersion.of(dir.resolve("SC01/plain.mov"), 7, T.plusSeconds(1));
    ReadyJournal j = ReadyJournal.durable(file);
    j.markReported(odd);
    j.markReported(plain);
    ReadyJournal again = ReadyJournal.durable(file);
    assertThat(again.alreadyReported(odd)).isTrue();
    assertThat(again.alreadyReported(plain)).isTrue();
    assertThat(again.alreadyReported(FileVersion.of(plain.path(), 8, plain.lastModified()))).isFalse();
  }

  /**
   * 5,000 paths, each reported in 6 versions: 30,000 appends. The file must hold every path's
   * latest version and stay proportional to the 5,000 paths (within 3 lines a path), whatever the
   * implementation's compaction threshold: without compaction it would hold 30,000 lines.
   */
  @Test
  void durable_compactsSoTheFileStaysProportionalToPaths() throws Exception {
    Path file = dir.resolve("seen.journal");
    ReadyJournal j = ReadyJournal.durable(file);
    int paths = 5000;
    int versions = 6;
    for (int v = 0; v < versions; v++) {
      for (int p = 0; p < paths; p++) {
        j.markReported(FileVersion.of(dir.resolve("SC" + p % 50 + "/shot" + p + ".mov"), v, T));
      }
    }
    assertThat(Files.readAllLines(file).size()).isBetween(paths, 3 * paths);
    ReadyJournal reopened = ReadyJournal.durable(file);
    for (int p = 0; p < paths; p++) {
      Path path = dir.resolve("SC" + p % 50 + "/shot" + p + ".mov");
      assertThat(reopened.alreadyReported(FileVersion.of(path, versions - 1, T))).as(path.toString())
          .isTrue();
    }
    assertThat(Files.list(dir).count()).as("no temp files left behind").isEqualTo(1);
  }

  @Test
  void durable_whenTheFileCannotBeReadOrWritten_failsWithLocalFileExceptionNamingIt() throws Exception {
    Path directory = Files.createDirectory(dir.resolve("a-directory.journal"));
    assertThatThrownBy(() -> ReadyJournal.durable(directory))
        .isInstanceOfSatisfying(LocalFileException.class, e -> assertThat(e.path()).isEqualTo(directory))
        .hasMessageStartingWith("cannot read the journal " + directory + ": ");

    Path orphan = dir.resolve("gone/seen.journal");
    ReadyJournal j = ReadyJournal.durable(orphan);
    assertThatThrownBy(() -> j.markReported(FileVersion.of(dir.resolve("a.mov"), 1, T)))
        .isInstanceOf(LocalFileException.class)
        .hasMessage("cannot write the journal " + orphan + ": no such file or directory");
  }

  @Test
  void durable_whenLastLineIsTorn_ignoresItAndKeepsTheRest() throws Exception {
    assertTornTailIgnored(PARTIAL);
  }

  @Test
  void durable_whenTornLineEndsInsideAMultiByteCharacter_ignoresItAndKeepsTheRest() throws Exception {
    // Before the fix the journal could not be read at all.
    assertTornTailIgnored(halfACharacter());
  }

  /** Marks a version, appends {@code torn} as a crash mid-append leaves it, and reopens. */
  private void assertTornTailIgnored(byte[] torn) throws Exception {
    Path file = dir.resolve("seen.journal");
    ReadyJournal j = ReadyJournal.durable(file);
    FileVersion v = FileVersion.of(dir.resolve("a.mov"), 1, T);
    j.markReported(v);
    Files.write(file, torn, java.nio.file.StandardOpenOption.APPEND);
    ReadyJournal reopened = ReadyJournal.durable(file);
    assertThat(reopened.alreadyReported(v)).isTrue();
    assertThat(Files.readString(file)).endsWith("\n");
  }

  /**
   * An append of an entry for "sc\u00e8ne.mov" cut off after the first half of the two-byte UTF-8
   * '\u00e8'.
   */
  private byte[] halfACharacter() {
    byte[] line = ("5\t17000.0\t" + dir.resolve("sc\u00e8ne.mov") + "\n").getBytes(StandardCharsets.UTF_8);
    return java.util.Arrays.copyOf(line, indexOf(line, (byte) 0xC3) + 1);
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    throw new IllegalArgumentException("byte not found");
  }

  @Test
  void durable_whenAFailedAppendLeftAPartialLineInTheMiddle_skipsThatLineOnly_andKeepsWorking() throws Exception {
    // Before the fix such a journal could not be opened at all: the watcher could not start.
    assertMiddleLineSkipped(PARTIAL);
  }

  @Test
  void durable_whenThePartialLineInTheMiddleEndsInsideAMultiByteCharacter_skipsThatLineOnly() throws Exception {
    assertMiddleLineSkipped(halfACharacter());
  }

  @Test
  void durable_whenAMiddleLineIsGarbage_skipsIt_andRewritesTheFileWithoutIt() throws Exception {
    Path file = dir.resolve("seen.journal");
    Files.writeString(file, "1\t1.0\t/a\nnot a journal line\n2\t1.0\t/b\n");
    FileReadyJournal j = FileReadyJournal.open(file);
    assertThat(j.skippedLines()).isEqualTo(1);
    assertThat(j.alreadyReported(FileVersion.of(Path.of("/a"), 1, Instant.ofEpochSecond(1)))).isTrue();
    assertThat(j.alreadyReported(FileVersion.of(Path.of("/b"), 2, Instant.ofEpochSecond(1)))).isTrue();
    assertThat(Files.readString(file)).doesNotContain("not a journal line");
    assertThat(FileReadyJournal.open(file).skippedLines()).isZero();
  }

  /**
   * Marks a version, appends {@code partial} as a failed append leaves it, marks two more (the
   * first of them glued to the partial line), and reopens: only the glued line may be lost.
   */
  private void assertMiddleLineSkipped(byte[] partial) throws Exception {
    Path file = dir.resolve("seen.journal");
    ReadyJournal j = ReadyJournal.durable(file);
    FileVersion before = FileVersion.of(dir.resolve("a.mov"), 1, T);
    FileVersion glued = FileVersion.of(dir.resolve("b.mov"), 2, T);
    FileVersion after = FileVersion.of(dir.resolve("c.mov"), 3, T);
    j.markReported(before);
    Files.write(file, partial, java.nio.file.StandardOpenOption.APPEND);
    j.markReported(glued);
    j.markReported(after);

    FileReadyJournal reopened = FileReadyJournal.open(file);
    assertThat(reopened.skippedLines()).isEqualTo(1);
    assertThat(reopened.alreadyReported(before)).isTrue();
    assertThat(reopened.alreadyReported(after)).isTrue();
    assertThat(reopened.alreadyReported(glued)).as("lost, so reported again: never missed").isFalse();
    FileVersion later = FileVersion.of(dir.resolve("d.mov"), 4, T);
    reopened.markReported(later);
    FileReadyJournal third = FileReadyJournal.open(file);
    assertThat(third.skippedLines()).as("the file was rewritten clean").isZero();
    assertThat(third.alreadyReported(before)).isTrue();
    assertThat(third.alreadyReported(after)).isTrue();
    assertThat(third.alreadyReported(later)).isTrue();
  }
}
