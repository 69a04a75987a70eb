package io.postflow.examples.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Writes a stand-in for a render: deterministic pseudo-random bytes, like compressed video. */
final class DemoRender {
  private DemoRender() {}

  static Path write(Path directory, String name, long size, long seed) throws IOException {
    Path file = directory.resolve(name);
    SplittableRandom random = new SplittableRandom(seed);
    byte[] block = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = size; left > 0; left -= block.length) {
        for (int i = 0; i < block.length; i += 8) {
          long value = random.nextLong();
          for (int b = 0; b < 8; b++) {
            block[i + b] = (byte) (value >>> (8 * b));
          }
        }
        out.write(block, 0, (int) Math.min(block.length, left));
      }
    }
    return file;
  }
}
