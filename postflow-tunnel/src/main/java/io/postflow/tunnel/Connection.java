package io.postflow.tunnel;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of {@link HttpFileExposer}: reads request heads into a fixed buffer of the
 * header limit (a longer head is a 431), hands each to {@link FileResponder}, keeps the
 * connection for the next request when both sides want it. Blocking I/O on one thread per
 * connection; the reaper closes the channel when {@link #overdue} names a limit it passed, which
 * also unblocks a stalled read or {@code transferTo}.
 *
 * <p>States: <b>waiting</b> for a request (idle between requests, or reading a head), <b>busy</b>
 * answering one, <b>closed</b>. Only a waiting connection may be let go for a newcomer
 * ({@link #letGo}); the switch to busy and the let-go race on one atomic, so a request whose head
 * has been read is never cut for that reason.
 */
final class Connection implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
  private static final int WAITING = 0;
  private static final int BUSY = 1;
  private static final int CLOSED = 2;

  private final SocketChannel channel;
  private final InetAddress addressKey;
  private final FileResponder responder;
  private final ConnectionLimits limits;
  private final byte[] buffer;
  private final Runnable onClose;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicInteger state = new AtomicInteger(WAITING);
  private int filled;
  private volatile long lastActivity = System.nanoTime();
  /** When it began waiting for the current request: accepted, or the last response ended. */
  private volatile long waitingSince = lastActivity;
  /** When the head being read began (its first byte; for a new connection, the accept); 0: none yet. */
  private volatile long headStarted = lastActivity;
  private volatile ExposedFile serving;
  /** Bytes sent and when the current rate window began; guarded by {@code this}. */
  private long windowBytes;
  private long windowStart;

  Connection(SocketChannel channel, InetAddress peer, FileResponder responder, ConnectionLimits limits,
      Runnable onClose) {
    this.channel = channel;
    this.addressKey = ConnectionTable.keyOf(peer);
    this.responder = responder;
    this.limits = limits;
    this.buffer = new byte[limits.maxHeaderBytes];
    this.onClose = onClose;
  }

  @Override
  public void run() {
    try {
      boolean keepAlive = true;
      while (keepAlive && channel.isOpen()) {
        int headLength = readHead();
        if (headLength < 0 || !startAnswering()) {
          break;
        }
        HttpRequest request;
        try {
          request = HttpRequest.parse(buffer, headLength);
          consume(headLength);
          keepAlive = responder.respond(request, this);
        } catch (HttpRequest.BadRequest e) {
          LOG.debug("bad request: {}", e.getMessage());
          sendHead(FileResponder.simpleHead(e.status, e.getMessage(), false));
          keepAlive = false;
        }
        startWaiting();
      }
    } catch (HttpRequest.BadRequest e) {
      LOG.debug("bad request: {}", e.getMessage());
      try {
        if (startAnswering()) {
          sendHead(FileResponder.simpleHead(e.status, e.getMessage(), false));
        }
      } catch (IOException ignored) {
        // the client is gone; nothing else to tell it
      }
    } catch (IOException e) {
      LOG.debug("connection ended: {}", e.toString());
    } catch (RuntimeException e) {
      LOG.error("unexpected failure serving a request", e);
    } finally {
      close();
    }
  }

  /** Waiting to busy; false when it was let go first. Starts a new rate window. */
  private boolean startAnswering() {
    if (!state.compareAndSet(WAITING, BUSY)) {
      return false;
    }
    synchronized (this) {
      windowStart = System.nanoTime();
      windowBytes = 0;
    }
    return true;
  }

  private void startWaiting() {
    long now = System.nanoTime();
    waitingSince = now;
    headStarted = filled > 0 ? now : 0; // a pipelined head has begun already
    state.compareAndSet(BUSY, WAITING);
  }

  /**
   * Reads until a complete head is buffered; its length, or -1 on a clean close between requests.
   * A bare LF or CR is refused as soon as it arrives: a head using them never ends in CRLF CRLF,
   * and would otherwise hold the connection until the idle timeout before getting no answer.
   */
  private int readHead() throws IOException {
    int scanFrom = 0;
    while (true) {
      for (int i = scanFrom; i < filled; i++) {
        boolean afterCr = i > 0 && buffer[i - 1] == '\r';
        if (buffer[i] == '\n') {
          if (!afterCr) {
            throw new HttpRequest.BadRequest(400, "bare LF in the request head");
          }
          if (i >= 3 && buffer[i - 2] == '\n' && buffer[i - 3] == '\r') {
            return i + 1;
          }
        } else if (afterCr) {
          throw new HttpRequest.BadRequest(400, "bare CR in the request head");
        }
      }
      scanFrom = filled;
      if (filled == buffer.length) {
        throw new HttpRequest.BadRequest(431, "request head larger than " + buffer.length + " bytes");
      }
      int n = channel.read(ByteBuffer.wrap(buffer, filled, buffer.length - filled));
      if (n < 0) {
        if (filled == 0) {
          return -1;
        }
        throw new EOFException("client closed in the middle of a request head");
      }
      if (filled == 0 && n > 0 && headStarted == 0) {
        headStarted = System.nanoTime(); // the head deadline runs from its first byte
      }
      filled += n;
      touch();
    }
  }

  private void consume(int length) {
    System.arraycopy(buffer, length, buffer, 0, filled - length);
    filled -= length;
  }

  void sendHead(String head) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(head.getBytes(StandardCharsets.ISO_8859_1));
    while (bytes.hasRemaining()) {
      progress(channel.write(bytes));
    }
  }

  /**
   * Sends up to {@code count} bytes of {@code file} from {@code position}, zero-copy where the OS
   * can, in slices ({@link ConnectionLimits#slice}): a blocking {@code transferTo} returns only
   * when its whole count is out, and the idle clock and the rate window must see a slow but steady
   * client's progress while it reads a chunk.
   */
  long transfer(FileChannel file, long position, long count) throws IOException {
    long sent = 0;
    while (sent < count) {
      long n;
      try {
        n = file.transferTo(position + sent, Math.min(limits.slice, count - sent), channel);
      } catch (IOException e) {
        if (sent == 0) {
          throw e;
        }
        // The slices before the failure did leave: the caller must still count them.
        throw new PartialTransferException(sent, e);
      }
      if (n <= 0) {
        break; // end of file (it shrank): the caller notices the short count
      }
      sent += n;
      progress(n);
    }
    return sent;
  }

  /** The connection failed after {@link #sent()} bytes of a transfer had been handed to it. */
  static final class PartialTransferException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long sent;

    PartialTransferException(long sent, IOException cause) {
      super(cause.getMessage(), cause);
      this.sent = sent;
    }

    long sent() {
      return sent;
    }
  }

  void touch() {
    lastActivity = System.nanoTime();
  }

  private void progress(long bytes) {
    touch();
    synchronized (this) {
      windowBytes += bytes;
    }
  }

  /** Which limit a connection passed (see {@link #overdue}). */
  enum Limit { HEAD_TIMEOUT, TOO_SLOW, IDLE }

  /**
   * The limit this connection has passed at {@code now}, or null: a head not complete within the
   * head timeout of its first byte (however steadily its bytes trickle in); while answering, fewer
   * than the minimum rate's bytes sent over a window as long as the idle timeout; no byte either
   * way for the idle timeout. Called by the reaper only (it also rolls the rate window).
   */
  Limit overdue(long now) {
    int current = state.get();
    long started = headStarted;
    if (current == WAITING && started != 0 && now - started > limits.headNanos) {
      return Limit.HEAD_TIMEOUT;
    }
    if (current == BUSY && limits.minDataRate > 0) {
      synchronized (this) {
        long elapsed = now - windowStart;
        if (elapsed >= limits.idleNanos) {
          boolean slow = windowBytes < limits.minDataRate * (elapsed / 1e9);
          windowStart = now;
          windowBytes = 0;
          if (slow && state.get() == BUSY) {
            return Limit.TOO_SLOW;
          }
        }
      }
    }
    return now - lastActivity > limits.idleNanos ? Limit.IDLE : null;
  }

  /** The address this connection is counted under per address (null: not counted). */
  InetAddress addressKey() {
    return addressKey;
  }

  /** When it began waiting for its current request (System.nanoTime). */
  long waitingSince() {
    return waitingSince;
  }

  /** Whether it is waiting for a request (idle, or reading a head) rather than answering one. */
  boolean isWaiting() {
    return state.get() == WAITING;
  }

  /**
   * Marks it closed if it is still waiting for a request, so that a newcomer can have its place;
   * the caller then {@link #abort()}s it. False when it has started answering.
   */
  boolean letGo() {
    return state.compareAndSet(WAITING, CLOSED);
  }

  /** Marks the exposure whose bytes this connection is sending (null when none). */
  void serving(ExposedFile exposure) {
    this.serving = exposure;
  }

  /** Whether it is sending bytes of {@code exposure} right now. */
  boolean isServing(ExposedFile exposure) {
    return serving == exposure;
  }

  /**
   * Closes the socket; the serving thread notices and ends. Safe from any thread. Shuts the socket
   * down first: a thread blocked in sendfile on a client that stopped reading is woken by a
   * shutdown, not by a close (the kernel keeps the socket alive for the syscall).
   */
  void abort() {
    try {
      channel.shutdownInput();
      channel.shutdownOutput();
    } catch (IOException e) {
      LOG.trace("shutting a connection down failed", e);
    }
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("closing a connection failed", e);
    }
  }

  private void close() {
    state.set(CLOSED);
    abort();
    if (closed.compareAndSet(false, true)) {
      onClose.run();
    }
  }
}
