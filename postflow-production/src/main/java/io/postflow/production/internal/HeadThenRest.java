package io.postflow.production.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The first bytes of a stream, already read to look at (the readers sniff a file's head before
 * choosing how to read it), then the rest of the stream. Unlike a {@code SequenceInputStream},
 * whose list of streams keeps the head to the end of the read, it lets go of the head once read:
 * the shot-list reader's head is a megabyte, a whole heap region or two in a small heap. Not
 * thread-safe; closing it closes the rest. Not exported.
 */
public final class HeadThenRest extends InputStream {
  private byte[] head;
  private int position;
  private final int end;
  private final InputStream rest;

  /** {@code head[from, to)}, then {@code rest}. */
  public HeadThenRest(byte[] head, int from, int to, InputStream rest) {
    Objects.checkFromToIndex(from, to, head.length);
    this.head = head;
    this.position = from;
    this.end = to;
    this.rest = Objects.requireNonNull(rest, "rest");
    release();
  }

  @Override
  public int read() throws IOException {
    if (head != null) {
      int b = head[position++] & 0xFF;
      release();
      return b;
    }
    return rest.read();
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    if (length == 0) {
      return 0;
    }
    if (head != null) {
      int n = Math.min(length, end - position);
      System.arraycopy(head, position, buffer, offset, n);
      position += n;
      release();
      return n;
    }
    return rest.read(buffer, offset, length);
  }

  /** Drops the head once all of it was read (or when it was empty from the start). */
  private void release() {
    if (position == end) {
      head = null;
    }
  }

  @Override
  public void close() throws IOException {
    head = null;
    rest.close();
  }
}
