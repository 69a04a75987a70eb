package io.postflow.testkit;

import io.postflow.api.LocalFileException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Stand-ins for renders in tests and benchmarks, and their SHA-256: what every upload test needs
 * to prove that the bytes arrived, and arrived in the right order.
 *
 * <pre>{@code
 * Path render = TestFiles.sparse(dir.resolve("UNDLM_00042_v002.mov"), 1L << 30, 42);
 * // ... upload it ...
 * assertThat(result.sha256()).isEqualTo(TestFiles.sha256(render));
 * }</pre>
 */
public final class TestFiles {
  private static final int MIB = 1 << 20;
  private static final int MARKER = 4096;

  private TestFiles() {}

  /**
   * A file of {@code size} bytes that is mostly holes, with a seeded random 4 KiB block at the start
   * of every MiB: made in milliseconds even at gigabytes and takes almost no disk, yet any byte
   * sent to the wrong offset changes its hash.
   *
   * @return {@code file}
   * @throws LocalFileException when the file cannot be written
   */
  public static Path sparse(Path file, long size, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] marker = new byte[MARKER];
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(size);
      for (long at = 0; at < size; at += MIB) {
        fill(random, marker);
        raf.seek(at);
        raf.write(marker, 0, (int) Math.min(MARKER, size - at));
      }
    } catch (IOException e) {
      throw new LocalFileException("cannot write the test file", file, e);
    }
    return file;
  }

  /**
   * A file of {@code size} seeded pseudo-random bytes, incompressible like encoded video, so that
   * reading, hashing and sending it do real work (benchmarks, demos).
   *
   * @return {@code file}
   * @throws LocalFileException when the file cannot be written
   */
  public static Path random(Path file, long size, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] block = new byte[MIB];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = size; left > 0; left -= block.length) {
        fill(random, block);
        out.write(block, 0, (int) Math.min(block.length, left));
      }
    } catch (IOException e) {
      throw new LocalFileException("cannot write the test file", file, e);
    }
    return file;
  }

  /**
   * Like {@link #random}, but the file appears whole: written under a hidden temporary name beside
   * it (which watchers ignore), then renamed into place in one step, as a render farm finishes a
   * render. Use it for files a pipeline watches: written in place, a writer paused longer than the
   * settle time on a busy machine shows the watcher a half-written file, which then changes.
   *
   * @return {@code file}
   * @throws LocalFileException when the file cannot be written or moved into place
   */
  public static Path landed(Path file, long size, long seed) {
    Path staged = random(file.resolveSibling("." + file.getFileName() + ".tmp"), size, seed);
    try {
      return Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new LocalFileException("cannot move the test file into place", file, e);
    }
  }

  /**
   * The lowercase hex SHA-256 of a file's contents, read with a fixed 1 MiB buffer.
   *
   * @throws LocalFileException when the file cannot be read
   */
  public static String sha256(Path file) {
    MessageDigest digest = newSha256();
    ByteBuffer buffer = ByteBuffer.allocate(MIB);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      while (channel.read(buffer.clear()) > 0) {
        digest.update(buffer.flip());
      }
    } catch (IOException e) {
      throw new LocalFileException("cannot read", file, e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The lowercase hex SHA-256 of {@code bytes}. */
  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(newSha256().digest(bytes));
  }

  private static void fill(SplittableRandom random, byte[] bytes) {
    for (int i = 0; i < bytes.length; i += 8) {
      long value = random.nextLong();
      for (int b = 0; b < 8 && i + b < bytes.length; b++) {
        bytes[i + b] = (byte) (value >>> (8 * b));
      }
    }
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
