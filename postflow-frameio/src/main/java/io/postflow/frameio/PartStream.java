package io.postflow.frameio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.zip.CRC32C;

/**
 * The bytes of one part, read straight from the file with positional reads (so many parts can
 * share one channel) in chunks of {@value #CHUNK_BYTES} bytes. Keeps a CRC32C of everything it
 * handed out, which is later compared with the sequential hashing pass: that proves the SHA-256
 * covers exactly the bytes that were sent. Stops with an {@link IOException} when the upload is
 * cancelled, which aborts the request that is reading it. Not thread-safe: one reader at a time.
 */
final class PartStream {
  /**
   * Large enough that the HTTP client writes big slices (16 KiB chunks halved the throughput on
   * loopback), small enough that six parts in flight hold little memory.
   */
  static final int CHUNK_BYTES = 128 * 1024;

  private final FileChannel channel;
  private final long end;
  private final AtomicLong sentCounter;
  private final BooleanSupplier cancelled;
  private final Runnable afterRead;
  private final CRC32C crc = new CRC32C();
  private long position;

  /** @param afterRead runs after every chunk read (progress reporting; must be cheap) */
  PartStream(FileChannel channel, PartPlan part, AtomicLong sentCounter, BooleanSupplier cancelled,
      Runnable afterRead) {
    this.channel = channel;
    this.afterRead = afterRead;
    this.position = part.offset();
    this.end = part.end();
    this.sentCounter = sentCounter;
    this.cancelled = cancelled;
  }

  /**
   * The next chunk, or null once the whole part was read.
   *
   * @throws IOException when cancelled, when the file cannot be read, or when it ends before the
   *     part does (it changed)
   */
  ByteBuffer next() throws IOException {
    if (cancelled.getAsBoolean()) {
      throw new IOException("upload cancelled");
    }
    if (position >= end) {
      return null;
    }
    ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, end - position));
    while (chunk.hasRemaining()) {
      int n = channel.read(chunk, position + chunk.position());
      if (n < 0) {
        // The file is shorter than it was: reported as a change of the file by the session.
        throw new IOException("the file ended at " + (position + chunk.position())
            + " before the part's end " + end);
      }
    }
    chunk.flip();
    crc.update(chunk.duplicate());
    position += chunk.remaining();
    sentCounter.addAndGet(chunk.remaining());
    afterRead.run();
    return chunk;
  }

  /** Whether every byte of the part was handed out. */
  boolean whole() {
    return position >= end;
  }

  /** CRC32C of the bytes read so far (all of the part once the request succeeded). */
  long crc() {
    return crc.getValue();
  }
}
