package io.postflow.pipeline.journal;

import static io.postflow.api.DeliveryState.DELIVERED;
import static io.postflow.api.DeliveryState.IN_PROGRESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.Delivery;
import io.postflow.api.JournalException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's own crash test: a child JVM ({@link JournalCrashChild}) writes to the journal and
 * prints each write once it was acknowledged; the test kills it ({@code SIGKILL} on POSIX) after a
 * random number of acknowledgements, so somewhere in the middle of a later write, then opens the
 * journal and finds every acknowledged write. Ten crashes of the same journal in a row.
 *
 * <p>The seed is printed; rerun one with {@code -Dpostflow.crashTest.seed=<seed>}. The kill point
 * within the child's loop also depends on timing, which no seed fixes: the assertion holds for
 * every kill point.
 */
class SqliteJournalCrashTest {
  private static final int CRASHES = 10;

  @TempDir Path dir;

  @Test
  // Ten child JVMs, each started and killed: seconds apiece on a busy 2-core machine.
  @Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void everyAcknowledgedWrite_survivesTheWriterBeingKilled() throws Exception {
    long seed = Long.getLong("postflow.crashTest.seed", System.nanoTime());
    System.out.println("SqliteJournalCrashTest seed=" + seed);
    Random random = new Random(seed);
    Path journalFile = dir.resolve("journal.db");

    for (int run = 0; run < CRASHES; run++) {
      int killAfter = 1 + random.nextInt(120);
      List<String> acknowledged = runAndKill(journalFile, run, killAfter, run == 0);
      String context = "seed " + seed + ", run " + run + ", killed after " + killAfter
          + " acknowledgements";
      System.out.println(context + ", " + acknowledged.size() + " read in all");
      assertThat(acknowledged).as(context).hasSizeGreaterThanOrEqualTo(killAfter);

      try (SqliteDeliveryJournal journal = SqliteDeliveryJournal.open(journalFile)) {
        for (String line : acknowledged) {
          String[] f = line.split(" ");
          Delivery d = journal.find(Long.parseLong(f[1])).orElse(null);
          assertThat(d).as("%s: %s", context, line).isNotNull();
          switch (f[0]) {
            case "R" -> assertThat(d.file().relativePath()).as("%s: %s", context, line).isEqualTo(f[2]);
            case "F" -> assertThat(d.facts().fileId()).as("%s: %s", context, line).contains(f[2]);
            case "C" -> assertThat(d.state()).as("%s: %s", context, line).isEqualTo(DELIVERED);
            default -> throw new AssertionError(context + ": unexpected line " + line);
          }
        }
        assertThat(journal.counts()).as(context).doesNotContainKey(IN_PROGRESS);
      }
    }
  }

  /** @return the child's acknowledgement lines, all of them up to its death */
  private List<String> runAndKill(Path journalFile, int run, int killAfter, boolean tryToOpenToo)
      throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Path stderr = dir.resolve("child-" + run + ".err");
    Process child = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC", "-Xmx64m",
        // The driver unpacks its native library here, so killed children leave nothing in /tmp.
        "-Dorg.sqlite.tmpdir=" + dir,
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-cp", System.getProperty("java.class.path"),
        JournalCrashChild.class.getName(), journalFile.toString(), Integer.toString(run))
        .redirectError(stderr.toFile())
        .start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lines.add(line);
        if (lines.size() == killAfter) {
          if (tryToOpenToo) {
            assertThatThrownBy(() -> SqliteDeliveryJournal.open(journalFile))
                .isInstanceOf(JournalException.class)
                .hasMessageContaining("in use by another PostFlow process");
          }
          // Through the handle: Process.destroyForcibly() would also close our end of the pipe,
          // and the acknowledgements still in it would go unchecked.
          child.toHandle().destroyForcibly();
        }
      }
    } finally {
      child.destroyForcibly();
      child.waitFor(10, TimeUnit.SECONDS);
    }
    if (lines.size() < killAfter) {
      throw new AssertionError("the child died by itself after " + lines.size() + " lines: "
          + Files.readString(stderr));
    }
    return lines;
  }
}
