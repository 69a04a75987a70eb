package io.postflow.lucidlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.LocalFileException;
import io.postflow.testkit.SmallDisk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The durable journal on read-only and full disks (a real tmpfs), and after crashes. */
class ReadyJournalDiskTest {
  private static final Instant T = Instant.parse("2026-03-04T05:06:07.123456789Z");
  /** An append cut off in its second field. */
  private static final byte[] PARTIAL = "12\t17000".getBytes(StandardCharsets.UTF_8);
  @TempDir Path dir;
  private SmallDisk disk;

  /** Skipped where a tmpfs cannot be mounted, except on CI, which must run these (as root). */
  @BeforeEach
  void needsASmallDisk() {
    SmallDisk.whyUnavailable().ifPresent(why ->
        assumeTrue("true".equals(System.getenv("CI")), why + " (skipped here; CI fails instead)"));
  }

  @AfterEach
  void unmount() {
    if (disk != null) {
      disk.close();
    }
  }

  @Test
  void open_onAReadOnlyDiskWithATornLastLine_remembers_andRewritesTheFileOnceItIsWritable() throws IOException {
    disk = SmallDisk.mount(dir.resolve("disk"), 64);
    Path file = disk.dir().resolve("seen.journal");
    FileVersion a = version("a.mov", 1);
    FileVersion b = version("b.mov", 2);
    ReadyJournal j = ReadyJournal.durable(file);
    j.markReported(a);
    j.markReported(b);
    Files.write(file, PARTIAL, StandardOpenOption.APPEND);
    disk.readOnly();

    // Before the fix: "cannot compact the journal", and the watcher could not start.
    FileReadyJournal reopened = FileReadyJournal.open(file);
    assertThat(reopened.alreadyReported(a)).isTrue();
    assertThat(reopened.alreadyReported(b)).isTrue();
    FileVersion c = version("c.mov", 3);
    assertThatThrownBy(() -> reopened.markReported(c))
        .isInstanceOfSatisfying(LocalFileException.class, e -> assertThat(e.path()).isEqualTo(file))
        .hasMessageStartingWith("cannot write the journal " + file + ": ");
    assertThat(reopened.alreadyReported(c)).isFalse();

    disk.readWrite();
    reopened.markReported(c);
    assertThat(Files.readString(file)).endsWith("\n").doesNotContain("12\t17000\n");
    FileReadyJournal third = FileReadyJournal.open(file);
    assertThat(third.skippedLines()).as("the torn line is gone").isZero();
    assertThat(third.alreadyReported(a)).isTrue();
    assertThat(third.alreadyReported(b)).isTrue();
    assertThat(third.alreadyReported(c)).isTrue();
  }

  @Test
  void markReported_whenTheWriteFails_isNotRemembered_soTheRetryWritesIt() throws IOException {
    disk = SmallDisk.mount(dir.resolve("disk"), 64);
    Path file = disk.dir().resolve("seen.journal");
    ReadyJournal j = ReadyJournal.durable(file);
    j.markReported(version("a.mov", 1));
    FileVersion v = version("b.mov", 2);
    disk.readOnly();

    assertThatThrownBy(() -> j.markReported(v)).isInstanceOf(LocalFileException.class);
    // Before the fix the failed mark was remembered: this retry returned normally, writing nothing.
    assertThatThrownBy(() -> j.markReported(v)).isInstanceOf(LocalFileException.class);
    assertThat(j.alreadyReported(v)).isFalse();

    disk.readWrite();
    j.markReported(v);
    assertThat(ReadyJournal.durable(file).alreadyReported(v)).isTrue();
  }

  @Test
  void open_onAFullDiskWithATornLastLine_remembers_andTheNextMarkEndsTheTornLine() throws IOException {
    disk = SmallDisk.mount(dir.resolve("disk"), 64);
    Path file = disk.dir().resolve("seen.journal");
    FileVersion a = version("a.mov", 1);
    ReadyJournal.durable(file).markReported(a);
    Files.write(file, PARTIAL, StandardOpenOption.APPEND);
    disk.fillLeaving(0); // no room for a fresh copy of the journal; its own last page has some

    FileReadyJournal reopened = FileReadyJournal.open(file);
    assertThat(reopened.alreadyReported(a)).isTrue();
    FileVersion b = version("b.mov", 2);
    reopened.markReported(b);

    FileReadyJournal third = FileReadyJournal.open(file);
    assertThat(third.alreadyReported(a)).isTrue();
    assertThat(third.alreadyReported(b)).as("not glued to the torn line").isTrue();
  }

  @Test
  void open_deletesTheTemporaryFilesCrashedCompactionsLeft_andNothingElse() throws IOException {
    Path file = dir.resolve("seen.journal");
    FileVersion a = version("a.mov", 1);
    ReadyJournal.durable(file).markReported(a);
    Files.writeString(dir.resolve("seen.journal8812345678901234.compact"), "1\t1.0\t/x\n");
    Files.writeString(dir.resolve(".seen.journal.postflow-00112233445566ff.tmp"), "1\t1.0\t/x\n");
    Files.writeString(dir.resolve("seen.journal.bak"), "mine");

    assertThat(ReadyJournal.durable(file).alreadyReported(a)).isTrue();

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("seen.journal", "seen.journal.bak");
    }
  }

  private FileVersion version(String name, long size) {
    return FileVersion.of(dir.resolve("renders").resolve(name), size, T);
  }
}
