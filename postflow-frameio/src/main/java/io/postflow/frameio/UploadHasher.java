package io.postflow.frameio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.zip.CRC32C;

/**
 * The SHA-256 of a local upload, computed by one sequential pass over the file that runs alongside
 * the parallel part PUTs.
 *
 * <p><b>Why a separate pass.</b> Parts leave out of order, and SHA-256 cannot be combined from
 * pieces, so hashing "as sent" would mean holding finished parts in memory until every earlier one
 * is done (unbounded for a slow first part). Instead this pass reads the file once, in order, with
 * one fixed buffer, and also takes a CRC32C of every part's range. Each part PUT takes a CRC32C of
 * the bytes it actually sent ({@link PartStream}); the session compares the two per part, so the
 * SHA-256 returned is provably that of the bytes sent (a mismatch fails the upload as a changed
 * file). Cost: the file is read twice; the second read mostly hits the page cache because the pass
 * runs at the same time as the parts, and SHA-256 (hardware-assisted on current JDKs) plus CRC32C
 * run at several hundred MB/s on one core.
 */
final class UploadHasher {
  private static final int BUFFER_BYTES = 256 * 1024;

  private final FileChannel channel;
  private final List<PartPlan> parts;
  private final BooleanSupplier stop;

  /** @param stop polled per buffer: the pass ends early (cancelled) when it returns true */
  UploadHasher(FileChannel channel, List<PartPlan> parts, BooleanSupplier stop) {
    this.channel = channel;
    this.parts = parts;
    this.stop = stop;
  }

  /** The outcome of the pass: the file's SHA-256 and one CRC32C per part. */
  record Digest(String sha256, long[] partCrcs) {}

  /**
   * Runs the pass.
   *
   * @throws CancellationException when {@code stop} said so
   * @throws IOException when the file cannot be read or ends early (it changed)
   */
  Digest run() throws IOException {
    MessageDigest sha = sha256();
    long[] crcs = new long[parts.size()];
    ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    for (PartPlan part : parts) {
      CRC32C crc = new CRC32C();
      long position = part.offset();
      while (position < part.end()) {
        if (stop.getAsBoolean()) {
          throw new CancellationException("hashing stopped");
        }
        buffer.clear();
        buffer.limit((int) Math.min(BUFFER_BYTES, part.end() - position));
        int n = channel.read(buffer, position);
        if (n <= 0) {
          throw new IOException("the file ended at " + position + ", expected " + part.end());
        }
        buffer.flip();
        crc.update(buffer.duplicate());
        sha.update(buffer);
        position += n;
      }
      crcs[part.index()] = crc.getValue();
    }
    return new Digest(HexFormat.of().formatHex(sha.digest()), crcs);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
