package io.postflow.frameio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.zip.CRC32C;

/**
 * The bytes of one part, read straight from the file with positional reads (so many parts can
 * share one channel), never more than the caller's buffer at a time. Keeps a CRC32C of everything
 * it handed out, which is later compared with the sequential hashing pass: that proves the SHA-256
 * covers exactly the bytes that were sent. Stops with an {@link IOException} when the upload is
 * cancelled, which aborts the request that is reading it.
 */
final class PartStream extends InputStream {
  private final FileChannel channel;
  private final long end;
  private final AtomicLong sentCounter;
  private final BooleanSupplier cancelled;
  private final Runnable afterRead;
  private final CRC32C crc = new CRC32C();
  private long position;

  /** @param afterRead runs after every read (progress reporting; must be cheap) */
  PartStream(FileChannel channel, PartPlan part, AtomicLong sentCounter, BooleanSupplier cancelled,
      Runnable afterRead) {
    this.channel = channel;
    this.afterRead = afterRead;
    this.position = part.offset();
    this.end = part.end();
    this.sentCounter = sentCounter;
    this.cancelled = cancelled;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int off, int len) throws IOException {
    if (cancelled.getAsBoolean()) {
      throw new IOException("upload cancelled");
    }
    if (position >= end) {
      return -1;
    }
    int want = (int) Math.min(len, end - position);
    if (want == 0) {
      return 0;
    }
    int n = channel.read(ByteBuffer.wrap(buffer, off, want), position);
    if (n < 0) {
      // The file is shorter than it was: caught as a change of the file by the session.
      throw new IOException("the file ended at " + position + " before the part's end " + end);
    }
    crc.update(buffer, off, n);
    position += n;
    sentCounter.addAndGet(n);
    afterRead.run();
    return n;
  }

  /** CRC32C of the bytes read so far (all of the part once the request succeeded). */
  long crc() {
    return crc.getValue();
  }
}
