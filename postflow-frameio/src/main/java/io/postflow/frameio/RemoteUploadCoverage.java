package io.postflow.frameio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which bytes of an exposed file the service has pulled, and the SHA-256 of the file hashed as
 * they are pulled.
 *
 * <p>The exposer only reports offsets and counts, not the bytes, so hashing means reading the
 * file again. While the service pulls in order, the hashed prefix follows the served prefix and
 * those reads hit the page cache right behind the exposer; ranges served out of order are merged
 * and hashed once the gap before them is filled; whatever was never served in order (or at all,
 * with an exposer that does not report bytes) is hashed by a final sequential pass. The exposer
 * refuses a file whose size or mtime changed and the session checks them too, so the file's bytes
 * are the bytes served. Recording is thread-safe (exposer threads); hashing runs on the session's
 * thread.
 */
final class RemoteUploadCoverage {
  private static final int BUFFER_BYTES = 256 * 1024;

  private final long size;
  /** Served ranges, merged: start -> end (exclusive). */
  private final TreeMap<Long, Long> ranges = new TreeMap<>();
  private long covered;
  private long served;
  private long lastServedMillis;
  private final MessageDigest sha = UploadHasher.sha256();
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
  private long hashed;

  RemoteUploadCoverage(long size, long nowMillis) {
    this.size = size;
    this.lastServedMillis = nowMillis;
  }

  /** Records that {@code count} bytes from {@code offset} were written to the service. */
  synchronized void served(long offset, long count, long nowMillis) {
    if (count <= 0 || offset < 0) {
      return;
    }
    served += count;
    lastServedMillis = nowMillis;
    long start = offset;
    long end = Math.min(size, offset + count);
    Map.Entry<Long, Long> before = ranges.floorEntry(start);
    if (before != null && before.getValue() >= start) {
      start = before.getKey();
      end = Math.max(end, before.getValue());
    }
    Map.Entry<Long, Long> next = ranges.ceilingEntry(start);
    while (next != null && next.getKey() <= end) {
      end = Math.max(end, next.getValue());
      ranges.remove(next.getKey());
      next = ranges.ceilingEntry(start);
    }
    ranges.put(start, end);
    covered = ranges.entrySet().stream().mapToLong(e -> e.getValue() - e.getKey()).sum();
  }

  /**
   * The service has just been asked to pull: the stall clock starts now, not when the upload was
   * created (it may have waited in the executor's queue, or for the tunnel to open).
   */
  synchronized void pullRequested(long nowMillis) {
    lastServedMillis = Math.max(lastServedMillis, nowMillis);
  }

  /** Distinct bytes of the file served at least once. */
  synchronized long covered() {
    return covered;
  }

  /** Bytes served in all, repeats included. */
  synchronized long served() {
    return served;
  }

  synchronized long lastServedMillis() {
    return lastServedMillis;
  }

  private synchronized long contiguousEnd() {
    Map.Entry<Long, Long> first = ranges.firstEntry();
    return first != null && first.getKey() == 0 ? first.getValue() : 0;
  }

  /** Hashes the file up to the end of the prefix served so far. */
  void catchUp(Path file) throws IOException {
    hashTo(file, contiguousEnd());
  }

  /** Hashes the rest of the file (the final sequential pass) and returns the hex SHA-256. */
  String finish(Path file) throws IOException {
    hashTo(file, size);
    return HexFormat.of().formatHex(sha.digest());
  }

  private void hashTo(Path file, long end) throws IOException {
    if (hashed >= end) {
      return;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      while (hashed < end) {
        buffer.clear();
        buffer.limit((int) Math.min(BUFFER_BYTES, end - hashed));
        int n = channel.read(buffer, hashed);
        if (n < 0) {
          throw new IOException("the file ended at " + hashed + ", expected " + size + " bytes");
        }
        buffer.flip();
        sha.update(buffer);
        hashed += n;
      }
    }
  }
}
