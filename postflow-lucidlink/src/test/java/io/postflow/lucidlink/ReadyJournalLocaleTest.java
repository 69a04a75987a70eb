package io.postflow.lucidlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names the JVM's locale cannot spell. Under a C locale Java decodes file names as ASCII:
 * {@code Scène_01.mov} (bytes {@code 53 63 C3 A8 ...}) reads {@code Sc\ufffd\ufffdne_01.mov},
 * a string that names no file. The journal must still recognise the file after a restart.
 */
class ReadyJournalLocaleTest {
  @TempDir Path dir;

  @Test
  void durable_underACLocale_remembersANonAsciiNameAcrossRestarts_andAgreesWithAUtf8Locale() throws Exception {
    Path renders = Files.createDirectory(dir.resolve("renders"));
    // Created from its UTF-8 bytes, whatever this JVM's own locale is.
    Path scene = Files.writeString(Path.of(URI.create(renders.toUri() + "Sc%C3%A8ne_01.mov")), "frames");
    Files.writeString(renders.resolve("plain_01.mov"), "frames");
    Path journal = dir.resolve("seen.journal");

    List<String> first = runUnderCLocale(journal, renders);
    List<String> second = runUnderCLocale(journal, renders);

    assertThat(first).containsExactly("jnu=ANSI_X3.4-1968",
        "Sc\\ufffd\\ufffdne_01.mov already=false", "plain_01.mov already=false");
    // Before the fix the journal held "Sc\ufffd\ufffdne_01.mov", which names no file: reported again.
    assertThat(second).containsExactly("jnu=ANSI_X3.4-1968",
        "Sc\\ufffd\\ufffdne_01.mov already=true", "plain_01.mov already=true");
    // The journal holds the name as it is, readable, and a JVM with another locale agrees.
    assertThat(new String(Files.readAllBytes(journal), StandardCharsets.UTF_8)).contains("/Sc\u00e8ne_01.mov\n");
    BasicFileAttributes attributes = Files.readAttributes(scene, BasicFileAttributes.class);
    assertThat(ReadyJournal.durable(journal).alreadyReported(
        FileVersion.of(scene, attributes.size(), attributes.lastModifiedTime().toInstant()))).isTrue();
  }

  @Test
  void durable_aNameThatIsNotUtf8_roundTrips() throws IOException {
    // A Latin-1 name (one byte E8 for the è): no locale's String spells it back; the bytes do.
    Path latin1 = Files.writeString(Path.of(URI.create(dir.toUri() + "Sc%E8ne_02.mov")), "frames");
    Path file = dir.resolve("seen.journal");
    FileVersion v = FileVersion.of(latin1, 6, java.time.Instant.ofEpochSecond(1));
    ReadyJournal.durable(file).markReported(v);

    assertThat(ReadyJournal.durable(file).alreadyReported(v)).isTrue();
    assertThat(Files.readString(file)).contains("/Sc\\xE8ne_02.mov\n");
  }

  /** Runs {@link JournalLocaleChild} with {@code LANG=C}; its output lines. */
  private List<String> runUnderCLocale(Path journal, Path renders) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC", "-Xmx64m",
        "-Dsun.jnu.encoding=ANSI_X3.4-1968", "-Dfile.encoding=ANSI_X3.4-1968",
        "-cp", System.getProperty("java.class.path"),
        JournalLocaleChild.class.getName(), journal.toString(), renders.toString())
        .redirectError(dir.resolve("child.err").toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("LC_") || name.equals("LANGUAGE"));
    env.put("LANG", "C");
    env.put("LC_ALL", "C");
    Process child = builder.start();
    List<String> lines = new ArrayList<>();
    try {
      String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      if (!child.waitFor(60, TimeUnit.SECONDS)) {
        throw new AssertionError("the child JVM did not finish in 60 s");
      }
      assertThat(child.exitValue()).as("child exit; stderr: %s",
          Files.readString(dir.resolve("child.err"), StandardCharsets.ISO_8859_1)).isZero();
      out.lines().forEach(lines::add);
    } finally {
      child.destroyForcibly();
    }
    return lines;
  }
}
