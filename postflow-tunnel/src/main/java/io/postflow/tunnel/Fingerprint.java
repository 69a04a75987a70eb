package io.postflow.tunnel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A content check the exposer can afford on every request: SHA-256 over {@value #BLOCKS} blocks of
 * {@value #BLOCK} bytes spread evenly from the first to the last byte (the whole file when it is
 * smaller than that), read from an open channel. 64 KiB of reads, always at the same offsets, so
 * on a caching file system (LucidLink) they are fetched once.
 *
 * <p>Why: size, mtime and file key do not change when a file is rewritten in place at the same
 * size and its mtime put back (or deleted and recreated on a reused inode). Media containers keep
 * their index in the first or last blocks and a re-render changes every block, so such a rewrite
 * changes the fingerprint. Limit: one that changes only bytes between the sampled blocks, keeps the
 * size and restores the mtime is not seen.
 */
final class Fingerprint {
  static final int BLOCKS = 16;
  static final int BLOCK = 4096;

  private Fingerprint() {}

  /** The fingerprint of the first {@code size} bytes of {@code channel}, as 16 hex digits. */
  static String of(FileChannel channel, long size) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    ByteBuffer block = ByteBuffer.allocate(BLOCK);
    if (size <= (long) BLOCKS * BLOCK) {
      for (long offset = 0; offset < size; offset += BLOCK) {
        read(channel, block, offset, (int) Math.min(BLOCK, size - offset), sha);
      }
    } else {
      long step = (size - BLOCK) / (BLOCKS - 1);
      for (int i = 0; i < BLOCKS; i++) {
        read(channel, block, i == BLOCKS - 1 ? size - BLOCK : step * i, BLOCK, sha);
      }
    }
    byte[] digest = sha.digest();
    return HexFormat.of().formatHex(digest, 0, 8);
  }

  private static void read(FileChannel channel, ByteBuffer block, long offset, int length, MessageDigest sha)
      throws IOException {
    block.clear().limit(length);
    while (block.hasRemaining()) {
      if (channel.read(block, offset + block.position()) < 0) {
        throw new IOException("the file ended before byte " + (offset + length));
      }
    }
    sha.update(block.flip());
  }
}
