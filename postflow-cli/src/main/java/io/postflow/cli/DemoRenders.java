package io.postflow.cli;

import io.postflow.testkit.TestFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The renders that land in the watched folder over a few seconds, the awkward ways renders land
 * in a real filespace: one written slowly, one 0-byte placeholder filled later, one badly named,
 * and a version 2 of the first shot. Their bytes are fixed by a seed, so each render is the same
 * on every run, and their SHA-256 is kept to check what arrived.
 */
final class DemoRenders {
  static final String SLOW = "KRAK_00001_v001.mov";
  static final String PLACEHOLDER = "KRAK_00002_v001.mov";
  static final String BAD_NAME = "KRAK_00003_final.mov";
  static final String VERSION_2 = "KRAK_00001_v002.mov";
  /** The names the pipeline must deliver, in the order they land. */
  static final List<String> DELIVERED = List.of(SLOW, PLACEHOLDER, VERSION_2);

  private final Path folder;
  private final long bytes;
  private final PrintStream out;
  private final Map<String, String> sha256 = new ConcurrentHashMap<>();

  DemoRenders(Path folder, long bytes, PrintStream out) {
    this.folder = folder;
    this.bytes = bytes;
    this.out = out;
  }

  /** Lands the four renders, over about five seconds; returns when the last one is written. */
  void land() throws InterruptedException {
    out.println("  + " + PLACEHOLDER + ": a 0-byte placeholder (the file is not written yet)");
    write(PLACEHOLDER, 0, 2, 0);
    out.println("  + " + SLOW + ": being written slowly, over about 3 s");
    Thread slow = new Thread(() -> write(SLOW, bytes, 1, 12), "demo-slow-render");
    slow.start();
    Thread.sleep(500);
    out.println("  + " + BAD_NAME + ": a render whose name matches no pattern");
    write(BAD_NAME, bytes / 4, 3, 0);
    Thread.sleep(1500);
    out.println("  + " + PLACEHOLDER + ": the placeholder is filled now");
    write(PLACEHOLDER, bytes, 2, 0);
    slow.join();
    out.println("  + " + VERSION_2 + ": version 2 of shot KRAK_00001");
    write(VERSION_2, bytes, 4, 0);
  }

  /** The SHA-256 of what was last written under {@code name}. */
  String sha256(String name) {
    return sha256.get(name);
  }

  long bytes() {
    return bytes;
  }

  /** Writes {@code size} seeded bytes, in {@code pauses + 1} chunks with 250 ms between them. */
  private void write(String name, long size, long seed, int pauses) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] buffer = new byte[64 * 1024];
    long chunk = pauses == 0 ? size : Math.max(1, size / (pauses + 1));
    try (OutputStream file = Files.newOutputStream(folder.resolve(name), StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      long written = 0;
      long nextPause = chunk;
      while (written < size) {
        int n = (int) Math.min(buffer.length, size - written);
        random.nextBytes(buffer);
        file.write(buffer, 0, n);
        written += n;
        if (written >= nextPause && written < size) {
          file.flush();
          Thread.sleep(250);
          nextPause += chunk;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo render " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    sha256.put(name, TestFiles.sha256(folder.resolve(name)));
  }
}
