package io.postflow.cli.shots;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@link ShotsReport} on fixtures copied into a temporary folder, capturing its output. */
abstract class ReportTestBase {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** Copies {@code src/test/resources/shots/<name>} into the temporary folder. */
  Path copy(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/shots/" + name)) {
      Path target = dir.resolve(name);
      Files.copy(in, target);
      return target;
    }
  }

  /** Runs the command with fresh output buffers; returns its exit status. */
  int run(String... args) {
    out.reset();
    err.reset();
    return new ShotsReport().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** Forgets what was printed so far (for tests that run twice and look at the second). */
  void resetOutput() {
    out.reset();
    err.reset();
  }
}
